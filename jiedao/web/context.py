"""Template context shared by every page: the signed-in user's scope, roles, map settings and the
navigation the apps contribute (jiedao.core.menu)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _


def map_config() -> dict[str, Any]:
    """Settings and labels the map scripts read from the page (no external URL unless configured)."""
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "labels": {
            "useLocation": _("使用我的位置"),
            "locating": _("正在定位…"),
            "noGeolocation": _("此浏览器不支持定位，请在地图上点选位置。"),
            "geolocationFailed": _("无法获取当前位置，请在地图上点选位置。"),
            "picked": _("已选位置"),
            "grid": _("所在网格"),
            "outside": _("不在任何网格内"),
            "loadFailed": _("网格边界加载失败。"),
            "noGrids": _("没有可显示的网格。"),
            # Leaflet's own controls (its defaults are English only).
            "zoomIn": _("放大"),
            "zoomOut": _("缩小"),
            "leafletTitle": _("开源交互式地图库"),
        },
    }


def nav(request: HttpRequest) -> dict[str, Any]:
    from jiedao.core.menu import ACCOUNT, BAR, entries_shown, links_for, menu_for
    from jiedao.core.scope import scope_of
    from jiedao.web.queries import role_labels

    user = getattr(request, "user", None)
    scope = scope_of(user) if user is not None else None
    shown = entries_shown(scope)
    return {
        "scope": scope,
        "user_role_labels": role_labels(scope) if scope is not None and scope.user_id else [],
        "map_config": map_config(),
        "bar_menu": links_for(scope, BAR, shown),
        "extra_menu": menu_for(scope, shown),
        "account_menu": links_for(scope, ACCOUNT, shown),
    }
