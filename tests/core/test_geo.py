"""Point → grid lookup and coordinate validation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jiedao.core.actions import import_grids
from jiedao.core.geo import locate_grid, validate_point
from tests.conftest import feature, square


def test_each_point_lands_in_its_grid(jurisdiction, grid_points):
    for code, (lat, lng) in grid_points.items():
        grid = locate_grid(jurisdiction.pk, lat, lng)
        assert grid is not None
        assert grid.code == code


def test_point_outside_every_grid(jurisdiction, outside_point):
    assert locate_grid(jurisdiction.pk, *outside_point) is None


def test_shared_edge_goes_to_lowest_code(jurisdiction):
    grid = locate_grid(jurisdiction.pk, 28.005, 120.70)  # on the G1/G2 border
    assert grid is not None
    assert grid.code == "G1"


def test_jurisdictions_do_not_see_each_others_grids(jurisdiction, other_jurisdiction, grid_points):
    assert locate_grid(other_jurisdiction.pk, *grid_points["G1"]) is None
    other = locate_grid(other_jurisdiction.pk, 30.005, 121.005)
    assert other is not None
    assert other.jurisdiction_id == other_jurisdiction.pk
    assert locate_grid(jurisdiction.pk, 30.005, 121.005) is None


def test_new_boundary_generation_takes_over(jurisdiction, grid_points):
    merged = {
        "type": "FeatureCollection",
        "features": [feature("N1", "合并网格", "C1", "", square(120.69, 27.99, 0.02))],
    }
    import_grids(acting_user=None, jurisdiction=jurisdiction, feature_collection=merged)
    grid = locate_grid(jurisdiction.pk, *grid_points["G4"])
    assert grid is not None
    assert grid.code == "N1"
    assert grid.centroid_lat == pytest.approx(28.0)
    assert grid.centroid_lng == pytest.approx(120.70)


def test_no_grids_means_no_grid(other_jurisdiction, db):
    from jiedao.core.models import Jurisdiction

    empty = Jurisdiction.objects.create(code="empty", name="空街道")
    assert locate_grid(empty.pk, 28.0, 120.7) is None


@pytest.mark.parametrize(
    ("lat", "lng", "fragment"),
    [
        ("abc", 120.0, "必须是数字"),
        (None, 120.0, "必须是数字"),
        (float("nan"), 120.0, "有限"),
        (91, 120.0, "纬度"),
        (28.0, 181, "经度"),
        (0, 0, "定位失败"),
    ],
)
def test_bad_points_are_refused_with_a_reason(lat, lng, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_point(lat, lng)
    assert fragment in exc.value.messages[0]


def test_string_coordinates_are_accepted():
    assert validate_point("28.1", "120.7") == (28.1, 120.7)
