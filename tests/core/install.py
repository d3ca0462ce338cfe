"""Adding an app to the running project inside one test, as if its line were appended to
INSTALLED_APPS: what its AppConfig declares (pages, API routers, menu entries, case kinds and
surfaces, templates) is mounted for the test and forgotten afterwards."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.apps import AppConfig, apps
from django.urls import path
from ninja import NinjaAPI

from jiedao import urls as project_urls
from jiedao.cases import kinds, surface
from jiedao.core import discovery, menu
from jiedao.core.api import errors
from jiedao.core.api.auth import AUTH

# The registries an AppConfig.ready() adds to: copied for the test, restored afterwards.
REGISTRIES = (
    (menu, ("_ENTRIES", "_SHORTCUTS", "_PANELS")),
    (kinds, ("_KINDS",)),
    (surface, ("_SURFACES",)),
)


def install_app(config_path: str, monkeypatch: pytest.MonkeyPatch, settings: Any) -> AppConfig:
    """Install the AppConfig at `config_path` (e.g. "tests.core.tryout.apps.TryoutConfig")."""
    config = AppConfig.create(config_path)
    installed = list(apps.get_app_configs())
    monkeypatch.setattr(discovery, "_configs", lambda: [*installed, config])
    for module, names in REGISTRIES:
        for name in names:
            monkeypatch.setattr(module, name, type(getattr(module, name))(getattr(module, name)))
    config.ready()
    templates = Path(config.path) / "templates"
    if templates.is_dir():  # what APP_DIRS would find, had the app been installed at start-up
        engine = settings.TEMPLATES[0]
        settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], templates]}, *settings.TEMPLATES[1:]]
    api = NinjaAPI(urls_namespace="api")  # as jiedao/api/urls.py builds the project's
    errors.install(api)
    discovery.mount_api(api, AUTH)
    urlconf = ModuleType(f"{config.label}_urls")
    django_own = [p for p in project_urls.urlpatterns if str(p.pattern) in ("i18n/", "admin/")]
    urlconf.urlpatterns = [*django_own, path("api/", api.urls), *discovery.page_urls()]  # type: ignore[attr-defined]
    settings.ROOT_URLCONF = urlconf
    return config
