"""The platform's own 403, 404 and 500: a page of the platform (navigation, Chinese text, a way
back) for a browser, the API's JSON error body under /api/ (`jiedao.core.api.errors`' shape)."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int, code: str, message: str | Promise) -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": str(message)}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _back(request: HttpRequest) -> str:
    """The page the user came from, when it is one of ours (never an outside address)."""
    referer = request.META.get("HTTP_REFERER", "")
    if (
        referer
        and referer != request.build_absolute_uri()
        and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return referer
    return ""


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {
        "status": status,
        "title": title,
        "message": message,
        "back_url": _back(request),
        "home_url": reverse("web:workbench"),
    }
    return render(request, "errors/error.html", context, status=status)


def page_forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # PermissionDenied raised by our views carries a translated sentence; Django's own carry none.
    reason = str(exception or "").strip()
    if _is_api(request):
        return _json(403, "forbidden", reason or _("您无权执行此操作。"))
    return _page(
        request,
        403,
        _("您无权访问此页面"),
        reason or _("您的角色不能使用此页面。如需使用，请联系本街道的系统管理员。"),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Never the exception's text: Django's ("No Case matches the given query.") is technical.
    if _is_api(request):
        return _json(404, "not_found", _("未找到，或您无权查看。"))
    return _page(
        request,
        404,
        _("页面不存在"),
        _("您要找的页面或记录不存在，或不在您的查看范围内。请检查地址，或从导航重新进入。"),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _("页面已过期（CSRF 校验失败），请刷新后重试。")
    if _is_api(request):
        return _json(403, "csrf", message)
    return _page(request, 403, _("页面已过期"), message)


def _plain_500() -> str:
    """The 500 page without templates, context or database: only the catalogue's words."""
    return format_html(
        '<!doctype html><html><head><meta charset="utf-8"><title>{} · {}</title></head>'
        '<body style="font-family:sans-serif;margin:3rem"><h1>{}</h1><p>{}</p><p><a href="/">{}</a></p>'
        "</body></html>",
        _("系统暂时出现问题"),
        _("街道智治"),
        _("系统暂时出现问题"),
        _("请稍后重试；问题持续时请联系本街道的系统管理员。"),
        _("回到我的待办"),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json(500, "server_error", _("系统暂时出现问题，请稍后重试。"))
    try:
        return _page(
            request, 500, _("系统暂时出现问题"), _("请稍后重试；问题持续时请联系本街道的系统管理员。")
        )
    except Exception:  # the page itself needs the database and templates that may be what failed
        log.exception("the 500 page could not be drawn; a plain one was sent")
        return HttpResponse(_plain_500(), status=500)
