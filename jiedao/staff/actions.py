"""Every write to staff: people, their roles with scopes, passwords and deactivation.

Each function takes a keyword-only `acting_user`, checks everything first (a ValidationError
maps field → messages and nothing is written), then writes the change and its audit entries in
one transaction. People are never deleted: cases keep their actors.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiedao.core import audit, staffing
from jiedao.core.audit import snapshot
from jiedao.core.models import Jurisdiction, RoleAssignment, User
from jiedao.staff.checks import (
    PersonData,
    RoleSpec,
    check_password,
    check_person,
    check_roles,
    one_time_password,
)

__all__ = [
    "PersonData",
    "RoleSpec",
    "change_own_password",
    "check_all",
    "check_person",
    "check_roles",
    "create_person",
    "deactivate",
    "edit_person",
    "one_time_password",
    "reactivate",
    "require_password_change",
    "reset_password",
    "set_roles",
    "update_person",
]

PERSON_FIELDS = [
    "username",
    "display_name",
    "phone",
    "department",
    "post",
    "is_active",
    "must_change_password",
]
ROLE_FIELDS = ["role", "community", "grid", "department", "inspection_area", "can_reveal_pii"]


def check_all(
    data: PersonData, roles: list[RoleSpec], *, jurisdiction: Jurisdiction, person: User | None = None
) -> dict[str, Any]:
    """`check_person` and `check_roles` together, so a form shows every error at once."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    try:
        values = check_person(data, jurisdiction=jurisdiction, person=person)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        check_roles(roles, jurisdiction=jurisdiction)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return values


def roles_snapshot(person: User, jurisdiction: Jurisdiction) -> list[dict[str, Any]]:
    """The person's roles in this jurisdiction, JSON-safe, for audit before/after."""
    rows = RoleAssignment.objects.filter(user=person, jurisdiction=jurisdiction).order_by("pk")
    out = [snapshot(ra, ROLE_FIELDS) for ra in rows]
    for unit in staffing.scope_units():
        held = unit.held(person, jurisdiction)
        if held:
            out.append({"unit": unit.key, "ids": sorted(held)})
    return out


def create_person(
    *,
    acting_user: User | None,
    jurisdiction: Jurisdiction,
    data: PersonData,
    roles: list[RoleSpec],
    password: str | None = None,
) -> tuple[User, str]:
    """A new active person with their roles; returns (person, the password to hand over once).

    Without `password` a one-time password is generated and must be changed at first login.
    """
    values = check_all(data, roles, jurisdiction=jurisdiction)
    if password is not None:
        check_password(password, username=values["username"])
    raw = password or one_time_password(values["username"])
    with transaction.atomic():
        person = User(**values, must_change_password=password is None)
        person.set_password(raw)
        person.save()
        _write_roles(person, jurisdiction, roles, acting_user=acting_user)
        audit.record(
            person,
            "create",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            after={**snapshot(person, PERSON_FIELDS), "roles": roles_snapshot(person, jurisdiction)},
        )
    return person, raw


def update_person(
    *, acting_user: User | None, jurisdiction: Jurisdiction, person: User, data: PersonData
) -> bool:
    """Change a person's facts; returns whether anything changed (no audit entry when not)."""
    values = check_person(data, jurisdiction=jurisdiction, person=person)
    with transaction.atomic():
        return _write_person(person, values, acting_user=acting_user, jurisdiction=jurisdiction)


def edit_person(
    *,
    acting_user: User | None,
    jurisdiction: Jurisdiction,
    person: User,
    data: PersonData,
    roles: list[RoleSpec],
) -> bool:
    """Facts and roles of one person from one form: both checked first, written together."""
    values = check_all(data, roles, jurisdiction=jurisdiction, person=person)
    with transaction.atomic():
        changed = _write_person(person, values, acting_user=acting_user, jurisdiction=jurisdiction)
        return (
            set_roles(acting_user=acting_user, jurisdiction=jurisdiction, person=person, roles=roles)
            or changed
        )


def _write_person(
    person: User, values: dict[str, Any], *, acting_user: User | None, jurisdiction: Jurisdiction
) -> bool:
    before = snapshot(person, PERSON_FIELDS)
    old_phone = person.phone
    for name, value in values.items():
        setattr(person, name, value)
    after = snapshot(person, PERSON_FIELDS)
    # The masks of two numbers can be equal (138****1111): compare the values themselves.
    phone_changed = person.phone != old_phone
    if after == before and not phone_changed:
        return False
    if phone_changed and after["phone"] == before["phone"]:
        after["phone_changed"] = True
    person.save()
    audit.record(
        person,
        "update",
        acting_user=acting_user,
        jurisdiction_id=jurisdiction.pk,
        before=before,
        after=after,
    )
    return True


