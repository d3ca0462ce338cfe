"""The one error hierarchy of the platform: the case engine, registers, goals and every other
domain raise these; pages and the API map each to one HTTP status and a translated message."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

# Said by the pages and the API alike while an account holds a one-time password.
PASSWORD_CHANGE_REQUIRED = gettext_lazy(
    "您正在使用一次性密码或管理员要求修改密码：请先在网页上修改密码，再使用其他功能或接口。"
)


class DomainError(Exception):
    """Base: carries a translated, user-facing message and a stable code."""

    status = 400
    code = "invalid"

    def __init__(self, message: str | Promise, *, code: str | None = None, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        if code:
            self.code = code
        self.field = field


class InvalidInput(DomainError):
    status = 400
    code = "invalid"


class Forbidden(DomainError):
    """The user may not do this here (e.g. report into a grid outside their own)."""

    status = 403
    code = "forbidden"


class IllegalTransition(DomainError):
    status = 409
    code = "illegal_transition"


class StaleVersion(DomainError):
    status = 409
    code = "stale"


class NotFound(DomainError):
    status = 404
    code = "not_found"
