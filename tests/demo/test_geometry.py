"""The demo island: a plausible outline split into thirty valid, non-overlapping grids."""

from __future__ import annotations

from collections import Counter

from shapely.geometry import shape
from shapely.ops import unary_union

from jiedao.core.gridfile import parse_grid_features
from jiedao.demo.geometry import COMMUNITIES, grid_feature_collection, island_outline


def test_grids_tile_the_island_without_overlap() -> None:
    collection = grid_feature_collection()
    assert collection == grid_feature_collection()  # the layout does not depend on any seed
    polygons = [shape(f["geometry"]) for f in collection["features"]]
    assert len(polygons) == 30
    assert all(p.is_valid and not p.is_empty for p in polygons)
    island = island_outline()
    union = unary_union(polygons)
    assert abs(union.area - island.area) / island.area < 1e-4
    assert sum(p.area for p in polygons) - union.area < island.area * 1e-4  # no overlaps
    minx, miny, maxx, maxy = island.bounds
    assert 5.0 < (maxx - minx) * 98.2 < 7.5  # about 6 km east–west
    assert 2.5 < (maxy - miny) * 111.0 < 4.5  # about 3 km north–south
    assert 120.6 < minx < maxx < 120.76
    assert 27.98 < miny < maxy < 28.06


def test_grid_file_passes_the_import_checks_and_groups_by_community() -> None:
    features = parse_grid_features(grid_feature_collection(), set())
    per_community = Counter(f.community_code for f in features)
    assert set(per_community) == {c.code for c in COMMUNITIES}
    assert set(per_community.values()) == {5}
    assert {f.community_name for f in features} == {c.name for c in COMMUNITIES}
