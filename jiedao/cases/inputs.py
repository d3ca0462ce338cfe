"""Reading a text value of an intake form or action payload, the same way for every case kind:
a translated error naming the field, or the stripped value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput


def text(
    data: Mapping[str, Any], name: str, label: str | Promise, limit: int, *, required: bool = True
) -> str:
    value = str(data.get(name) or "").strip()
    if required and not value:
        raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=name)
    if len(value) > limit:
        raise InvalidInput(_("%(label)s不能超过%(n)d个字。") % {"label": label, "n": limit}, field=name)
    return value
