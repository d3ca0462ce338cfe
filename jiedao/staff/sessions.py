"""Session limits (等保 身份鉴别): an idle timeout and an absolute lifetime.

Both are kept in the session itself: when it began (set at login) and when it was last used
(refreshed at most once a minute, so an active person does not cost a session write per
request). A request after either limit ends the session and lands on the login page with the
reason. The cookie lives as long as the absolute lifetime (SESSION_COOKIE_AGE).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

STARTED = "jiedao_started"
SEEN = "jiedao_seen"
TOUCH_EVERY = 60  # seconds


def start_session(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[STARTED] = now
    request.session[SEEN] = now


def expired_reason(request: HttpRequest) -> str | None:
    """Why this signed-in session has ended, or None (and then its last use is noted)."""
    session = request.session
    now = int(time.time())
    started = session.get(STARTED)
    seen = session.get(SEEN)
    if not isinstance(started, int) or not isinstance(seen, int):
        start_session(request)  # a session from before these limits: counted from now
        return None
    if now - started > settings.SESSION_ABSOLUTE_SECONDS:
        return _("登录已超过 %(hours)s 小时，为了安全请重新登录。") % {
            "hours": _hours(settings.SESSION_ABSOLUTE_SECONDS)
        }
    if now - seen > settings.SESSION_IDLE_SECONDS:
        return _("您已 %(minutes)d 分钟未操作，为了安全已自动退出，请重新登录。") % {
            "minutes": settings.SESSION_IDLE_SECONDS // 60
        }
    if now - seen >= TOUCH_EVERY:
        session[SEEN] = now
    return None


def _hours(seconds: int) -> str:
    hours = seconds / 3600
    return f"{hours:g}"
