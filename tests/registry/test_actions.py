"""Registry actions: validation, scope of writes, versions, audit with masked values, reveal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from jiedao.core.fields import Protected
from jiedao.core.models import AuditEntry
from jiedao.registry import actions
from jiedao.registry.models import Household, Organisation, Place, Resident
from tests.registry.conftest import make_id

ID = make_id(birth="19851120", seq="457")
PHONE = "13812345678"


def test_create_resident_derives_gender_and_birth_and_audits_masked(world, add_resident) -> None:
    r = add_resident("陈美玲", id_number=ID, phone=PHONE, tags=[world.tag_overseas])
    r = Resident.objects.get(pk=r.pk)
    assert (r.gender, r.birth_date) == ("M", dt.date(1985, 11, 20))
    assert (r.community, r.jurisdiction, r.version) == (world.community_a, world.jurisdiction, 1)
    assert isinstance(r.id_number, Protected)
    assert str(r.id_number) == ID[:6] + "********" + ID[-4:]
    assert r.id_number.reveal() == ID
    assert list(r.tags.all()) == [world.tag_overseas]
    entry = AuditEntry.objects.get(object_type="registry.resident", object_id=str(r.pk))
    assert entry.action == "create"
    assert entry.user == world.dispatcher
    after = entry.after or {}
    assert after["id_number"] == str(r.id_number)
    assert after["phone"] == "138****5678"
    assert ID not in str(entry.after)
    assert PHONE not in str(entry.after)


def test_plaintext_is_nowhere_in_the_stored_rows(world, add_resident) -> None:
    add_resident("陈美玲", id_number=ID, phone=PHONE)
    org_phone = "057763481234"
    actions.create_organisation(
        acting_user=world.dispatcher,
        data=actions.OrganisationInput(name="东屿海产", grid=world.grid_a, phone="0577-63481234"),
    )
    with connection.cursor() as cur:
        cur.execute("SELECT id_number, phone, id_number_bidx FROM registry_resident")
        id_cipher, phone_cipher, bidx = cur.fetchone()
        dumped: list[str] = []
        for table in ("registry_resident", "registry_organisation", "core_auditentry"):
            cur.execute(f"SELECT * FROM {table}")
            dumped.extend(str(v) for row in cur.fetchall() for v in row)
    assert id_cipher.startswith("v1:")
    assert phone_cipher.startswith("v1:")
    assert len(bidx) == 64
    blob = "\n".join(dumped)
    for secret in (ID, ID[6:14], PHONE, org_phone):
        assert secret not in blob
    if connection.vendor == "sqlite":
        # The exact bytes SQLite would write to the database file: pages, indexes, free space.
        raw = connection.connection.serialize()
        assert "陈美玲".encode() in raw  # ordinary text is found, so absence below means something
        for secret in (ID, PHONE, org_phone):
            assert secret.encode() not in raw


def test_bad_input_gets_translated_errors_and_writes_nothing(world) -> None:
    data = actions.ResidentInput(
        name=" ", grid=world.grid_a, id_number=ID[:17] + ("1" if ID[-1] != "1" else "2"), phone="12345"
    )
    with pytest.raises(ValidationError) as exc:
        actions.create_resident(acting_user=world.worker_a, data=data)
    errors = exc.value.message_dict
    assert errors["id_number"] == ["身份证号码校验位不正确"]
    assert errors["name"] == ["姓名不能为空"]
    assert "电话号码格式不正确" in errors["phone"][0]
    assert not Resident.objects.exists()
    assert not AuditEntry.objects.exists()


def test_grid_and_community_must_agree(world) -> None:
    data = actions.ResidentInput(name="李四", community=world.community_b, grid=world.grid_a)
    with pytest.raises(ValidationError) as exc:
        actions.create_resident(acting_user=world.dispatcher, data=data)
    assert exc.value.message_dict["grid"] == ["所选网格不属于所选村社"]


def test_same_id_number_cannot_be_registered_twice(world, add_resident) -> None:
    add_resident("王一", id_number=ID)
    with pytest.raises(ValidationError) as exc:
        add_resident("王二", id_number=ID.lower(), grid=world.grid_b)
    assert exc.value.message_dict["id_number"] == ["该身份证号码已登记"]
    assert Resident.objects.count() == 1


def test_grid_worker_writes_only_in_own_grid(world) -> None:
    own = actions.create_resident(
        acting_user=world.worker_a, data=actions.ResidentInput(name="张三", grid=world.grid_a)
    )
    assert own.grid == world.grid_a
    with pytest.raises(PermissionDenied):
        actions.create_resident(
            acting_user=world.worker_a, data=actions.ResidentInput(name="李四", grid=world.grid_b)
        )
    with pytest.raises(PermissionDenied):
        actions.create_resident(
            acting_user=world.leader, data=actions.ResidentInput(name="李四", grid=world.grid_b)
        )
    b = actions.create_resident(
        acting_user=world.worker_b, data=actions.ResidentInput(name="李四", grid=world.grid_b)
    )
    with pytest.raises(PermissionDenied):
        actions.update_resident(
            acting_user=world.worker_a,
            resident=b,
            data=actions.ResidentInput(name="改名", grid=world.grid_a),
            expected_version=1,
        )
    assert Resident.objects.get(pk=b.pk).name == "李四"


def test_stale_edit_is_refused_and_nothing_is_written(world, add_resident) -> None:
    r = add_resident("王小明", phone=PHONE)
    first = actions.update_resident(
        acting_user=world.worker_a,
        resident=r,
        data=actions.ResidentInput(name="王晓明", grid=world.grid_a, phone=None),
        expected_version=1,
    )
    assert first.version == 2
    assert first.phone is not None
    assert first.phone.reveal() == PHONE
    with pytest.raises(actions.StaleEditError) as exc:
        actions.update_resident(
            acting_user=world.dispatcher,
            resident=r,
            data=actions.ResidentInput(name="王明", grid=world.grid_a),
            expected_version=1,
        )
    assert str(exc.value) == "该记录已被他人修改，请刷新页面后重新编辑"
    fresh = Resident.objects.get(pk=r.pk)
    assert (fresh.name, fresh.version) == ("王晓明", 2)
    assert list(AuditEntry.objects.filter(object_id=str(r.pk)).values_list("action", flat=True)) == [
        "update",
        "create",
    ]


def test_update_audits_masked_before_and_after(world, add_resident) -> None:
    r = add_resident("王小明", phone=PHONE)
    actions.update_resident(
        acting_user=world.dispatcher,
        resident=r,
        data=actions.ResidentInput(name="王小明", grid=world.grid_a, phone="13987654321"),
        expected_version=1,
    )
    entry = AuditEntry.objects.filter(action="update").get()
    before, after = entry.before or {}, entry.after or {}
    assert (before["phone"], after["phone"]) == ("138****5678", "139****4321")
    assert (before["version"], after["version"]) == (1, 2)


def test_archive_keeps_the_row_and_hides_it(world, add_resident) -> None:
    r = add_resident("王小明")
    actions.archive_resident(acting_user=world.dispatcher, resident=r, expected_version=1)
    fresh = Resident.objects.get(pk=r.pk)
    assert fresh.archived
    assert fresh.version == 2
    with pytest.raises(actions.StaleEditError):
        actions.archive_resident(acting_user=world.dispatcher, resident=r, expected_version=1)


def test_reveal_is_audited_for_permitted_users_and_refused_for_others(world, add_resident) -> None:
    r = add_resident("王小明", id_number=ID, phone=PHONE)
    assert actions.reveal_resident_field(acting_user=world.leader, resident=r, field="id_number") == ID
    entry = AuditEntry.objects.get(action="reveal")
    assert entry.user == world.leader
    assert entry.after == {"field": "id_number"}
    for user in (world.dispatcher, world.worker_a, world.outsider, world.nobody):
        with pytest.raises(PermissionDenied) as exc:
            actions.reveal_resident_field(acting_user=user, resident=r, field="phone")
        assert str(exc.value) == "您没有查看完整个人信息的权限"
    assert AuditEntry.objects.filter(action="reveal").count() == 1


def test_places_households_and_organisations(world) -> None:
    place = actions.create_place(
        acting_user=world.worker_a,
        data=actions.PlaceInput(
            name="海景出租屋",
            kind=world.kind_rental,
            address="北岙街道1号",
            grid=world.grid_a,
            lat=27.84,
            lng=121.15,
            risk_colour="yellow",
        ),
    )
    assert place.community == world.community_a
    with pytest.raises(ValidationError) as exc:
        actions.create_place(
            acting_user=world.worker_a,
            data=actions.PlaceInput(name="x", kind=world.tag_key, address="y", grid=world.grid_a, lat=27.0),
        )
    assert set(exc.value.message_dict) == {"lat"}
    with pytest.raises(ValidationError) as exc:
        actions.create_place(
            acting_user=world.worker_a,
            data=actions.PlaceInput(name="x", kind=world.tag_key, address="y", grid=world.grid_a),
        )
    assert exc.value.message_dict == {"kind": ["所选类型不可用"]}
    assert Place.objects.count() == 1
    hh = actions.create_household(
        acting_user=world.worker_a,
        data=actions.HouseholdInput(address="北岙街道2号", number="H001", grid=world.grid_a),
    )
    hh = actions.update_household(
        acting_user=world.worker_a,
        household=hh,
        data=actions.HouseholdInput(address="北岙街道3号", grid=world.grid_a),
        expected_version=1,
    )
    assert Household.objects.get().address == "北岙街道3号"
    with pytest.raises(ValidationError) as exc:
        actions.create_organisation(
            acting_user=world.worker_a,
            data=actions.OrganisationInput(
                name="某公司", grid=world.grid_a, credit_code="91330300MA2AB1234X"
            ),
        )
    assert exc.value.message_dict["credit_code"]
    assert not Organisation.objects.exists()


def test_place_with_coordinates_and_no_grid_is_placed_in_its_grid(world) -> None:
    place = actions.create_place(
        acting_user=world.worker_a,
        data=actions.PlaceInput(
            name="码头仓库", kind=world.kind_rental, address="码头路", lat=28.05, lng=121.05
        ),
    )
    assert (place.grid, place.community) == (world.grid_a, world.community_a)
    with pytest.raises(PermissionDenied):
        actions.create_place(
            acting_user=world.worker_a,
            data=actions.PlaceInput(
                name="南岙仓库", kind=world.kind_rental, address="南岙路", lat=28.05, lng=121.15
            ),
        )
    with pytest.raises(ValidationError) as exc:
        actions.create_place(
            acting_user=world.worker_a,
            data=actions.PlaceInput(
                name="x", kind=world.kind_rental, address="y", grid=world.grid_a, lat=0, lng=0
            ),
        )
    assert "定位失败" in exc.value.message_dict["lat"][0]
    assert Place.objects.count() == 1


def test_duplicate_id_racing_past_the_check_is_still_a_field_error(world, add_resident, monkeypatch) -> None:
    add_resident("王一", id_number=ID)
    from jiedao.registry.actions import residents

    monkeypatch.setattr(residents.Resident.objects, "filter", lambda **kw: Resident.objects.none())
    with pytest.raises(ValidationError) as exc:
        add_resident("王二", id_number=ID, grid=world.grid_b)
    assert exc.value.message_dict == {"id_number": ["该身份证号码已登记"]}
    monkeypatch.undo()
    assert Resident.objects.count() == 1
    assert AuditEntry.objects.filter(action="create").count() == 1
