"""Importing grid boundaries: all checked first, nothing written on any error."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from jiedao.core.models import AuditEntry, BoundarySet, Community, Grid
from tests.conftest import TEST_GRIDS, feature, square

BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[120.0, 28.0], [120.01, 28.01], [120.01, 28.0], [120.0, 28.01], [120.0, 28.0]]],
}


def _write(tmp_path, data) -> str:
    path = tmp_path / "grids.geojson"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_command_imports_a_new_active_version(jurisdiction, tmp_path, capsys):
    call_command("grids", "import", _write(tmp_path, TEST_GRIDS), "--jurisdiction", jurisdiction.code)
    assert "4" in capsys.readouterr().out
    versions = list(BoundarySet.objects.filter(jurisdiction=jurisdiction).order_by("version"))
    assert [(b.version, b.active) for b in versions] == [(1, False), (2, True)]
    assert Grid.objects.filter(boundary_set=versions[0]).count() == 4  # old cases keep their grids
    assert Grid.objects.filter(boundary_set=versions[1]).count() == 4
    assert AuditEntry.objects.filter(object_type="core.boundaryset", action="deactivate").count() == 1


def test_every_bad_feature_is_listed_and_nothing_written(jurisdiction, tmp_path):
    bad = {
        "type": "FeatureCollection",
        "features": [
            feature("X1", "好网格", "C1", "", square(120.8, 28.1)),
            feature("X1", "重复", "C1", "", square(120.9, 28.1)),
            feature("X3", "自相交", "C1", "", BOWTIE),
            feature("X4", "无名村社", "C9", "", square(121.0, 28.1)),
            {
                "type": "Feature",
                "properties": {"code": "X5"},
                "geometry": {"type": "Point", "coordinates": [1, 2]},
            },
            feature("X6", "经纬颠倒", "C1", "", square(28.1, 120.8)),
        ],
    }
    before = (
        BoundarySet.objects.count(),
        Grid.objects.count(),
        Community.objects.count(),
        AuditEntry.objects.count(),
    )
    with pytest.raises(CommandError) as exc:
        call_command("grids", "import", _write(tmp_path, bad), "--jurisdiction", jurisdiction.code)
    text = str(exc.value)
    assert "未写入任何数据" in text
    assert "第 2 个要素" in text
    assert "重复" in text
    assert "第 3 个要素" in text
    assert "多边形无效" in text
    assert "C9" in text
    assert "第 5 个要素" in text
    assert "缺少属性" in text
    assert "Polygon" in text
    assert "第 6 个要素" in text
    assert "经纬度范围" in text
    assert "- 第 1 个要素" not in text
    after = (
        BoundarySet.objects.count(),
        Grid.objects.count(),
        Community.objects.count(),
        AuditEntry.objects.count(),
    )
    assert after == before


def test_new_community_is_created_from_its_name(jurisdiction, tmp_path):
    data = {
        "type": "FeatureCollection",
        "features": [
            feature("Y1", "新网格一", "C3", "", square(120.8, 28.1)),
            feature("Y2", "新网格二", "C3", "北岸社区", square(120.81, 28.1)),
        ],
    }
    call_command("grids", "import", _write(tmp_path, data), "--jurisdiction", jurisdiction.code)
    assert Community.objects.get(jurisdiction=jurisdiction, code="C3").name == "北岸社区"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "JSON"),
        ('{"type": "Feature"}', "FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "没有"),
    ],
)
def test_malformed_files(jurisdiction, tmp_path, content, fragment):
    path = tmp_path / "g.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=fragment):
        call_command("grids", "import", str(path), "--jurisdiction", jurisdiction.code)


def test_unknown_jurisdiction_and_missing_file(jurisdiction, tmp_path):
    with pytest.raises(CommandError, match="找不到"):
        call_command("grids", "import", _write(tmp_path, TEST_GRIDS), "--jurisdiction", "nope")
    with pytest.raises(CommandError, match="无法读取"):
        call_command("grids", "import", str(tmp_path / "missing.json"), "--jurisdiction", jurisdiction.code)
