"""Template context shared by every page: the signed-in user's roles and the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def nav(request: HttpRequest) -> dict[str, Any]:
    from jiedao.core.scope import scope_of

    user = getattr(request, "user", None)
    return {"scope": scope_of(user) if user is not None else None}
