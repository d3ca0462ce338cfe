"""Every API error is JSON: {"code": ..., "message": <translated>, "field": ...}."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jiedao.core.errors import DomainError

# Django Ninja's own error texts (English, fixed), in the caller's language with a stable code.
NINJA_MESSAGES = {
    "Cannot parse request body": ("bad_body", gettext_lazy("请求正文不是有效的 JSON，请检查格式。")),
    "CSRF check Failed": ("csrf", gettext_lazy("页面已过期（CSRF 校验失败），请刷新后重试。")),
}


def install(api: NinjaAPI) -> None:
    def reply(request: HttpRequest, status: int, code: str, message: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"code": code, "message": message, **extra}, status=status)

    @api.exception_handler(DomainError)
    def case_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return reply(request, exc.status, exc.code, exc.message, field=exc.field)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        return reply(
            request, 413, "too_large", _("请求正文过大（上限 %(mb)d MB）。") % {"mb": max(1, limit // 2**20)}
        )

    # Django refuses a body it cannot take apart (too many fields, a broken multipart body, a
    # connection cut mid-body) with its HTML 400 page; under /api/ the answer is the JSON error.
    @api.exception_handler(SuspiciousOperation)
    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(UnreadablePostError)
    def unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 400, "bad_body", _("无法读取请求正文，请检查格式和大小。"))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return reply(request, 404, "not_found", _("未找到，或您无权查看。"))

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = [".".join(str(p) for p in e.get("loc", ())[1:]) for e in exc.errors]
        return reply(
            request,
            422,
            "invalid",
            _("请求数据格式不正确：%(fields)s") % {"fields": "、".join(f for f in fields if f) or "-"},
            errors=[{"field": f, "type": e.get("type")} for f, e in zip(fields, exc.errors, strict=True)],
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return reply(request, 401, "unauthenticated", _("请先登录或提供有效的接口令牌。"))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        known = NINJA_MESSAGES.get(str(exc))
        if known is not None:
            return reply(request, exc.status_code, known[0], str(known[1]))
        return reply(request, exc.status_code, "error", str(exc))
