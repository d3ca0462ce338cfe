"""The fictional island of the demo: an irregular outline split into grids grouped into communities.

The layout does not depend on the demo's `--seed`: it always uses `LAYOUT_SEED`, so the grid
file committed under `config/demo/grids.geojson` matches every demo database.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPoint, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

LAYOUT_SEED = 2022
CENTRE_LAT = 28.02
CENTRE_LNG = 120.68
# About 6 km east–west and 3 km north–south at latitude 28°.
HALF_WIDTH_KM = 3.0
HALF_HEIGHT_KM = 1.5
KM_PER_DEG_LNG = 98.2
KM_PER_DEG_LAT = 111.0
TILT_DEG = 8.0  # the river runs a little south-west to north-east
GRID_COUNT = 30
PRECISION = 1e-6


@dataclass(frozen=True)
class CommunitySpec:
    """A demo community and where on the island it lies (column west→east, row north/south)."""

    code: str
    name: str
    column: int
    north: bool


COMMUNITIES = (
    CommunitySpec("laotu", "老涂村", 0, True),
    CommunitySpec("shangsha", "上沙村", 0, False),
    CommunitySpec("banqiao", "板桥社区", 1, True),
    CommunitySpec("kejidao", "科技岛社区", 1, False),
    CommunitySpec("zhangli", "樟里村", 2, True),
    CommunitySpec("jiangbin", "江滨社区", 2, False),
)


def island_outline() -> Polygon:
    """An irregular, lens-shaped island: an ellipse whose radius wobbles with a few harmonics."""
    rng = random.Random(LAYOUT_SEED)
    harmonics = [(k, rng.uniform(0.03, 0.09) / k**0.5, rng.uniform(0, 2 * math.pi)) for k in (2, 3, 5, 7)]
    tilt = math.radians(TILT_DEG)
    points = []
    steps = 72
    for i in range(steps):
        a = 2 * math.pi * i / steps
        wobble = 1 + sum(amp * math.sin(k * a + phase) for k, amp, phase in harmonics)
        # Kilometres east/north of the centre; the ends are pointed like a river-built island.
        x = math.cos(a) * wobble * HALF_WIDTH_KM
        y = math.sin(a) * wobble * HALF_HEIGHT_KM * (0.7 + 0.3 * abs(math.sin(a)))
        east = x * math.cos(tilt) - y * math.sin(tilt)
        north = x * math.sin(tilt) + y * math.cos(tilt)
        points.append((CENTRE_LNG + east / KM_PER_DEG_LNG, CENTRE_LAT + north / KM_PER_DEG_LAT))
    poly = Polygon(points)
    if not poly.is_valid:
        poly = shapely.make_valid(poly)
    return orient(shapely.set_precision(poly, PRECISION), 1.0)


def _seed_points(island: BaseGeometry, count: int, rng: random.Random) -> list[tuple[float, float]]:
    """Well-spread seed points inside the island (best of several candidates, farthest first)."""
    minx, miny, maxx, maxy = island.bounds
    chosen: list[tuple[float, float]] = []
    shrunk = island.buffer(-0.0015)
    while len(chosen) < count:
        best, best_d = None, -1.0
        for _ in range(12):
            p = (rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            if not shapely.contains_xy(shrunk, *p):
                continue
            d = min((math.dist(p, q) for q in chosen), default=1.0)
            if d > best_d:
                best, best_d = p, d
        if best is not None:
            chosen.append(best)
    return chosen


def _largest(geom: BaseGeometry) -> Polygon:
    if isinstance(geom, Polygon):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    return max(parts, key=lambda g: g.area)


def grid_cells() -> list[Polygon]:
    """Voronoi cells of the seed points clipped to the island; stray slivers join a neighbour."""
    rng = random.Random(LAYOUT_SEED)
    island = island_outline()
    seeds = _seed_points(island, GRID_COUNT, rng)
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=island.envelope.buffer(0.01))
    clipped = [_largest(shapely.intersection(c, island)) for c in cells.geoms]
    return [orient(shapely.set_precision(c, PRECISION), 1.0) for c in clipped]


def _community_of(cells: list[Polygon]) -> list[CommunitySpec]:
    """Three columns west→east of ten cells each, each column split into five north and five south."""
    order = sorted(range(len(cells)), key=lambda i: cells[i].centroid.x)
    per_column = math.ceil(len(cells) / 3)
    out: list[CommunitySpec | None] = [None] * len(cells)
    for column in range(3):
        members = order[column * per_column : (column + 1) * per_column]
        members.sort(key=lambda i: -cells[i].centroid.y)
        half = math.ceil(len(members) / 2)
        for rank, i in enumerate(members):
            north = rank < half
            out[i] = next(c for c in COMMUNITIES if c.column == column and c.north == north)
    return [c for c in out if c is not None]


def grid_feature_collection() -> dict[str, Any]:
    """The demo's grids as a GeoJSON FeatureCollection in the format `import_grids` reads."""
    cells = grid_cells()
    communities = _community_of(cells)
    numbered: dict[str, int] = {}
    features = []
    # Number grids inside each community from west to east.
    for i in sorted(range(len(cells)), key=lambda i: (communities[i].code, cells[i].centroid.x)):
        spec = communities[i]
        numbered[spec.code] = numbered.get(spec.code, 0) + 1
        n = numbered[spec.code]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": f"{spec.code}{n:02d}",
                    "name": f"{spec.name}第{n}网格",
                    "community_code": spec.code,
                    "community_name": spec.name,
                },
                "geometry": _rounded(mapping(cells[i])),
            }
        )
    return {"type": "FeatureCollection", "name": "江心岛街道网格（演示）", "features": features}


def _rounded(geometry: Any) -> dict[str, Any]:
    def ring(coords: Any) -> list[list[float]]:
        return [[round(x, 6), round(y, 6)] for x, y in coords]

    return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}


class PointSampler:
    """Uniform random points strictly inside a grid polygon (rejection sampling, vectorised)."""

    def __init__(self, geometry: dict[str, Any], rng: np.random.Generator) -> None:
        self.shape = shape(geometry)
        shapely.prepare(self.shape)
        self.rng = rng
        self.pool: list[tuple[float, float]] = []

    def _refill(self) -> None:
        minx, miny, maxx, maxy = self.shape.bounds
        xs = self.rng.uniform(minx, maxx, 512)
        ys = self.rng.uniform(miny, maxy, 512)
        inside = shapely.contains_xy(self.shape, xs, ys)
        self.pool.extend(
            (round(float(y), 6), round(float(x), 6)) for x, y in zip(xs[inside], ys[inside], strict=True)
        )
        # Rounding may push a point onto the border: keep only those still strictly inside.
        self.pool = [p for p in self.pool if shapely.contains_xy(self.shape, p[1], p[0])]

    def point(self) -> tuple[float, float]:
        """(lat, lng) of a fresh point inside the polygon."""
        while not self.pool:
            self._refill()
        return self.pool.pop()
