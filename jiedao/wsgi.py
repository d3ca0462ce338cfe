"""WSGI entry point for gunicorn: bearer-token API calls take the lean path (jiedao.core.api.handler)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
site = get_wsgi_application()

from jiedao.core.keys import check  # noqa: E402  (needs settings)

check()  # gunicorn runs no system checks: a production start with development keys stops here

from jiedao.core.api.handler import TokenApiHandler, is_token_request  # noqa: E402  (needs settings)

api = TokenApiHandler()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if is_token_request(environ):
        return api(environ, start_response)
    return site(environ, start_response)
