"""The grid map page and the grids GeoJSON, scoped to the user."""

from __future__ import annotations

import json
import re

from django.test import override_settings

from tests.web.conftest import WebWorld


def _features(web_world: WebWorld, key: str) -> dict[str, dict]:
    response = web_world.client_for(key).get("/map/grids.geojson")
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    return {f["properties"]["name"]: f for f in data["features"]}


def _map_config(body: str) -> dict:
    match = re.search(r'<script id="jiedao-map-config" type="application/json">(.*?)</script>', body, re.S)
    assert match, "the page carries the map configuration"
    return json.loads(match.group(1))


def test_grid_worker_sees_jurisdiction_outlines_with_own_grid_marked(web_world: WebWorld) -> None:
    features = _features(web_world, "grid_worker")
    assert set(features) == {"东湖一网格", "东湖二网格", "湖畔网格"}
    assert [n for n, f in features.items() if f["properties"]["own"]] == ["东湖一网格"]
    g1 = features["东湖一网格"]
    assert g1["geometry"]["type"] == "Polygon"
    assert g1["properties"]["community"] == "东湖社区"


def test_grid_leader_owns_their_community(web_world: WebWorld) -> None:
    features = _features(web_world, "grid_leader")
    assert {n for n, f in features.items() if f["properties"]["own"]} == {"东湖一网格", "东湖二网格"}


def test_dispatcher_owns_every_active_grid_of_their_jurisdiction(web_world: WebWorld) -> None:
    features = _features(web_world, "dispatcher")
    assert set(features) == {"东湖一网格", "东湖二网格", "湖畔网格"}
    assert all(f["properties"]["own"] for f in features.values())
    assert "旧一网格" not in features  # an inactive boundary generation is not drawn


def test_other_jurisdiction_sees_none_of_ours(web_world: WebWorld) -> None:
    features = _features(web_world, "other_dispatcher")
    assert set(features) == {"西山一网格"}


def test_user_without_role_sees_no_grid(web_world: WebWorld) -> None:
    assert _features(web_world, "nobody") == {}


def test_superuser_sees_every_jurisdiction(web_world: WebWorld) -> None:
    assert set(_features(web_world, "root")) == {"东湖一网格", "东湖二网格", "湖畔网格", "西山一网格"}


@override_settings(MAP_TILE_URL="", MAP_TILE_ATTRIBUTION="")
def test_map_page_without_tiles_still_lists_and_draws_grids(web_world: WebWorld) -> None:
    response = web_world.client_for("grid_worker").get("/map/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="grid-map"' in body
    assert "jd-map-plain" in body
    assert 'data-geojson-url="/map/grids.geojson"' in body
    assert "vendor/leaflet/leaflet.js" in body
    assert "js/mappick.js" in body
    assert _map_config(body)["tileUrl"] == ""
    assert "东湖一网格" in body
    assert "湖畔网格" in body
    assert "西山一网格" not in body
    assert "http://" not in body
    assert "https://" not in body


@override_settings(
    MAP_TILE_URL="http://tiles.intranet.example/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="本地地图服务"
)
def test_map_page_with_tiles_passes_them_to_the_map(web_world: WebWorld) -> None:
    body = web_world.client_for("grid_worker").get("/map/").content.decode()
    config = _map_config(body)
    assert config["tileUrl"] == "http://tiles.intranet.example/{z}/{x}/{y}.png"
    assert config["attribution"] == "本地地图服务"
    assert "jd-map-plain" not in body


def test_map_static_assets_are_served_locally(web_world: WebWorld) -> None:
    client = web_world.client_for("grid_worker")
    for path in ("js/mappick.js", "js/gridmap.js", "css/jiedao.css", "css/print.css"):
        assert client.get(f"/static/{path}").status_code == 200, path


def test_geojson_uses_a_fixed_number_of_queries(web_world: WebWorld, django_assert_max_num_queries) -> None:
    client = web_world.client_for("dispatcher")
    client.get("/map/grids.geojson")  # warm the session
    with django_assert_max_num_queries(5):
        assert len(client.get("/map/grids.geojson").json()["features"]) == 3
