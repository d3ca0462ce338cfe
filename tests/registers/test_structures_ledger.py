"""拆违 in grids and the typed ledger with evidence, through HTTP as grid workers and dispatchers."""

from __future__ import annotations

import pytest

from jiedao.core.models import AuditEntry
from jiedao.registers.models import IllegalStructure, LedgerEntry, LedgerType

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _structure(client, lat, lng, **kw):
    data = {
        "address": "江心岛上沙路8号",
        "area_m2": "120",
        "lat": lat,
        "lng": lng,
        "since": "2022-03-01",
        **kw,
    }
    return client.post("/registers/structures/new/", data)


def test_grid_worker_registers_in_own_grid_found_from_the_point(client_for, reg_users, grids, grid_points):
    r = _structure(client_for(reg_users["grid_worker"]), *grid_points["G1"])
    assert r.status_code == 302
    s = IllegalStructure.objects.get()
    assert (s.grid, s.community, s.stage) == (grids["G1"], grids["G1"].community, "found")


def test_grid_worker_cannot_register_in_another_grid(client_for, reg_users, grid_points):
    r = _structure(client_for(reg_users["grid_worker"]), *grid_points["G3"])
    assert r.status_code == 403
    assert "无权" in r.content.decode()
    assert not IllegalStructure.objects.exists()


def test_structure_scope_and_demolition(client_for, reg_users, grid_points):
    _structure(client_for(reg_users["dispatcher"]), *grid_points["G3"])
    s = IllegalStructure.objects.get()
    assert client_for(reg_users["grid_worker"]).get(f"/registers/structures/{s.pk}/").status_code == 404
    assert client_for(reg_users["grid_worker_b"]).get(f"/registers/structures/{s.pk}/").status_code == 200
    c = client_for(reg_users["grid_worker_b"])
    url = f"/registers/structures/{s.pk}/stage/"
    assert c.post(url, {"stage": "demolished", "on": "2022-05-01", "version": 1}).status_code == 409
    for version, stage, on in (
        (1, "confirmed", "2022-03-05"),
        (2, "notified", "2022-03-10"),
        (3, "demolished", "2022-04-01"),
    ):
        assert c.post(url, {"stage": stage, "on": on, "version": version}).status_code == 302
    s.refresh_from_db()
    assert s.stage == "demolished"
    assert AuditEntry.objects.filter(object_type="registers.illegalstructure", action="stage").count() == 3


def test_ledger_entry_with_evidence_and_level(client_for, reg_users, jurisdiction):
    from django.core.files.uploadedfile import SimpleUploadedFile

    kind = LedgerType.objects.get(jurisdiction=jurisdiction, code="media_coverage")
    c = client_for(reg_users["dispatcher"])
    data = {
        "type": kind.pk,
        "date": "2022-08-01",
        "title": "光明日报头版",
        "quantity": "1",
        "level": "central",
    }
    bad = SimpleUploadedFile("report.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    r = c.post("/registers/ledger/new/", {**data, "evidence": bad})
    assert r.status_code == 400
    assert "不是允许的类型" in r.content.decode()
    assert not LedgerEntry.objects.exists()
    r = c.post("/registers/ledger/new/", {**data, "level": ""})
    assert r.status_code == 400
    assert "级别" in r.content.decode()
    good = SimpleUploadedFile("clip.png", PNG, content_type="image/png")
    r = c.post("/registers/ledger/new/", {**data, "evidence": good})
    assert r.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.unit, entry.level, entry.evidence_type) == ("次", "central", "image/png")
    assert c.get(f"/registers/ledger/{entry.pk}/evidence/").status_code == 200
    # A grid worker has no ledger; the evidence is not public.
    assert (
        client_for(reg_users["grid_worker"]).get(f"/registers/ledger/{entry.pk}/evidence/").status_code == 404
    )


def test_ledger_future_date_and_attendance_rules(client_for, reg_users, jurisdiction):
    articles = LedgerType.objects.get(jurisdiction=jurisdiction, code="articles")
    c = client_for(reg_users["dispatcher"])
    data = {"type": articles.pk, "date": "2099-01-01", "title": "推文", "quantity": "3"}
    assert c.post("/registers/ledger/new/", data).status_code == 400
    r = c.post("/registers/ledger/new/", {**data, "date": "2022-01-01", "attendance": "30"})
    assert r.status_code == 400
    assert "参加人数" in r.content.decode()
    assert not LedgerEntry.objects.exists()


def test_menu_shows_registers_by_role(client_for, reg_users):
    page = client_for(reg_users["project_officer"]).get("/registers/projects/").content.decode()
    assert "/registers/land/" in page
    assert "/registers/ledger/" in page
    page = client_for(reg_users["grid_worker"]).get("/registers/structures/").content.decode()
    assert "/registers/structures/" in page
    assert "/registers/projects/" not in page
