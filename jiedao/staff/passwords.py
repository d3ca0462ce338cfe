"""The password policy of 等保 身份鉴别: what a password must be, and how long it may live.

The validators are Django's `AUTH_PASSWORD_VALIDATORS` (settings), so every place that sets a
password through Django's machinery applies them: the 修改密码 form, `createsuperuser` and
`changepassword`; the staff actions call `validate_password` themselves. The messages are ours,
in Chinese, so an office worker reads one clear sentence per rule broken.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

CLASSES = (str.islower, str.isupper, str.isdigit)


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and symbols the password uses."""
    found = sum(1 for test in CLASSES if any(test(c) for c in password))
    return found + (1 if any(not c.isalnum() for c in password) else 0)


class LengthValidator(password_validation.MinimumLengthValidator):
    def __init__(self, min_length: int = 10) -> None:
        super().__init__(min_length)

    def get_error_message(self) -> str:
        return _("密码太短：至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("至少 %(min_length)d 个字符。") % {"min_length": self.min_length}


class CharacterClassesValidator:
    """At least `min_classes` of the four kinds: lower case, upper case, digits, symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            message = _("密码须包含小写字母、大写字母、数字、符号四类中的至少 %(n)d 类。")
            raise ValidationError(message % {"n": self.min_classes}, code="password_too_simple")

    def get_help_text(self) -> str:
        return _("包含小写字母、大写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes}


class UsernameValidator:
    """Not the login name, nor containing it (in any letter case)."""

    def validate(self, password: str, user: Any = None) -> None:
        username = (getattr(user, "username", "") or "").strip().lower()
        if username and username in password.lower():
            raise ValidationError(_("密码不能是登录账号，也不能包含登录账号。"), code="password_has_username")

    def get_help_text(self) -> str:
        return _("不能包含登录账号。")


class CommonValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("这个密码太常见，容易被猜中，请换一个。")

    def get_help_text(self) -> str:
        return _("不能是常见密码。")


def max_age() -> timedelta | None:
    """How long a password may be used before it must be changed (None: no limit)."""
    days = int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0) or 0)
    return timedelta(days=days) if days > 0 else None


def password_expired(user: Any) -> bool:
    """The password was set longer ago than the policy allows (unknown: since the account began)."""
    limit = max_age()
    if limit is None or not getattr(user, "is_authenticated", False):
        return False
    since = getattr(user, "password_changed_at", None) or getattr(user, "date_joined", None)
    return since is not None and timezone.now() - since > limit


def must_change(user: Any) -> bool:
    """The person reaches only 修改密码: a one-time password, an admin's demand, or an old one."""
    return bool(getattr(user, "must_change_password", False)) or password_expired(user)
