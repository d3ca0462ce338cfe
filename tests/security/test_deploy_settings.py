"""The production settings the operations guide gives pass `check --deploy` with no warning, and
nothing a signed-in user is shown stays in a cache (Cache-Control: no-store)."""

from __future__ import annotations

import importlib
import os
import re
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

# The environment docs/运维手册.md §2 gives for production (keys are per machine, made up here).
PRODUCTION_ENV = {
    "JIEDAO_SECURE_COOKIES": "1",
    "JIEDAO_SSL_REDIRECT": "1",
    "JIEDAO_HSTS_SECONDS": "31536000",
    "JIEDAO_HSTS_INCLUDE_SUBDOMAINS": "1",
    "JIEDAO_HSTS_PRELOAD": "1",
    "JIEDAO_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "JIEDAO_SECRET_KEY": "k" * 20 + "Zq9-Xw8_Vu7.Ts6+Rp5=On4*Ml3&Jk2^Hg1%Fe0$Dc",
    "JIEDAO_ALLOWED_HOSTS": "jiedao.internal",
    "JIEDAO_DEBUG": "0",
}
NAMES = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "X_FRAME_OPTIONS",
    "MIDDLEWARE",
]


def _check_deploy(**values: object) -> str:
    """`check --deploy` under these settings, without the browser tests' async flag (tests/e2e)."""
    out, err = StringIO(), StringIO()
    with mock.patch.dict(os.environ), override_settings(**values):
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        call_command("check", deploy=True, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def _production_settings() -> dict[str, object]:
    import jiedao.settings as module

    with mock.patch.dict(os.environ, PRODUCTION_ENV):
        fresh = importlib.reload(module)
        values = {name: getattr(fresh, name) for name in NAMES}
    importlib.reload(module)
    return values


def test_the_documented_production_env_is_in_the_guide():
    guide = (settings.BASE_DIR / "docs" / "运维手册.md").read_text()
    readme = (settings.BASE_DIR / "README.md").read_text()
    for name in PRODUCTION_ENV:
        if not name.startswith(("JIEDAO_SECRET", "JIEDAO_ALLOWED", "JIEDAO_DEBUG")):
            assert name in guide, name
            assert name in readme, name


def test_check_deploy_is_clean_under_the_production_env():
    values = _production_settings()
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    text = _check_deploy(**values)
    assert not re.findall(r"\(\w+\.W\d+\)", text), text


def test_plain_development_settings_do_warn():
    # The test above could not pass by a check that prints nothing at all.
    assert "security.W012" in _check_deploy(SESSION_COOKIE_SECURE=False, DEBUG=False)


@pytest.mark.django_db
def test_pages_and_api_answers_for_a_signed_in_user_are_not_stored(users, client_for):
    client = client_for(users["dispatcher"])
    for url in ("/", "/events/", "/api/events"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.get("Cache-Control", ""), url
    # A token client has no session.
    out = StringIO()
    call_command("token", "create", "--user", users["dispatcher"].username, stdout=out)
    response = Client().get("/api/events", HTTP_AUTHORIZATION=f"Bearer {out.getvalue().strip()}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
