"""Discovery, not lists (ARCHITECTURE rule 10): the pages and API routers of every installed app
are mounted from what its `AppConfig` declares, so `jiedao/urls.py` and `jiedao/api/urls.py` name
no app and a new kind needs only its line in INSTALLED_APPS.

    class EventsConfig(AppConfig):
        name = "jiedao.events"
        url_prefix = "events/"  # jiedao.events.urls at /events/ (its app_name is the namespace)
        api_routers = {"events": "router", "public": "public"}  # jiedao.events.api.<attr>
        api_public = frozenset({"public"})  # mounted without authentication

An API router is mounted with the project's authentication unless it declares its own
(`Router(auth=...)`, kept as it is) or its prefix is in `api_public`. A router may live in another
module of the app: `{"cases": "pages_api:router"}` is `jiedao.<app>.pages_api.router`.
Apps are mounted in INSTALLED_APPS order; the app at the empty prefix ("" — the pages' home)
comes last, so it can never shadow another app's pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.urls import URLPattern, URLResolver, include, path
from ninja.constants import NOT_SET

if TYPE_CHECKING:
    from ninja import NinjaAPI, Router

DEFAULT_API_MODULE = "api"


def _configs() -> list[AppConfig]:
    return list(apps.get_app_configs())


def page_prefixes() -> list[tuple[str, AppConfig]]:
    """(prefix, app) of every app that contributes pages, in mounting order."""
    found = [(prefix, c) for c in _configs() if (prefix := getattr(c, "url_prefix", None)) is not None]
    return sorted(found, key=lambda pair: pair[0] == "")  # stable: INSTALLED_APPS order, "" last


def page_urls() -> list[URLPattern | URLResolver]:
    """One `include()` of `<app>.urls` per app that declares a `url_prefix`."""
    return [path(prefix, include(f"{config.name}.urls")) for prefix, config in page_prefixes()]


def api_routers() -> Iterator[tuple[str, Router, bool]]:
    """(prefix, router, public) of every router the apps declare, in INSTALLED_APPS order."""
    for config in _configs():
        declared: Mapping[str, str] = getattr(config, "api_routers", {})
        public: frozenset[str] = getattr(config, "api_public", frozenset())
        for prefix, where in declared.items():
            module, _, attribute = where.rpartition(":")
            found = import_module(f"{config.name}.{module or DEFAULT_API_MODULE}")
            yield prefix, getattr(found, attribute), prefix in public


def mount_api(api: NinjaAPI, auth: Any) -> None:
    """Add every declared router to `api` at `/<prefix>`, authenticated by `auth` unless public
    or bringing its own."""
    for prefix, router, public in api_routers():
        own = public or router.auth is not NOT_SET
        api.add_router(f"/{prefix}", router, auth=NOT_SET if own else auth)
