"""API authentication: `Authorization: Bearer <token>`, or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from jiedao.core.api.tokens import user_for_token
from jiedao.core.errors import PASSWORD_CHANGE_REQUIRED
from jiedao.core.models import User


def presents_bearer(authorization: str) -> bool:
    """Whether an Authorization header value uses the Bearer scheme, in any letter case, as
    Ninja's HttpBearer reads it. Such a request is judged by its token alone."""
    return authorization.split(" ", 1)[0].lower() == "bearer"


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None and user.must_change_password:
            # A one-time password opens nothing, the API included, until it is changed
            # (the page side of this is jiedao.staff.middleware).
            raise HttpError(403, str(PASSWORD_CHANGE_REQUIRED))
        if user is not None:
            request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """The logged-in browser session (with CSRF) — only for requests that bring no bearer token.

    A call that presents a token is judged by the token alone: a wrong or revoked one is a 401
    with a translated message, not a session CSRF failure.
    """

    def __call__(self, request: HttpRequest) -> Any:
        if presents_bearer(request.headers.get("Authorization", "")):
            return None
        return super().__call__(request)


def current_user(request: HttpRequest) -> User:
    auth: Any = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else request.user  # type: ignore[return-value]


AUTH = [TokenAuth(), BrowserSessionAuth()]
