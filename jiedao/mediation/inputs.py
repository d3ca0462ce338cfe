"""Reading one value of a mediation form or API payload: a translated error naming the field, or
the clean value. Shared by intake and the transition effects so both refuse input alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases.inputs import text as text  # the engine's text reader, used as inputs.text
from jiedao.core import crypto
from jiedao.core.errors import InvalidInput
from jiedao.core.ints import parse_int


def day(
    data: Mapping[str, Any],
    name: str,
    label: str,
    *,
    not_before: date | None = None,
    required: bool = True,
) -> date | None:
    """A calendar date (YYYY-MM-DD), never in the future, and not before `not_before`."""
    raw = str(data.get(name) or "").strip()
    if not raw:
        if required:
            raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=name)
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            _("%(label)s格式不正确，应为“年-月-日”，如 2026-03-01。") % {"label": label}, field=name
        ) from None
    if value > timezone.localdate():
        raise InvalidInput(_("%(label)s不能晚于今天。") % {"label": label}, field=name)
    if not_before is not None and value < not_before:
        raise InvalidInput(
            _("%(label)s不能早于 %(d)s。") % {"label": label, "d": not_before.isoformat()}, field=name
        )
    return value


def choice(data: Mapping[str, Any], name: str, label: str, allowed: Mapping[str, Any]) -> str:
    value = str(data.get(name) or "").strip()
    if value not in allowed:
        raise InvalidInput(_("请选择%(label)s。") % {"label": label}, field=name)
    return value


def pk(data: Mapping[str, Any], name: str) -> int:
    """A row id, or 0 (which matches no row) when missing or malformed."""
    return parse_int(data.get(name)) or 0


def id_number(data: Mapping[str, Any], name: str) -> str:
    raw = str(data.get(name) or "").strip()
    if not raw:
        return ""
    try:
        return crypto.validate_id_number(raw)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field=name) from None


def phone(data: Mapping[str, Any], name: str) -> str:
    raw = str(data.get(name) or "").strip()
    if not raw:
        return ""
    try:
        return crypto.validate_phone(raw)
    except ValidationError as exc:
        raise InvalidInput(exc.messages[0], field=name) from None


def required_day(data: Mapping[str, Any], name: str, label: str, *, not_before: date | None = None) -> date:
    value = day(data, name, label, not_before=not_before)
    if value is None:  # day() refuses an empty required date already
        raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=name)
    return value
