"""Three refusals that must hold on every request, before any view runs.

- A session past its idle timeout or absolute lifetime (jiedao.staff.sessions) is ended, and
  the person lands on the login page with the reason.
- A session of a person who has since been deactivated is ended on its very next request (the
  auth backend already refuses to load an inactive user; this says why, on the login page).
- A person who must change their password (a one-time password, an admin's demand, or one
  older than `PASSWORD_MAX_AGE_DAYS`) reaches
  only the 修改密码 page until they have done so. The API answers 403 JSON instead of a
  redirect: a one-time password was handed over on paper or by phone and must not open the
  API either, and a script cannot follow a redirect to a form. Bearer tokens are refused the
  same way by `jiedao.core.api.auth.TokenAuth`, which is where a token's user becomes known.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from jiedao.core.errors import PASSWORD_CHANGE_REQUIRED
from jiedao.staff.passwords import must_change
from jiedao.staff.sessions import expired_reason

API_PREFIX = "/api/"


def password_change_required_message() -> str:
    return str(PASSWORD_CHANGE_REQUIRED)


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return self.get_response(request)  # no session sign-in (anonymous, or a bearer token)
        user = request.user
        if not user.is_authenticated and SESSION_KEY in session:
            # The session still names someone the backend no longer loads: deactivated since.
            # (A session whose password changed elsewhere was already flushed by auth.)
            logout(request)
            messages.error(request, _("您的账号已被停用，如有疑问请联系管理员。"))
            if request.path.startswith(API_PREFIX):
                return self.get_response(request)
            return redirect(settings.LOGIN_URL)
        reason = expired_reason(request) if user.is_authenticated else None
        if reason is not None:
            logout(request)
            messages.info(request, reason)
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"code": "session_expired", "message": reason}, status=401)
            target = reverse(settings.LOGIN_URL)
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        if user.is_authenticated and must_change(user) and not self._allowed(request):
            if request.path.startswith(API_PREFIX):
                return JsonResponse(
                    {"code": "password_change_required", "message": password_change_required_message()},
                    status=403,
                )
            target = reverse("staff:password_change")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        path = request.path
        open_paths = (
            reverse("staff:password_change"),
            reverse("web:logout"),
            reverse("web:login"),
            reverse("set_language"),
        )
        return path in open_paths or path.startswith(settings.STATIC_URL)
