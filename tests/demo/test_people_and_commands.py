"""The demo's registry (encrypted, valid personal data), its users, and the two commands."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from jiedao.cases.models import Case
from jiedao.core import crypto
from jiedao.core.models import Department, Grid, Jurisdiction, Role, RoleAssignment, User
from jiedao.demo.actions import default_grids_file, load_demo
from jiedao.demo.geometry import grid_feature_collection
from jiedao.demo.users import DEMO_PASSWORD
from jiedao.registry.models import Household, Organisation, Resident
from tests.demo.conftest import small_options

PLAINTEXT = re.compile(r"\d{11}")  # any mobile or ID number digits in clear


def _raw(table: str, *columns: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")
        return cursor.fetchall()


def test_no_plaintext_id_or_phone_in_database_rows(small_demo: dict[str, Any]) -> None:
    stored = _raw(Resident._meta.db_table, "id_number", "phone")
    stored += _raw(Organisation._meta.db_table, "phone", "phone")
    stored += _raw(Case._meta.db_table, "reporter_phone", "reporter_phone")
    values = [v for row in stored for v in row if v]
    assert len(values) > 200
    for value in values:
        assert value.startswith("v1:")
        assert not PLAINTEXT.search(value)


def test_residents_have_valid_id_numbers_phones_and_configured_tags(small_demo: dict[str, Any]) -> None:
    residents = list(Resident.objects.prefetch_related("tags"))
    assert len(residents) == 150
    assert Household.objects.filter(members__isnull=False).exists()
    ids = [r for r in residents if r.id_number]
    assert len(ids) > 100
    for r in ids:
        plain = r.id_number.reveal()
        assert crypto.validate_id_number(plain) == plain
        assert plain.startswith("3303")
        assert crypto.id_birth_date(plain) == r.birth_date
        assert crypto.id_gender(plain) == r.gender
        assert r.id_number_bidx == crypto.blind_index(plain, crypto.KIND_ID_NUMBER)
    found = Resident.objects.get(id_number_bidx=crypto.blind_index(ids[0].id_number.reveal(), "id_number"))
    assert found.pk == ids[0].pk
    for r in residents:
        if r.phone:
            assert crypto.validate_phone(r.phone.reveal())
    tag_names = {t.name for r in residents for t in r.tags.all()}
    assert {"新岛民", "原岛民"} <= tag_names


def test_users_exist_for_every_role_and_can_sign_in(small_demo: dict[str, Any]) -> None:
    jur = Jurisdiction.objects.get(code="jiangxin")
    held = set(RoleAssignment.objects.filter(jurisdiction=jur).values_list("role", flat=True))
    assert held == set(Role.values) - {Role.RESIDENT}
    for grid in Grid.objects.filter(jurisdiction=jur):
        assert RoleAssignment.objects.filter(grid=grid, role=Role.GRID_WORKER).exists()
    for dept in Department.objects.filter(jurisdiction=jur):
        assert User.objects.filter(username=f"handler_{dept.code}").exists()
    assert User.objects.get(username="admin").is_superuser
    for username in ("admin", "dispatcher1", "handler_enforcement", "gridlead_laotu", "grid_laotu01"):
        assert Client().login(username=username, password=DEMO_PASSWORD)


def test_grid_file_is_written_and_matches_the_committed_one(
    small_demo: dict[str, Any], tmp_path: Path
) -> None:
    written = json.loads((tmp_path / "grids.geojson").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(grid_feature_collection()))
    assert json.loads(default_grids_file().read_text(encoding="utf-8")) == written
    assert {f["properties"]["community_name"] for f in written["features"]} >= {"老涂村", "上沙村", "樟里村"}


def test_bad_options_and_taken_usernames_write_nothing(db: None, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        load_demo(acting_user=None, options=small_options(tmp_path, events=-1))
    User.objects.create_user(username="leader", password="x")
    with pytest.raises(ValidationError) as err:
        load_demo(acting_user=None, options=small_options(tmp_path, events=20))
    assert "leader" in str(err.value)
    assert not Jurisdiction.objects.exists()
    assert not Case.objects.exists()
    assert not (tmp_path / "grids.geojson").exists()


def _run(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_if_empty_is_a_no_op_the_second_time(db: None, tmp_path: Path) -> None:
    small = {
        "events": 40,
        "residents": 30,
        "places": 10,
        "organisations": 2,
        "grids_file": str(tmp_path / "g.json"),
    }
    first = _run("demo", if_empty=True, **small)
    assert "江心岛街道" in first
    assert Case.objects.filter(kind="event").count() == 40
    counts = (Case.objects.count(), Resident.objects.count(), User.objects.count())
    second = _run("demo", if_empty=True, **small)
    assert "未创建" in second
    assert (Case.objects.count(), Resident.objects.count(), User.objects.count()) == counts
    with pytest.raises(CommandError, match="已存在"):
        _run("demo", **small)


def test_demo_logins_prints_a_login_for_every_role(db: None, tmp_path: Path) -> None:
    assert "demo" in _run("demo_logins")  # no demo yet: says how to make one
    _run("demo", events=20, residents=10, places=5, organisations=1, grids_file="")
    out = _run("demo_logins")
    for ra in RoleAssignment.objects.select_related("user"):
        line = next(x for x in out.splitlines() if x.startswith(ra.user.username + " "))
        assert DEMO_PASSWORD in line
        assert str(ra.get_role_display()) in line
    for label in (
        "管理员",
        "领导",
        "受理员",
        "部门处置人员",
        "网格长",
        "网格员",
        "调解员",
        "检查员",
        "招商专员",
    ):
        assert label in out
    user = User.objects.get(username="mediator")
    user.set_password("changed-secret")
    user.save()
    line = next(x for x in _run("demo_logins").splitlines() if x.startswith("mediator "))
    assert DEMO_PASSWORD not in line
    assert "已修改" in line
