"""A reporter's phone number is encrypted at rest and masked in every API answer and audit row."""

from __future__ import annotations

import pytest
from django.db import connection

from jiedao.cases.models import Case
from jiedao.core.models import AuditEntry
from tests.cases.helpers import grid_of, report

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def test_reporter_phone_never_leaves_in_plaintext(users, client_for):
    created = report(client_for(users["grid_worker"]), grid_of(users["grid_worker"]), reporter_phone=PHONE)
    with connection.cursor() as cur:
        cur.execute("SELECT reporter_phone FROM cases_case WHERE id = %s", [created["id"]])
        (stored,) = cur.fetchone()
    assert PHONE not in stored
    assert Case.objects.get(pk=created["id"]).reporter_phone.reveal() == PHONE
    for who in ("grid_worker", "dispatcher", "leader"):
        body = client_for(users[who]).get(f"/api/events/{created['id']}").content.decode()
        assert PHONE not in body
        assert "139****5678" in body
    for entry in AuditEntry.objects.all():
        assert PHONE not in f"{entry.before} {entry.after}"
