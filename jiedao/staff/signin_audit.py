"""Sign-in events in the audit log (等保 安全审计): every login, logout, failure and lockout,
with the source address.

These come from Django's auth signals rather than from an action function: the events happen
inside `django.contrib.auth` (our login page, the admin's, `logout`) and in django-axes, and the
signals are the one place all of them pass.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from jiedao.core import audit
from jiedao.core.models import User
from jiedao.staff.lockout import source_address
from jiedao.staff.sessions import start_session

SIGN_IN_ACTIONS = ("login", "logout", "login_failed", "login_locked")


def record(action: str, *, request: HttpRequest | None, username: str, user: User | None) -> None:
    """One entry about the account `username` (which may not exist); `user` acted if signed in."""
    target = user or User.objects.filter(username=username).first()
    details = {"ip": source_address(request), "username": username[:150]}
    if target is not None:
        acting = target if action in {"login", "logout"} else None
        row = audit.entry(target, action, acting_user=acting, after=details)
    else:
        row = audit.entry(User(username=username[:150]), action, acting_user=None, after=details)
        row.object_id = ""
    row.save()


def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        start_session(request)
    record("login", request=request, username=user.get_username(), user=user)


def _logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record("logout", request=request, username=user.get_username(), user=user)


def _failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is None:
        return  # a script's authenticate(): no source, and axes does not count it either
    record("login_failed", request=request, username=str(credentials.get("username") or ""), user=None)


def _locked(sender: Any, request: HttpRequest | None, username: str | None, **kwargs: Any) -> None:
    record("login_locked", request=request, username=str(username or ""), user=None)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="jiedao.signin.login")
    user_logged_out.connect(_logged_out, dispatch_uid="jiedao.signin.logout")
    user_login_failed.connect(_failed, dispatch_uid="jiedao.signin.failed")
    user_locked_out.connect(_locked, dispatch_uid="jiedao.signin.locked")
