"""Attachments are served only to users who may read their case."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from jiedao.cases import actions
from jiedao.core.models import Jurisdiction
from jiedao.events.intake import validate_event
from tests.cases.helpers import grid_of

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_attachment_visible_in_scope_only(users, client_for, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
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
        case, _code = actions.create_case(new, acting_user=users["grid_worker"], files=[photo])
        url = case.attachments.get().get_absolute_url()
        ok = client_for(users["grid_worker"]).get(url)
        assert ok.status_code == 200
        assert ok["Content-Type"] == "image/png"
        assert b"".join(ok.streaming_content) == PNG
        assert client_for(users["grid_worker_b"]).get(url).status_code == 404
        assert client_for(users["dispatcher"]).get(url).status_code == 200
