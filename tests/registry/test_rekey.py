"""Key rotation end to end: new key first, re-encrypt, then the old key can go."""

from __future__ import annotations

import base64
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from jiedao.core.models import AuditEntry
from jiedao.registry import actions
from jiedao.registry.models import Resident
from tests.registry.conftest import make_id

OLD = "old:" + base64.b64encode(b"o" * 32).decode()
NEW = "new:" + base64.b64encode(b"n" * 32).decode()


def _raw_ids() -> list[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT id_number FROM registry_resident ORDER BY id")
        return [row[0] for row in cur.fetchall()]


def test_rotation_rewrites_old_values_and_then_the_old_key_can_be_dropped(world, add_resident) -> None:
    with override_settings(DATA_KEYS=OLD):
        a = add_resident("甲", id_number=make_id(seq="101"), phone="13800000001")
        b = add_resident("乙", id_number=make_id(seq="102"))
    assert all(v.startswith("v1:old:") for v in _raw_ids())
    with override_settings(DATA_KEYS=f"{NEW},{OLD}"):
        out = StringIO()
        call_command("registry_rekey", stdout=out)
        assert "2" in out.getvalue()
        assert actions.reencrypt_personal_data(acting_user=None) == 0
    assert all(v.startswith("v1:new:") for v in _raw_ids())
    with override_settings(DATA_KEYS=NEW):
        fresh = Resident.objects.get(pk=a.pk)
        assert fresh.id_number is not None
        assert fresh.id_number.reveal() == make_id(seq="101")
        assert fresh.phone is not None
        assert fresh.phone.reveal() == "13800000001"
        assert fresh.version == 1
        assert Resident.objects.get(pk=b.pk).id_number_bidx == b.id_number_bidx
    assert AuditEntry.objects.filter(action="rekey").count() == 2
