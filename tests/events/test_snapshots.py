"""Dashboard snapshots: counted by the task queue, read while fresh, ignored when stale."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jiedao.events.models import DashboardSnapshot
from jiedao.events.snapshots import MAX_AGE
from jiedao.events.tasks import refresh_dashboard_snapshots
from tests.events.conftest import new_event

pytestmark = pytest.mark.django_db


def _total(client) -> int:
    return client.get("/events/dashboard/data.json", {"period": "all"}).json()["total"]


def test_task_writes_snapshots_the_page_reads_them_until_stale(jurisdiction, users, grids, client_for):
    leader = client_for(users["leader"])
    new_event(jurisdiction, users["dispatcher"], grids["G1"])
    assert _total(leader) == 1  # no snapshot yet: counted live
    refresh_dashboard_snapshots()  # tests run tasks immediately, as the consumer would
    assert DashboardSnapshot.objects.filter(jurisdiction=jurisdiction).count() == 4
    new_event(jurisdiction, users["dispatcher"], grids["G2"])
    assert _total(leader) == 1  # the fresh snapshot is what the page shows …
    page = leader.get("/events/dashboard/", {"period": "all"}).content.decode()
    assert "统计时间" in page
    DashboardSnapshot.objects.update(computed_at=timezone.now() - MAX_AGE - timedelta(seconds=1))
    assert _total(leader) == 2  # … and a stale one is ignored
    refresh_dashboard_snapshots()
    assert _total(leader) == 2


def test_a_superuser_reads_one_jurisdiction_at_a_time_from_its_snapshot(
    jurisdiction, other_jurisdiction, users, grids, client_for
):
    new_event(jurisdiction, users["dispatcher"], grids["G1"])
    refresh_dashboard_snapshots()
    new_event(jurisdiction, users["dispatcher"], grids["G1"])
    # A superuser spanning jurisdictions reads one at a time (the first by default), so every
    # number can open that jurisdiction's records; it is the snapshot until it goes stale.
    users["admin"].is_superuser = True
    users["admin"].save()
    admin = client_for(users["admin"])
    assert _total(admin) == 1
    other = admin.get("/events/dashboard/data.json", {"period": "all", "jurisdiction": other_jurisdiction.pk})
    assert other.json()["total"] == 0
    DashboardSnapshot.objects.update(computed_at=timezone.now() - MAX_AGE - timedelta(seconds=1))
    assert _total(admin) == 2