def set_roles(
    *, acting_user: User | None, jurisdiction: Jurisdiction, person: User, roles: list[RoleSpec]
) -> bool:
    """Make `roles` the person's roles in this jurisdiction (others untouched); returns changed."""
    check_roles(roles, jurisdiction=jurisdiction)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=person.pk).first()
        before = roles_snapshot(person, jurisdiction)
        RoleAssignment.objects.filter(user=person, jurisdiction=jurisdiction).delete()
        _write_roles(person, jurisdiction, roles, acting_user=acting_user)
        after = roles_snapshot(person, jurisdiction)
        if _same_roles(after, before):
            transaction.set_rollback(True)
            return False
        audit.record(
            person,
            "roles",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before={"roles": before},
            after={"roles": after},
        )
    _forget_scope(person)
    return True


def _same_roles(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """The same roles, in whatever order they were written (a re-imported sheet, a form whose
    rows were reordered): no change, no audit entry."""

    def key(items: list[dict[str, Any]]) -> list[str]:
        return sorted(json.dumps(item, sort_keys=True) for item in items)

    return key(a) == key(b)


def _write_roles(
    person: User, jurisdiction: Jurisdiction, roles: list[RoleSpec], *, acting_user: User | None
) -> None:
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=person,
            jurisdiction=jurisdiction,
            role=spec.role,
            community=spec.community,
            grid=spec.grid,
            department=spec.department,
            inspection_area=spec.inspection_area,
            can_reveal_pii=spec.can_reveal_pii,
        )
        for spec in roles
    )
    for unit in staffing.scope_units():
        wanted: set[int] = set()
        for spec in roles:
            wanted |= spec.units.get(unit.key, set())
        if wanted or unit.held(person, jurisdiction):
            unit.assign(acting_user, person, jurisdiction, wanted)


def _forget_scope(person: User) -> None:
    for name in ("_jiedao_scope", "_jiedao_assignments"):
        person.__dict__.pop(name, None)


def _set_flags(
    person: User, action: str, *, acting_user: User | None, jurisdiction: Jurisdiction, **flags: Any
) -> bool:
    before = {name: getattr(person, name) for name in flags}
    if before == flags:
        return False
    with transaction.atomic():
        User.objects.filter(pk=person.pk).update(**flags)
        for name, value in flags.items():
            setattr(person, name, value)
        audit.record(
            person,
            action,
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before=before,
            after=flags,
        )
    return True


def deactivate(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    """The person can no longer sign in or use a token (next request refused); nothing is deleted."""
    if acting_user is not None and acting_user.pk == person.pk:
        raise ValidationError({"is_active": [_("不能停用自己的账号")]})
    return _set_flags(
        person, "deactivate", acting_user=acting_user, jurisdiction=jurisdiction, is_active=False
    )


def reactivate(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    return _set_flags(
        person, "reactivate", acting_user=acting_user, jurisdiction=jurisdiction, is_active=True
    )


def require_password_change(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    """At their next sign-in the person must choose a new password before anything else."""
    return _set_flags(
        person,
        "require_password_change",
        acting_user=acting_user,
        jurisdiction=jurisdiction,
        must_change_password=True,
    )


def reset_password(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> str:
    """Set a one-time password (returned, to be shown once) that must be changed at next sign-in."""
    raw = one_time_password(person.username)
    with transaction.atomic():
        person.set_password(raw)
        person.must_change_password = True
        person.save(update_fields=["password", "password_changed_at", "must_change_password"])
        # The audit says that it happened, never the value.
        audit.record(person, "reset_password", acting_user=acting_user, jurisdiction_id=jurisdiction.pk)
    return raw


def change_own_password(*, person: User, new_password: str, source: str = "") -> None:
    """The person's own new password (validated by the caller's form); clears the forced change.
    `source` is the address the change came from, for the security audit."""
    with transaction.atomic():
        person.set_password(new_password)
        person.must_change_password = False
        person.save(update_fields=["password", "password_changed_at", "must_change_password"])
        audit.record(
            person, "change_password", acting_user=person, jurisdiction_id=None, after={"ip": source}
        )
