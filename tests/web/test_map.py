"""The grid map page and the grids GeoJSON, scoped to the user."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from django.test import Client, override_settings

from jiedao.core.actions import import_grids
from jiedao.core.models import Grid, Jurisdiction
from tests.conftest import feature, square

Login = Callable[[str], Client]
HOME = ["第1网格", "第2网格", "第3网格", "第4网格"]


def _features(login_as: Login, key: str) -> list[dict]:
    response = login_as(key).get("/map/grids.geojson")
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    return data["features"]


def _names(features: list[dict], *, own: bool | None = None) -> list[str]:
    return sorted(
        f"{f['properties']['jurisdiction']}/{f['properties']['name']}"
        for f in features
        if own is None or f["properties"]["own"] is own
    )


def _home(*names: str) -> list[str]:
    return sorted(f"测试街道/{n}" for n in names)


def _map_config(body: str) -> dict:
    match = re.search(r'<script id="jiedao-map-config" type="application/json">(.*?)</script>', body, re.S)
    assert match, "the page carries the map configuration"
    return json.loads(match.group(1))


def test_grid_worker_sees_jurisdiction_outlines_with_own_grid_marked(login_as: Login) -> None:
    features = _features(login_as, "grid_worker")
    assert _names(features) == _home(*HOME)
    assert _names(features, own=True) == _home("第1网格")
    g1 = next(f for f in features if f["properties"]["own"])
    assert g1["geometry"]["type"] == "Polygon"
    assert g1["properties"]["community"] == "东湖社区"


def test_grid_leader_owns_their_community(login_as: Login) -> None:
    assert _names(_features(login_as, "grid_leader"), own=True) == _home("第1网格", "第2网格")


def test_dispatcher_owns_every_grid_of_their_jurisdiction(login_as: Login) -> None:
    features = _features(login_as, "dispatcher")
    assert _names(features) == _home(*HOME)
    assert _names(features, own=True) == _home(*HOME)


def test_handler_sees_outlines_but_owns_none(login_as: Login) -> None:
    features = _features(login_as, "handler")
    assert _names(features) == _home(*HOME)
    assert _names(features, own=True) == []


def test_only_the_active_boundary_generation_is_drawn(login_as: Login, jurisdiction: Jurisdiction) -> None:
    merged = feature("G9", "合并网格", "C1", "东湖社区", square(120.69, 27.99, 0.02))
    import_grids(
        acting_user=None,
        jurisdiction=jurisdiction,
        feature_collection={"type": "FeatureCollection", "features": [merged]},
    )
    assert _names(_features(login_as, "dispatcher")) == _home("合并网格")
    # The earlier generation is kept (inactive) for old cases, just not drawn.
    assert Grid.objects.filter(jurisdiction=jurisdiction, boundary_set__active=False).count() == 4


def test_other_jurisdiction_sees_none_of_ours(login_as: Login) -> None:
    assert _names(_features(login_as, "other_dispatcher")) == ["另一街道/第1网格"]


def test_user_without_role_sees_no_grid(login_as: Login) -> None:
    assert _features(login_as, "nobody") == []


def test_superuser_sees_every_jurisdiction(login_as: Login) -> None:
    assert _names(_features(login_as, "root")) == sorted([*_home(*HOME), "另一街道/第1网格"])


@override_settings(MAP_TILE_URL="", MAP_TILE_ATTRIBUTION="")
def test_map_page_without_tiles_still_lists_and_draws_grids(login_as: Login) -> None:
    response = login_as("grid_worker").get("/map/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="grid-map"' in body
    assert "jd-map-plain" in body
    assert 'data-geojson-url="/map/grids.geojson"' in body
    assert "vendor/leaflet/leaflet.js" in body
    assert "js/mappick.js" in body
    assert _map_config(body)["tileUrl"] == ""
    assert "第1网格" in body
    assert "西山村" in body
    assert "另一街道" not in body
    assert "http://" not in body
    assert "https://" not in body


@override_settings(
    MAP_TILE_URL="http://tiles.intranet.example/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="本地地图服务"
)
def test_map_page_with_tiles_passes_them_to_the_map(login_as: Login) -> None:
    body = login_as("grid_worker").get("/map/").content.decode()
    config = _map_config(body)
    assert config["tileUrl"] == "http://tiles.intranet.example/{z}/{x}/{y}.png"
    assert config["attribution"] == "本地地图服务"
    assert "jd-map-plain" not in body


def test_map_static_assets_are_served_locally(login_as: Login) -> None:
    client = login_as("grid_worker")
    for path in ("js/mappick.js", "js/gridmap.js", "css/jiedao.css", "css/print.css"):
        assert client.get(f"/static/{path}").status_code == 200, path


def test_geojson_uses_a_fixed_number_of_queries(login_as: Login, django_assert_max_num_queries) -> None:
    client = login_as("dispatcher")
    client.get("/map/grids.geojson")  # warm the session
    with django_assert_max_num_queries(5):
        assert len(client.get("/map/grids.geojson").json()["features"]) == 4
