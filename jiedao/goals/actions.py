"""Every change to goals data: validate, write, audit, in one transaction (nothing half-written)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.core import audit
from jiedao.core.errors import InvalidInput
from jiedao.core.indicators import AREAS, get_indicator
from jiedao.core.models import Jurisdiction, User
from jiedao.goals.models import ManualIndicator, ManualValue, PeriodLock

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def _period_text(year: int, month: int) -> str:
    return _("%(y)s年%(m)s月") % {"y": year, "m": month} if month else _("%(y)s年") % {"y": year}


def _check_period(year: Any, month: Any) -> tuple[int, int]:
    try:
        y, m = int(year), int(month or 0)
    except (TypeError, ValueError):
        raise InvalidInput(_("年份和月份须为数字。"), field="year") from None
    if not 2000 <= y <= 2100:
        raise InvalidInput(_("年份须在2000至2100之间。"), field="year")
    if not 0 <= m <= 12:
        raise InvalidInput(_("月份须在1至12之间（不填表示全年）。"), field="month")
    return y, m


def locked(jurisdiction_id: int, year: int, month: int) -> PeriodLock | None:
    """The lock covering a year or month: the year's own lock, the month's, or (for a whole year)
    any locked month in it."""
    qs = PeriodLock.objects.filter(jurisdiction_id=jurisdiction_id, year=year)
    if month:
        qs = qs.filter(month__in=[0, month])
    return qs.order_by("month").first()


@transaction.atomic
def create_manual_indicator(
    jurisdiction: Jurisdiction, data: dict[str, Any], *, acting_user: User
) -> ManualIndicator:
    code = str(data.get("code") or "").strip()
    if not CODE_RE.match(code):
        raise InvalidInput(_("指标代码须为小写字母、数字和点，如 stats.gdp。"), field="code")
    try:
        get_indicator(code)
    except KeyError:
        pass
    else:
        raise InvalidInput(_("该代码已被系统内置指标使用。"), field="code")
    if ManualIndicator.objects.filter(jurisdiction=jurisdiction, code=code).exists():
        raise InvalidInput(_("该指标代码已存在。"), field="code")
    if data.get("area") not in AREAS:
        raise InvalidInput(_("请选择所属板块。"), field="area")
    label, unit = str(data.get("label") or "").strip(), str(data.get("unit") or "").strip()
    if not label or not unit:
        raise InvalidInput(_("指标名称和单位必填。"), field="label" if not label else "unit")
    m = ManualIndicator.objects.create(
        jurisdiction=jurisdiction,
        code=code,
        label=label[:100],
        unit=unit[:20],
        area=data["area"],
        description=str(data.get("description") or "")[:300],
    )
    audit.record(m, "create", acting_user=acting_user, after={"code": code, "label": label, "unit": unit})
    return m


@transaction.atomic
def enter_manual_value(
    indicator: ManualIndicator,
    *,
    year: Any,
    month: Any,
    value: Any,
    source: Any,
    note: Any = "",
    acting_user: User,
) -> ManualValue:
    """Write (or correct) the value of one period; a locked period is refused and nothing written."""
    y, m = _check_period(year, month)
    lock = locked(indicator.jurisdiction_id, y, m)
    if lock is not None:
        raise InvalidInput(
            _("%(p)s已锁定（%(lock)s），不能再填报或修改该期间的数值；如需更正，请先由管理员解锁。")
            % {"p": _period_text(y, m), "lock": _period_text(lock.year, lock.month)},
            code="locked",
            field="year",
        )
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("数值须为数字。"), field="value") from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise InvalidInput(_("数值须为数字。"), field="value")
    source_text = str(source or "").strip()
    if not source_text:
        raise InvalidInput(_("请注明数据来源（如统计局）。"), field="source")
    existing = ManualValue.objects.select_for_update().filter(indicator=indicator, year=y, month=m).first()
    before = {"value": str(existing.value), "source": existing.source} if existing else None
    row = existing or ManualValue(indicator=indicator, year=y, month=m)
    row.value = number
    row.source = source_text[:100]
    row.note = str(note or "")[:300]
    row.entered_by = acting_user
    row.entered_at = timezone.now()
    row.save()
    audit.record(
        row,
        "update" if existing else "create",
        acting_user=acting_user,
        before=before,
        after={"value": str(number), "source": row.source},
        jurisdiction_id=indicator.jurisdiction_id,
    )
    return row


@transaction.atomic
def lock_period(jurisdiction: Jurisdiction, *, year: Any, month: Any, acting_user: User) -> PeriodLock:
    y, m = _check_period(year, month)
    lock, created = PeriodLock.objects.get_or_create(
        jurisdiction=jurisdiction,
        year=y,
        month=m,
        defaults={"locked_by": acting_user, "locked_at": timezone.now()},
    )
    if not created:
        raise InvalidInput(_("%(p)s已锁定。") % {"p": _period_text(y, m)}, field="year")
    audit.record(lock, "lock", acting_user=acting_user, after={"year": y, "month": m})
    return lock


@transaction.atomic
def unlock_period(lock: PeriodLock, *, acting_user: User) -> None:
    audit.record(lock, "unlock", acting_user=acting_user, before={"year": lock.year, "month": lock.month})
    lock.delete()
