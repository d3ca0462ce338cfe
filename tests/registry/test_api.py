"""Registry API through HTTP, mounted on a test NinjaAPI with session auth (the lead mounts the real one)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path
from ninja import NinjaAPI
from ninja.security import django_auth

from jiedao.registry import actions
from jiedao.registry.api import router
from tests.registry.conftest import make_id

test_api = NinjaAPI(urls_namespace="registry_test_api", auth=django_auth)
test_api.add_router("/registry", router)
urlpatterns = [path("api/", test_api.urls)]
pytestmark = pytest.mark.urls("tests.registry.test_api")

ID = make_id(birth="19600101", seq="135")
PHONE = "15012345678"


def test_resident_list_is_scoped_masked_and_filterable(world, add_resident, login) -> None:
    mine = add_resident("周敏", id_number=ID, phone=PHONE, tags=[world.tag_key])
    add_resident("吴刚", grid=world.grid_b)
    response = login(world.worker_a).get("/api/registry/residents")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == mine.pk
    assert row["id_number"] == ID[:6] + "********" + ID[-4:]
    assert row["phone"] == "150****5678"
    assert row["tags"] == ["独居老人"]
    assert ID not in response.content.decode()
    assert PHONE not in response.content.decode()
    leader = login(world.leader)
    assert leader.get("/api/registry/residents").json()["count"] == 2
    assert (
        leader.get("/api/registry/residents", {"grid": world.grid_b.pk}).json()["results"][0]["name"]
        == "吴刚"
    )
    assert leader.get("/api/registry/residents", {"q": PHONE}).json()["results"][0]["name"] == "周敏"
    assert leader.get("/api/registry/residents", {"community": world.community_b.pk}).json()["count"] == 1


def test_resident_detail_is_404_out_of_scope(world, add_resident, login) -> None:
    theirs = add_resident("吴刚", grid=world.grid_b, id_number=ID)
    assert login(world.worker_a).get(f"/api/registry/residents/{theirs.pk}").status_code == 404
    assert login(world.outsider).get(f"/api/registry/residents/{theirs.pk}").status_code == 404
    ok = login(world.worker_b).get(f"/api/registry/residents/{theirs.pk}")
    assert ok.status_code == 200
    assert ok.json()["id_number"].startswith(ID[:6] + "****")
    assert ID not in ok.content.decode()


def test_resident_list_query_count_does_not_grow_with_rows(world, add_resident, login) -> None:
    client = login(world.leader)
    add_resident("甲", tags=[world.tag_key])
    client.get("/api/registry/residents")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/registry/residents")
    for i in range(15):
        add_resident(f"乙{i}", tags=[world.tag_key, world.tag_overseas])
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/registry/residents").json()["count"] == 16
    assert len(one.captured_queries) == len(many.captured_queries)


def test_places_are_scoped(world, login) -> None:
    actions.create_place(
        acting_user=world.dispatcher,
        data=actions.PlaceInput(name="小吃店", kind=world.kind_shop, address="南岙路1号", grid=world.grid_b),
    )
    assert login(world.worker_a).get("/api/registry/places").json()["count"] == 0
    rows = login(world.worker_b).get("/api/registry/places").json()["results"]
    assert [(r["name"], r["kind"]) for r in rows] == [("小吃店", "三小场所")]


def test_anonymous_is_refused(world, client) -> None:
    assert client.get("/api/registry/residents").status_code == 401
