"""Errors the engine raises; views and the API map each to one HTTP status and a translated message."""

from __future__ import annotations

from django.utils.functional import Promise


class CaseError(Exception):
    """Base: carries a translated, user-facing message and a stable code."""

    status = 400
    code = "invalid"

    def __init__(self, message: str | Promise, *, code: str | None = None, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        if code:
            self.code = code
        self.field = field


class InvalidInput(CaseError):
    status = 400
    code = "invalid"


class Forbidden(CaseError):
    """The user may not do this here (e.g. report into a grid outside their own)."""

    status = 403
    code = "forbidden"


class IllegalTransition(CaseError):
    status = 409
    code = "illegal_transition"


class StaleVersion(CaseError):
    status = 409
    code = "stale"


class NotFound(CaseError):
    status = 404
    code = "not_found"
