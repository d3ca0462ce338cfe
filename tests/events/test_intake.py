"""The intake page (staff and phone), the category suggestion and the public rating page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jiedao.cases.models import Attachment, Case
from jiedao.core.models import Department
from tests.events.conftest import dispatched, make_png, new_event, step

pytestmark = pytest.mark.django_db
URL = "/events/new/"


def form(grid, **extra):
    return {
        "title": "井盖缺失",
        "description": "人民路口井盖缺失，存在安全隐患。",
        "urgency": "urgent",
        "channel": "grid",
        "lat": f"{grid.centroid_lat:.6f}",
        "lng": f"{grid.centroid_lng:.6f}",
        **extra,
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("grid_worker", 200),
        ("grid_leader", 200),
        ("dispatcher", 200),
        ("admin", 200),
        ("handler", 403),
        ("leader", 403),
    ],
)
def test_intake_page_roles(users, clients, who, status):
    assert clients[who].get(URL).status_code == status


def test_intake_page_has_phone_controls(users, clients):
    page = clients["grid_worker"].get(URL).content.decode()
    assert 'capture="environment"' in page
    assert 'accept="image/*,application/pdf"' in page
    # The map picker is wired by a static script (no inline script under the CSP).
    assert 'src="/static/events/create.js"' in page
    script = (Path(__file__).resolve().parents[2] / "jiedao/events/static/events/create.js").read_text()
    assert "JiedaoMap.pick" in script
    assert 'name="viewport"' in page


def test_grid_worker_reports_with_photo_and_sees_code_once(jurisdiction, users, grids, clients):
    c = clients["grid_worker"]
    photo = SimpleUploadedFile("scene.png", make_png(), content_type="image/png")
    response = c.post(URL, {**form(grids["G1"], reporter_phone="13900001111"), "files": [photo]})
    assert response.status_code == 302
    case = Case.objects.get(title="井盖缺失")
    assert case.grid_id == grids["G1"].pk
    assert case.urgency == "urgent"
    assert case.attachments.count() == 1
    done = c.get(response["Location"]).content.decode()
    assert case.number in done
    assert "评价码" in done
    again = c.get(response["Location"])
    assert again.status_code == 302  # the code is shown only once


def test_wrong_file_type_is_refused_and_writes_nothing(jurisdiction, users, grids, clients):
    bad = SimpleUploadedFile("scene.png", b"PK\x03\x04 this is a zip", content_type="image/png")
    response = clients["grid_worker"].post(URL, {**form(grids["G1"]), "files": [bad]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "附件“scene.png”不是允许的类型" in body
    assert 'value="井盖缺失"' in body  # what was typed is kept
    assert not Case.objects.exists()
    assert not Attachment.objects.exists()


def test_point_outside_every_grid_is_refused(jurisdiction, users, grids, clients, outside_point):
    data = {**form(grids["G1"]), "lat": outside_point[0], "lng": outside_point[1]}
    response = clients["dispatcher"].post(URL, data)
    assert response.status_code == 400
    assert "不在本街道的任何网格内" in response.content.decode()
    assert not Case.objects.exists()


def test_address_and_grid_instead_of_a_point(jurisdiction, users, grids, clients):
    data = {**form(grids["G3"]), "lat": "", "lng": "", "address": "西山村5号", "grid": grids["G3"].pk}
    assert clients["dispatcher"].post(URL, data).status_code == 302
    case = Case.objects.get()
    assert case.grid_id == grids["G3"].pk
    assert case.address == "西山村5号"


def test_missing_title_is_refused(jurisdiction, users, grids, clients):
    response = clients["dispatcher"].post(URL, form(grids["G1"], title=""))
    assert response.status_code == 400
    assert "请填写标题" in response.content.decode()


def test_category_suggestion_matches_keywords(jurisdiction, users, clients):
    response = clients["grid_worker"].get(
        "/events/new/suggest/", {"title": "楼上邻居噪音扰民", "description": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "邻里纠纷" in body
    assert body.count("data-category=") <= 3
    assert clients["grid_worker"].get("/events/new/suggest/", {"title": ""}).content.decode().strip() == ""


def _verified(jurisdiction, users, grids):
    case, code = new_event(jurisdiction, users["dispatcher"], grids["G1"], title="路面坑洼")
    step(case, "accept", users["dispatcher"])
    dep = Department.objects.get(code="enforcement", jurisdiction=jurisdiction)
    step(case, "dispatch", users["dispatcher"], department=dep.pk)
    step(case, "sign", users["handler"])
    step(case, "resolve", users["handler"], result="已修补")
    step(case, "verify", users["grid_worker"])
    return Case.objects.get(pk=case.pk), code


def test_public_rating_with_code(jurisdiction, users, grids):
    case, code = _verified(jurisdiction, users, grids)
    anon = Client()
    assert anon.get("/events/rate/").status_code == 200
    wrong = anon.post("/events/rate/", {"number": case.number, "code": "WRONG123", "rating": 3})
    assert wrong.status_code == 404
    assert "案件编号或评价码不正确" in wrong.content.decode()
    assert Case.objects.get(pk=case.pk).state == "verified"
    ok = anon.post(
        "/events/rate/", {"number": case.number, "code": code.lower(), "rating": 2, "rating_note": "还行"}
    )
    assert ok.status_code == 200
    assert "感谢您的评价" in ok.content.decode()
    rated = Case.objects.get(pk=case.pk)
    assert rated.state == "rated"
    assert rated.rating == 2
    twice = anon.post("/events/rate/", {"number": case.number, "code": code, "rating": 1})
    assert twice.status_code == 409
    assert Case.objects.get(pk=case.pk).rating == 2


def test_public_rating_before_verification_is_refused(jurisdiction, users, grids):
    case = dispatched(jurisdiction, users, grids["G1"])
    from jiedao.cases.actions import hash_code

    Case.objects.filter(pk=case.pk).update(rating_code_hash=hash_code("ABCD2345"))
    response = Client().post("/events/rate/", {"number": case.number, "code": "ABCD2345", "rating": 3})
    assert response.status_code == 409
    assert "不能执行“评价”" in response.content.decode()
    assert Case.objects.get(pk=case.pk).rating is None
