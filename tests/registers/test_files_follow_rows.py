"""Rows and files agree: what a rolled-back transaction saved is removed from storage."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from jiedao.cases import actions
from jiedao.cases.models import Attachment, Case
from jiedao.core.models import Category, Jurisdiction
from jiedao.events.intake import validate_event
from jiedao.registers.models import LedgerEntry, LedgerType
from tests.cases.helpers import grid_of

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


class Fault(Exception):
    pass


def _fail(*args: object, **kwargs: object) -> None:
    raise Fault("the disk holding the audit log is full")


def test_a_report_whose_transaction_fails_leaves_no_photo_behind(users, tmp_path, monkeypatch):
    grid = grid_of(users["grid_worker"])
    new = validate_event(
        {
            "title": "井盖缺失",
            "description": "人行道井盖缺失",
            "lat": grid.centroid_lat,
            "lng": grid.centroid_lng,
        },
        jurisdiction=Jurisdiction.objects.get(pk=grid.jurisdiction_id),
        user=users["grid_worker"],
    )
    photo = SimpleUploadedFile("well.png", PNG, content_type="image/png")
    monkeypatch.setattr("jiedao.cases.actions.audit.entry", _fail)  # the last write of the transaction
    with override_settings(MEDIA_ROOT=tmp_path), pytest.raises(Fault):
        actions.create_case(new, acting_user=users["grid_worker"], files=[photo])
    assert not Case.objects.exists()
    assert not Attachment.objects.exists()
    assert _files(tmp_path) == []


def test_an_action_whose_transaction_fails_leaves_no_photo_behind(users, tmp_path, monkeypatch):
    grid = grid_of(users["grid_worker"])
    new = validate_event(
        {
            "title": "路灯不亮",
            "description": "三盏路灯不亮",
            "lat": grid.centroid_lat,
            "lng": grid.centroid_lng,
        },
        jurisdiction=Jurisdiction.objects.get(pk=grid.jurisdiction_id),
        user=users["grid_worker"],
    )
    with override_settings(MEDIA_ROOT=tmp_path):
        case, _code = actions.create_case(new, acting_user=users["grid_worker"])
        photo = SimpleUploadedFile("fixed.png", PNG, content_type="image/png")
        category = Category.objects.filter(jurisdiction_id=grid.jurisdiction_id).first()
        assert category is not None
        monkeypatch.setattr("jiedao.cases.actions.audit.record", _fail)
        with pytest.raises(Fault):
            actions.perform(
                case.pk,
                "self_resolve",
                acting_user=users["grid_worker"],
                payload={"result": "已修复", "category": category.pk},
                files=[photo],
            )
    case.refresh_from_db()
    assert case.state == "reported"
    assert not Attachment.objects.exists()
    assert _files(tmp_path) == []


def test_a_ledger_entry_refused_after_its_evidence_was_saved_keeps_no_file(
    client_for, reg_users, jurisdiction, tmp_path, monkeypatch
):
    kind = LedgerType.objects.get(jurisdiction=jurisdiction, code="media_coverage")
    data = {
        "type": kind.pk,
        "date": "2022-08-01",
        "title": "光明日报头版",
        "quantity": "1",
        "level": "central",
    }
    monkeypatch.setattr("jiedao.registers.actions.base.record", _fail)
    clip = SimpleUploadedFile("clip.png", PNG, content_type="image/png")
    with override_settings(MEDIA_ROOT=tmp_path), pytest.raises(Fault):
        client_for(reg_users["dispatcher"]).post("/registers/ledger/new/", {**data, "evidence": clip})
    assert not LedgerEntry.objects.exists()
    assert _files(tmp_path) == []
    monkeypatch.undo()
    clip = SimpleUploadedFile("clip.png", PNG, content_type="image/png")
    with override_settings(MEDIA_ROOT=tmp_path):
        assert (
            client_for(reg_users["dispatcher"])
            .post("/registers/ledger/new/", {**data, "evidence": clip})
            .status_code
            == 302
        )
    assert len(_files(tmp_path)) == 1  # a committed entry keeps its file
