"""Input checks every register action shares; each raises InvalidInput naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput
from jiedao.core.models import RoleAssignment, Tag, User


def required(value: str | None, field: str, label: Any, limit: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(_("%(label)s不能为空。") % {"label": label}, field=field)
    if len(text) > limit:
        raise InvalidInput(_("%(label)s不能超过%(n)d个字。") % {"label": label, "n": limit}, field=field)
    return text


def positive(value: Decimal | None, field: str, label: Any, *, allow_zero: bool = False) -> Decimal:
    if value is None or not value.is_finite():
        raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=field)
    if value < 0 or (value == 0 and not allow_zero):
        raise InvalidInput(_("%(label)s必须大于零。") % {"label": label}, field=field)
    if value >= Decimal(10) ** 11:
        raise InvalidInput(_("%(label)s过大。") % {"label": label}, field=field)
    return value.quantize(Decimal("0.01"))


def same_jurisdiction(obj: Any, jurisdiction_id: int, field: str) -> None:
    """Refuse a related row (community, department, grid, parcel, type) of another jurisdiction."""
    if obj is not None and obj.jurisdiction_id != jurisdiction_id:
        raise InvalidInput(_("所选项不属于本街道。"), field=field)


def tag_in_set(tag: Tag | None, tag_set: str, jurisdiction_id: int, field: str) -> None:
    if tag is not None and (tag.tag_set != tag_set or tag.jurisdiction_id != jurisdiction_id):
        raise InvalidInput(_("所选类型不可用。"), field=field)


def staff_of(user: User | None, jurisdiction_id: int, field: str) -> None:
    """A responsible leader must hold a role in the record's jurisdiction."""
    if (
        user is not None
        and not RoleAssignment.objects.filter(user=user, jurisdiction_id=jurisdiction_id).exists()
    ):
        raise InvalidInput(_("所选人员不属于本街道。"), field=field)
