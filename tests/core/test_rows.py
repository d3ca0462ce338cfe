"""The hot-path INSERT prepares every column exactly as Django's own save would."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from unittest import mock

import pytest
from django.db import connection, models

from jiedao.cases.models import Action, Case
from jiedao.core import rows
from jiedao.core.crypto import decrypt
from jiedao.core.fields import EncryptedField
from jiedao.core.models import AuditEntry

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _still_clock():
    """auto_now columns read the clock on every preparation: hold it still for comparing."""
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def _fields(obj: models.Model) -> list[models.Field[Any, Any]]:
    meta = obj._meta
    return [f for f in meta.local_concrete_fields if f is not meta.auto_field]


def _comparable(obj: models.Model, params: list[Any]) -> list[Any]:
    """Values with their exact types (28 == 28.0 == True - 27 in Python, not in a column).

    Encryption uses a fresh nonce each time: encrypted values compare by what they decrypt to.
    """
    out = []
    for f, v in zip(_fields(obj), params, strict=True):
        value = decrypt(v) if isinstance(f, EncryptedField) and v is not None else v
        out.append((f.name, type(value).__name__, value))
    return out


def _django_params(obj: models.Model) -> list[Any]:
    return _comparable(obj, [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in _fields(obj)])


def _ours(obj: models.Model) -> list[Any]:
    return _comparable(obj, rows.Prepared(obj).params)


def _samples(jurisdiction, users, grids) -> list[models.Model]:
    at = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)
    grid = grids["G1"]
    case = Case(
        jurisdiction=jurisdiction,
        kind="event",
        number="SJ20260000001",
        title="井盖缺失",
        description="人行道井盖缺失，夜间危险。" * 20,
        channel="call",
        state="reported",
        urgency="urgent",
        grid=grid,
        community=grid.community,
        lat=28.005,
        lng=120.695,
        address="",
        reporter_name="张三",
        reporter_phone="13800138000",
        anonymous=False,
        created_by=users["dispatcher"],
        created_at=at,
        rating_code_hash="ab" * 32,
        extension_days=0,
    )
    action = Action(
        case_id=12345,
        verb="report",
        to_state="reported",
        actor=users["dispatcher"],
        at=at,
        data={"channel": "call"},
    )
    audit = AuditEntry(
        user=users["dispatcher"],
        action="create",
        object_type="cases.case",
        object_id="12345",
        object_repr="SJ20260000001",
        jurisdiction_id=jurisdiction.pk,
        before=None,
        after={"title": "井盖缺失", "lat": 28.005, "anonymous": False, "tags": []},
    )
    return [case, action, audit]


ON_SQLITE = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="values pass through on SQLite only; on PostgreSQL every value takes Django's own path",
)


@ON_SQLITE
def test_prepared_values_equal_what_django_would_save(jurisdiction, users, grids):
    for obj in _samples(jurisdiction, users, grids):
        assert _ours(obj) == _django_params(obj), type(obj).__name__


@ON_SQLITE
def test_values_of_another_type_still_go_through_django(jurisdiction, users, grids):
    case = _samples(jurisdiction, users, grids)[0]
    case.extension_days = True  # a bool where an int is expected: Django turns it into 1
    case.lat = 28  # an int where a float is expected: Django turns it into 28.0
    params = _ours(case)
    assert params == _django_params(case)
    assert ("extension_days", "int", 1) in params
    assert ("lat", "float", 28.0) in params


def test_late_fields_are_read_again_at_insert(jurisdiction, users, grids):
    case = _samples(jurisdiction, users, grids)[0]
    prepared = rows.Prepared(case, later=("number",))
    case.number = "SJ20260000099"
    prepared.insert()
    assert Case.objects.get(pk=case.pk).number == "SJ20260000099"
    with pytest.raises(ValueError):
        rows.insert(case)  # already saved
