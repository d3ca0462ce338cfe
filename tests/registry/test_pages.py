"""Registry pages as named users: masking, reveal, search, scope, forms, pagination."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiedao.core.models import AuditEntry
from jiedao.registry import actions
from jiedao.registry.models import Place, Resident
from tests.registry.conftest import make_id

ID = make_id(birth="19720815", seq="246")
PHONE = "13912345678"
MASKED_ID = ID[:6] + "********" + ID[-4:]


def test_list_and_detail_show_masked_numbers_only(world, add_resident, login) -> None:
    r = add_resident("林海", id_number=ID, phone=PHONE, tags=[world.tag_overseas])
    client = login(world.worker_a)
    page = client.get(reverse("registry:resident_list")).content.decode()
    assert "林海" in page
    assert MASKED_ID in page
    assert "139****5678" in page
    assert ID not in page
    assert PHONE not in page
    detail = client.get(reverse("registry:resident_detail", args=[r.pk])).content.decode()
    assert MASKED_ID in detail
    assert ID not in detail
    assert PHONE not in detail
    assert "查看完整号码" not in detail  # a grid worker without the permission gets no button


def test_search_by_exact_id_or_phone_through_the_blind_index(world, add_resident, login) -> None:
    add_resident("林海", id_number=ID, phone=PHONE)
    add_resident("陈静", id_number=make_id(seq="388"), phone="13700000001")
    client = login(world.worker_a)
    url = reverse("registry:resident_list")
    for term in (ID.lower(), f"{ID[:6]} {ID[6:]}", "139-1234-5678", "林"):
        page = client.get(url, {"q": term}).content.decode()
        assert "林海" in page, term
        assert "陈静" not in page, term
    partial = client.get(url, {"q": ID[:10]}).content.decode()
    assert "林海" not in partial  # no substring search on encrypted numbers


def test_reveal_shows_plaintext_once_and_is_audited(world, add_resident, login) -> None:
    r = add_resident("林海", id_number=ID, phone=PHONE)
    client = login(world.leader)
    detail = client.get(reverse("registry:resident_detail", args=[r.pk])).content.decode()
    assert "查看完整号码" in detail
    response = client.post(reverse("registry:resident_reveal", args=[r.pk]), {"field": "id_number"})
    assert response.status_code == 200
    assert ID in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="reveal")
    assert entry.user == world.leader
    again = client.get(reverse("registry:resident_detail", args=[r.pk])).content.decode()
    assert ID not in again
    assert "查看完整号码" in again  # the reveal entry shows in the history too
    htmx = client.post(
        reverse("registry:resident_reveal", args=[r.pk]), {"field": "phone"}, HTTP_HX_REQUEST="true"
    )
    assert htmx.content.decode().count(PHONE) == 1
    assert "<html" not in htmx.content.decode()


def test_reveal_refused_without_permission_and_nothing_logged(world, add_resident, login) -> None:
    r = add_resident("林海", id_number=ID, phone=PHONE)
    response = login(world.dispatcher).post(
        reverse("registry:resident_reveal", args=[r.pk]), {"field": "id_number"}
    )
    assert response.status_code == 403
    assert ID not in response.content.decode()
    assert login(world.dispatcher).get(reverse("registry:resident_reveal", args=[r.pk])).status_code == 405
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_grid_worker_cannot_list_read_search_or_reveal_another_grid(world, add_resident, login) -> None:
    theirs = add_resident("南岙居民", grid=world.grid_b, id_number=ID, phone=PHONE)
    client = login(world.worker_a)
    listing = client.get(reverse("registry:resident_list")).content.decode()
    assert "南岙居民" not in listing
    assert "南岙居民" not in client.get(reverse("registry:resident_list"), {"q": ID}).content.decode()
    for name in ("resident_detail", "resident_edit"):
        assert client.get(reverse(f"registry:{name}", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("registry:resident_detail", args=[theirs.pk + 999])).status_code == 404
    assert (
        client.post(reverse("registry:resident_reveal", args=[theirs.pk]), {"field": "phone"}).status_code
        == 404
    )
    outsider = login(world.outsider)
    assert outsider.get(reverse("registry:resident_detail", args=[theirs.pk])).status_code == 404
    assert "南岙居民" in login(world.worker_b).get(reverse("registry:resident_list")).content.decode()


def test_list_is_paginated_with_a_fixed_number_of_queries(world, add_resident, login) -> None:
    for i in range(25):
        add_resident(f"居民{i:02d}", phone=f"1380000{i:04d}", tags=[world.tag_key, world.tag_overseas])
    client = login(world.leader)
    url = reverse("registry:resident_list")
    client.get(url)  # warm up session and content types
    with CaptureQueriesContext(connection) as first:
        page1 = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        page2 = client.get(url, {"page": 2}).content.decode()
    assert page1.count("/registry/residents/") - page1.count('href="/registry/residents/new/"') >= 20
    assert "居民24" in page2
    assert "居民00" not in page2
    assert len(first.captured_queries) == len(second.captured_queries)
    assert len(first.captured_queries) <= 12, [q["sql"] for q in first.captured_queries]


def test_create_form_shows_translated_errors_and_writes_nothing(world, login) -> None:
    client = login(world.worker_a)
    url = reverse("registry:resident_create")
    assert client.get(url).status_code == 200
    bad_check = ID[:17] + ("0" if ID[-1] != "0" else "1")
    response = client.post(
        url,
        {
            "name": "赵雷",
            "grid": world.grid_a.pk,
            "id_number": bad_check,
            "phone": "123",
            "residence_type": "registered",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "身份证号码校验位不正确" in body
    assert "电话号码格式不正确" in body
    assert not Resident.objects.exists()
    response = client.post(url, {"name": "赵雷", "grid": world.grid_b.pk, "residence_type": "registered"})
    assert response.status_code == 400  # grid B is not among worker A's choices
    assert not Resident.objects.exists()
    ok = client.post(
        url,
        {
            "name": "赵雷",
            "grid": world.grid_a.pk,
            "id_number": ID,
            "phone": PHONE,
            "residence_type": "floating",
            "tags": [world.tag_key.pk],
        },
    )
    r = Resident.objects.get()
    assert ok.status_code == 302
    assert ok["Location"] == reverse("registry:resident_detail", args=[r.pk])
    assert (r.community, r.residence_type, r.gender) == (world.community_a, "floating", "F")


def test_edit_keeps_numbers_when_left_empty_and_detects_stale_edits(world, add_resident, login) -> None:
    r = add_resident("林海", id_number=ID, phone=PHONE)
    client = login(world.worker_a)
    url = reverse("registry:resident_edit", args=[r.pk])
    form = client.get(url).content.decode()
    assert ID not in form
    assert PHONE not in form
    assert MASKED_ID in form
    data = {"name": "林大海", "grid": world.grid_a.pk, "residence_type": "registered", "version": 1}
    assert client.post(url, data).status_code == 302
    r.refresh_from_db()
    assert r.name == "林大海"
    assert r.id_number.reveal() == ID
    assert r.phone.reveal() == PHONE
    stale = login(world.dispatcher).post(url, {**data, "name": "林小海"})
    assert stale.status_code == 409
    assert "该记录已被他人修改" in stale.content.decode()
    r.refresh_from_db()
    assert (r.name, r.version) == ("林大海", 2)


def test_place_household_and_organisation_pages(world, login) -> None:
    client = login(world.worker_a)
    response = client.post(
        reverse("registry:place_create"),
        {
            "name": "海景出租屋",
            "kind": world.kind_rental.pk,
            "address": "北岙路8号",
            "grid": world.grid_a.pk,
            "risk_colour": "red",
        },
    )
    assert response.status_code == 302
    place = Place.objects.get()
    detail = client.get(reverse("registry:place_detail", args=[place.pk])).content.decode()
    assert "海景出租屋" in detail
    assert "出租房" in detail
    assert "海景出租屋" in client.get(reverse("registry:place_list")).content.decode()
    assert login(world.worker_b).get(reverse("registry:place_detail", args=[place.pk])).status_code == 404
    assert (
        client.post(
            reverse("registry:household_create"),
            {"address": "北岙路9号", "number": "H9", "grid": world.grid_a.pk},
        ).status_code
        == 302
    )
    assert "北岙路9号" in client.get(reverse("registry:household_list")).content.decode()
    actions.create_organisation(
        acting_user=world.worker_a,
        data=actions.OrganisationInput(
            name="东屿海产", grid=world.grid_a, phone="13612345678", contact_person="郑总"
        ),
    )
    orgs = client.get(reverse("registry:organisation_list")).content.decode()
    assert "东屿海产" in orgs
    assert "136****5678" in orgs
    assert "13612345678" not in orgs
    bad = client.post(
        reverse("registry:organisation_create"),
        {"name": "某公司", "grid": world.grid_a.pk, "credit_code": "91330300MA2AB1234Y"},
    )
    assert bad.status_code == 400
    assert "统一社会信用代码" in bad.content.decode()


@pytest.mark.parametrize("name", ["resident_list", "place_list", "household_list", "organisation_list"])
def test_pages_need_login(world, client, name) -> None:
    response = client.get(reverse(f"registry:{name}"))
    assert response.status_code == 302
