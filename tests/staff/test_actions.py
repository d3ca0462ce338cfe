"""Staff actions: people and roles are checked whole, written with their audit, never deleted."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jiedao.core.models import AuditEntry, Grid, Jurisdiction, Role, RoleAssignment, User
from jiedao.mediation.models import Room
from jiedao.staff import actions
from jiedao.staff.actions import PersonData, RoleSpec


def test_create_person_with_grid_role_and_room(
    jurisdiction: Jurisdiction, grids: dict[str, Grid], users
) -> None:
    room = Room.objects.filter(jurisdiction=jurisdiction).first()
    assert room is not None
    person, raw = actions.create_person(
        acting_user=users["admin"],
        jurisdiction=jurisdiction,
        data=PersonData(username="wang_g1", display_name="王网格", phone="13800001111"),
        roles=[
            RoleSpec(Role.GRID_WORKER, grid=grids["G1"]),
            RoleSpec(Role.MEDIATOR, units={"room": {room.pk}}),
        ],
    )
    assert person.check_password(raw)
    assert person.must_change_password
    assert str(person.phone) == "138****1111"
    assert set(RoleAssignment.objects.filter(user=person).values_list("role", flat=True)) == {
        "grid_worker",
        "mediator",
    }
    entry = AuditEntry.objects.get(object_type="core.user", object_id=str(person.pk), action="create")
    assert entry.after["phone"] == "138****1111"
    assert {"unit": "room", "ids": [room.pk]} in entry.after["roles"]

    assert actions.set_roles(
        acting_user=users["admin"],
        jurisdiction=jurisdiction,
        person=person,
        roles=[RoleSpec(Role.GRID_WORKER, grid=grids["G2"])],
    )
    assert list(RoleAssignment.objects.filter(user=person).values_list("grid__code", flat=True)) == ["G2"]
    assert not room.members.filter(user=person).exists()


def test_bad_person_writes_nothing(
    jurisdiction: Jurisdiction, other_jurisdiction: Jurisdiction, users
) -> None:
    foreign = Grid.objects.filter(jurisdiction=other_jurisdiction).first()
    before = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.create_person(
            acting_user=users["admin"],
            jurisdiction=jurisdiction,
            data=PersonData(username=users["dispatcher"].username, display_name="", phone="123"),
            roles=[RoleSpec(Role.GRID_WORKER, grid=foreign), RoleSpec(Role.HANDLER)],
        )
    assert set(exc.value.message_dict) == {"username", "display_name", "phone", "roles"}
    assert User.objects.count() == before


def test_deactivate_keeps_the_person(jurisdiction: Jurisdiction, users) -> None:
    person = users["grid_worker"]
    assert actions.deactivate(acting_user=users["admin"], jurisdiction=jurisdiction, person=person)
    assert not actions.deactivate(acting_user=users["admin"], jurisdiction=jurisdiction, person=person)
    person.refresh_from_db()
    assert not person.is_active
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="deactivate").count() == 1
    with pytest.raises(ValidationError):
        actions.deactivate(acting_user=users["admin"], jurisdiction=jurisdiction, person=users["admin"])
