"""API authentication: `Authorization: Bearer <token>`, or the browser session (with CSRF).

Either way the call acts in the jurisdiction `jiedao.core.acting` decides: the one named by the
`X-Jurisdiction: <id>` header (403 JSON when the caller holds no role there), else — a token
has no session — the lowest-numbered one the caller may act in (a browser: the picker's choice).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from jiedao.core import acting
from jiedao.core.api.tokens import user_for_token
from jiedao.core.errors import PASSWORD_CHANGE_REQUIRED, Forbidden
from jiedao.core.models import User


def presents_bearer(authorization: str) -> bool:
    """Whether an Authorization header value uses the Bearer scheme, in any letter case, as
    Ninja's HttpBearer reads it. Such a request is judged by its token alone."""
    return authorization.split(" ", 1)[0].lower() == "bearer"


def act_as_asked(request: HttpRequest, user: User) -> None:
    """The jurisdiction the call names in its X-Jurisdiction header, if any, for this call."""
    wanted = request.headers.get(acting.HEADER)
    if wanted is not None and not acting.remember(user, wanted):
        raise Forbidden(_("请求头 X-Jurisdiction 指定的街道不在您的任职范围内。"), field=acting.HEADER)


class TokenAuth(HttpBearer):
    openapi_description = gettext_lazy(
        "接口令牌：Authorization: Bearer <令牌>。任职于多个街道的用户可加请求头 X-Jurisdiction: <街道 id>"
        " 指定本次调用所在的街道（无此请求头时为编号最小的街道；不在任职范围内的街道返回 403）。"
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None and user.must_change_password:
            # A one-time password opens nothing, the API included, until it is changed
            # (the page side of this is jiedao.staff.middleware).
            raise HttpError(403, str(PASSWORD_CHANGE_REQUIRED))
        if user is not None:
            act_as_asked(request, user)
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

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if isinstance(user, User):
            act_as_asked(request, user)
        return user


def current_user(request: HttpRequest) -> User:
    auth: Any = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else request.user  # type: ignore[return-value]


AUTH = [TokenAuth(), BrowserSessionAuth()]
