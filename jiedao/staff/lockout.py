"""Login failure handling (等保 身份鉴别), on django-axes.

After `AXES_FAILURE_LIMIT` failures for one account, or from one source address, that account
or address is refused for `AXES_COOLOFF_TIME`, the right password included. django-axes keeps
the attempts in the database (shared by every worker) and hooks Django's own `authenticate`,
which our LoginView's form calls with the request. Bearer tokens never pass through
`authenticate`, so the API's token users are not affected.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.core import audit
from jiedao.core.models import Jurisdiction, User


def source_address(request: HttpRequest | None) -> str:
    """Where a request came from: REMOTE_ADDR (a trusted proxy's header is not consulted)."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR") or "")


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_message() -> str:
    return _(
        "登录失败次数过多，该账号或本机地址已被锁定 %(minutes)d 分钟，期间即使密码正确也无法登录。"
        "请稍后再试，或联系安全管理员解锁。"
    ) % {"minutes": lockout_minutes()}


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check before the password one. An `authenticate` without a request (a script, the
    test client's `login`) has no source to count: it is left to the next backend unchecked."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def locked_out(request: HttpRequest, response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """The login page the view just drew, again with the lockout's reason instead of "wrong
    password", answered 429 (AXES_LOCKOUT_CALLABLE)."""
    messages.error(request, locked_message())
    context = getattr(response, "context_data", None)
    template = getattr(response, "template_name", None)
    if context is None or template is None:
        return HttpResponse(locked_message(), status=429, content_type="text/plain; charset=utf-8")
    form = context.get("form")
    if form is not None and form.is_bound:
        form.errors.clear()
    return TemplateResponse(request, template, context, status=429).render()


def is_locked(person: User) -> bool:
    """The account has reached the failure limit within the cool-off time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(username=person.username, attempt_time__gte=since)
    return sum(a.failures_since_start for a in failures) >= settings.AXES_FAILURE_LIMIT


def unlock(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    """Forget the person's failed attempts (every source): they may sign in again at once."""
    with transaction.atomic():
        removed = reset(username=person.username)
        if not removed:
            return False
        audit.record(
            person,
            "unlock",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            after={"attempts_removed": removed},
        )
    return True
