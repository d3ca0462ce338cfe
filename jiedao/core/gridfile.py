"""Parsing and validating a grid boundary FeatureCollection before anything is written.

`parse_grid_features` collects every problem of every feature, so an operator fixes the file in
one pass; it raises one ValidationError listing them all, or returns the checked features.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely.validation import explain_validity

from jiedao.core.geo import POLYGON_TYPES, centroid_of, geometry_of

REQUIRED_PROPERTIES = ("code", "name", "community_code")


@dataclass(frozen=True)
class GridFeature:
    """One checked feature of a grid file."""

    code: str
    name: str
    community_code: str
    community_name: str
    geometry: dict[str, Any]
    centroid_lat: float
    centroid_lng: float


def load_feature_collection(raw: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The FeatureCollection as a dict; raises a translated ValidationError for bad JSON."""
    if isinstance(raw, dict):
        data: Any = raw
    else:
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValidationError(_("文件不是有效的 JSON：%(err)s") % {"err": exc}) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(_("文件必须是 GeoJSON FeatureCollection。"))
    if not isinstance(data.get("features"), list) or not data["features"]:
        raise ValidationError(_("FeatureCollection 中没有任何网格要素。"))
    return data


def _label(index: int, props: dict[str, Any]) -> str:
    code = props.get("code")
    if code:
        return _("第 %(n)d 个要素（编码 %(code)s）") % {"n": index + 1, "code": code}
    return _("第 %(n)d 个要素") % {"n": index + 1}


def _text(props: dict[str, Any], key: str) -> str:
    value = props.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value.strip() if isinstance(value, str) else ""


def _check_geometry(geom: Any) -> tuple[list[str], float, float]:
    if not isinstance(geom, dict) or geom.get("type") not in POLYGON_TYPES:
        return [_("几何类型必须是 Polygon 或 MultiPolygon")], 0.0, 0.0
    try:
        shp = geometry_of(geom)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        return [_("坐标无法解析（%(err)s）") % {"err": exc}], 0.0, 0.0
    if shp.is_empty:
        return [_("几何为空")], 0.0, 0.0
    problems: list[str] = []
    if not shp.is_valid:
        problems.append(_("多边形无效（%(why)s）") % {"why": explain_validity(shp)})
    minx, miny, maxx, maxy = shp.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        problems.append(_("坐标超出经纬度范围（应为 [经度, 纬度] 顺序）"))
    if problems:
        return problems, 0.0, 0.0
    lat, lng = centroid_of(geom)
    return [], lat, lng


def parse_grid_features(data: dict[str, Any], known_communities: set[str]) -> list[GridFeature]:
    """Check every feature; raise ValidationError listing all bad ones, or return them all."""
    errors: list[str] = []
    out: list[GridFeature] = []
    seen: dict[str, int] = {}
    # A new community needs its name on at least one of its features, not necessarily the first.
    community_names: dict[str, str] = {}
    for feature in data["features"]:
        props = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(props, dict) and _text(props, "community_code") and _text(props, "community_name"):
            community_names.setdefault(_text(props, "community_code"), _text(props, "community_name"))
    for i, feature in enumerate(data["features"]):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.append(_("第 %(n)d 个要素：不是 GeoJSON Feature") % {"n": i + 1})
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        label = _label(i, props)
        problems: list[str] = []
        missing = [key for key in REQUIRED_PROPERTIES if not _text(props, key)]
        if missing:
            problems.append(_("缺少属性 %(keys)s") % {"keys": "、".join(missing)})
        code, ccode, cname = (
            _text(props, "code"),
            _text(props, "community_code"),
            _text(props, "community_name"),
        )
        if code:
            if code in seen:
                problems.append(_("编码与第 %(n)d 个要素重复") % {"n": seen[code] + 1})
            else:
                seen[code] = i
        if ccode and ccode not in known_communities and ccode not in community_names:
            problems.append(_("村社 %(code)s 不存在，且未提供 community_name 以新建") % {"code": ccode})
        geom_problems, lat, lng = _check_geometry(feature.get("geometry"))
        problems.extend(geom_problems)
        if problems:
            errors.append(f"{label}：{'；'.join(problems)}")
            continue
        out.append(
            GridFeature(
                code=code,
                name=_text(props, "name"),
                community_code=ccode,
                community_name=cname or community_names.get(ccode, ""),
                geometry=feature["geometry"],
                centroid_lat=lat,
                centroid_lng=lng,
            )
        )
    if errors:
        raise ValidationError(errors)
    return out
