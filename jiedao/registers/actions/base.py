"""The one write path of every register: versioned saves, stage moves, audit and history.

Every function validates first and writes the row, its milestones, the stage history and the
audit entry in one transaction; a refusal raises a DomainError (400/403/409) and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.core.audit import record, snapshot
from jiedao.core.errors import IllegalTransition, InvalidInput, StaleVersion
from jiedao.core.models import User
from jiedao.registers.access import Access, check_edit
from jiedao.registers.models import StageChange
from jiedao.registers.models.base import StagedRecord, VersionedRecord
from jiedao.registers.stages import Flow

R = TypeVar("R", bound=VersionedRecord)
S = TypeVar("S", bound=StagedRecord)


def lock(obj: R, expected_version: int | None) -> R:
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if expected_version is None or locked.version != expected_version:
        raise StaleVersion(_("该记录已被他人修改，请刷新页面后重新操作。"), field="version")
    return locked


def check_path(flow: Flow, dates: dict[str, date | None], *, field_of: Callable[[str], str]) -> str:
    """The furthest stage reached by `dates` (stage → actual date), checked for order.

    Stages are reached one order after another with no gap (the initial stage's date may be
    left out), at most one stage per order (出让 or 征收), no date in the future and none
    earlier than the stage before.
    """
    today = timezone.localdate()
    given = {code: on for code, on in dates.items() if on is not None}
    stages = [flow.get(code) for code in given]
    if any(s is None for s in stages):
        raise InvalidInput(_("未知的阶段。"), field="stage")
    top = max((s.order for s in stages if s is not None), default=0)
    last, previous = flow.initial, None
    for order in range(top + 1):
        at = [s for s in flow.stages if s.order == order and s.code in given]
        if len(at) > 1:
            names = "、".join(str(s.label) for s in at)
            raise InvalidInput(
                _("只能填写其中一个阶段：%(names)s。") % {"names": names}, field=field_of(at[1].code)
            )
        if not at:
            if order == 0:
                continue
            missing = next(s for s in flow.stages if s.order == order)
            raise InvalidInput(
                _("缺少“%(stage)s”的日期：阶段不能跳过。") % {"stage": missing.label},
                field=field_of(missing.code),
            )
        stage, on = at[0], given[at[0].code]
        if on > today:
            raise InvalidInput(
                _("“%(stage)s”的日期不能晚于今天。") % {"stage": stage.label}, field=field_of(stage.code)
            )
        if previous is not None and on < previous:
            raise InvalidInput(
                _("“%(stage)s”的日期不能早于上一阶段。") % {"stage": stage.label}, field=field_of(stage.code)
            )
        last, previous = stage, on
    return last.code


def date_field(stage: str) -> str:
    """Form/API/import name of a stage's actual-date input."""
    return f"date_{stage}"


def staged(obj: StagedRecord, flow: Flow, dates: dict[str, date | None], milestone: type[Any]) -> list[Any]:
    """Set a new record's stage from its milestone dates (checked) and return its unsaved milestones."""
    dates = with_initial(flow, dates)
    obj.stage = check_path(flow, dates, field_of=date_field)
    return [milestone(stage=s.code, actual_date=dates.get(s.code)) for s in flow.stages]


def with_initial(flow: Flow, dates: dict[str, date | None]) -> dict[str, date | None]:
    """`dates` with the initial stage dated: as given, else the earliest date given, else today."""
    out = dict(dates)
    if out.get(flow.initial.code) is None:
        given = [d for d in out.values() if d is not None]
        out[flow.initial.code] = min(given) if given else timezone.localdate()
    return out


def create(
    obj: R,
    *,
    acting_user: User,
    access: Access,
    fields: list[str],
    milestones: list[Any] | None = None,
    after_save: Callable[[], None] | None = None,
) -> R:
    check_edit(acting_user, obj, access)
    with transaction.atomic():
        obj.created_by = acting_user
        obj.save()
        for m in milestones or []:
            m.record = obj
        if milestones:
            type(milestones[0])._default_manager.bulk_create(milestones)
        if after_save is not None:
            after_save()
        record(obj, "create", acting_user=acting_user, after=snapshot(obj, fields))
    return obj


def update(
    obj: R,
    *,
    acting_user: User,
    access: Access,
    expected_version: int | None,
    fields: list[str],
    apply: Callable[[R], None],
    extra: Callable[[R], dict[str, Any]] | None = None,
) -> R:
    """Lock, check version and scope (before and after the change), apply, save, audit."""
    with transaction.atomic():
        locked = lock(obj, expected_version)
        check_edit(acting_user, locked, access)
        before = {**snapshot(locked, fields), **(extra(locked) if extra else {})}
        apply(locked)
        check_edit(acting_user, locked, access)
        locked.version += 1
        locked.save()
        after = {**snapshot(locked, fields), **(extra(locked) if extra else {})}
        record(locked, "update", acting_user=acting_user, before=before, after=after)
    return locked


def move_stage(
    obj: S,
    *,
    acting_user: User,
    access: Access,
    to_stage: str,
    on: date | None,
    reason: str = "",
    expected_version: int | None,
) -> S:
    """Move one stage forward (with the actual date) or back to any earlier stage (with a reason)."""
    flow = obj.flow
    target = flow.get(to_stage)
    if target is None:
        raise InvalidInput(_("未知的阶段。"), field="stage")
    reason = (reason or "").strip()[:300]
    with transaction.atomic():
        locked = lock(obj, expected_version)
        check_edit(acting_user, locked, access)
        current = flow.get(locked.stage) or flow.initial
        milestones = {m.stage: m for m in locked.milestones.all()}  # type: ignore[attr-defined]
        if target.order > current.order:
            if target not in flow.following(current.code):
                nxt = "、".join(str(s.label) for s in flow.following(current.code)) or "-"
                raise IllegalTransition(
                    _("不能从“%(a)s”直接到“%(b)s”：下一阶段应为“%(n)s”。")
                    % {"a": current.label, "b": target.label, "n": nxt},
                    field="stage",
                )
            if on is None:
                raise InvalidInput(_("请填写实际日期。"), field="on")
            if on > timezone.localdate():
                raise InvalidInput(_("实际日期不能晚于今天。"), field="on")
            previous = milestones[current.code].actual_date if current.code in milestones else None
            if previous is not None and on < previous:
                raise InvalidInput(
                    _("实际日期不能早于“%(stage)s”的日期（%(d)s）。")
                    % {"stage": current.label, "d": previous},
                    field="on",
                )
            milestones[target.code].actual_date = on
        elif target.order < current.order:
            if not reason:
                raise InvalidInput(_("退回到之前的阶段须填写原因。"), field="reason")
            for stage in flow.stages:
                if stage.order > target.order:
                    milestones[stage.code].actual_date = None
            on = None
        else:
            raise IllegalTransition(
                _("已处于“%(stage)s”阶段，无需变更。") % {"stage": current.label}, field="stage"
            )
        type(next(iter(milestones.values())))._default_manager.bulk_update(
            list(milestones.values()), ["actual_date"]
        )
        locked.stage = target.code
        locked.version += 1
        locked.save(update_fields=["stage", "version", "updated_at"])
        StageChange.objects.create(
            jurisdiction_id=locked.jurisdiction_id,
            object_type=locked._meta.label_lower,
            object_id=locked.pk,
            from_stage=current.code,
            to_stage=target.code,
            on=on,
            reason=reason,
            user=acting_user,
        )
        record(
            locked,
            "stage",
            acting_user=acting_user,
            before={"stage": current.code},
            after={"stage": target.code, "on": on.isoformat() if on else None, "reason": reason},
        )
    return locked


def set_planned(
    obj: S,
    *,
    acting_user: User,
    access: Access,
    planned: dict[str, date | None],
    expected_version: int | None,
) -> S:
    """Replace the planned dates of the record's milestones (audited as one change)."""
    with transaction.atomic():
        locked = lock(obj, expected_version)
        check_edit(acting_user, locked, access)
        milestones = list(locked.milestones.all())  # type: ignore[attr-defined]
        before = {m.stage: m.planned_date.isoformat() if m.planned_date else None for m in milestones}
        for m in milestones:
            if m.stage in planned:
                m.planned_date = planned[m.stage]
        type(milestones[0])._default_manager.bulk_update(milestones, ["planned_date"])
        after = {m.stage: m.planned_date.isoformat() if m.planned_date else None for m in milestones}
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        record(locked, "plan", acting_user=acting_user, before={"planned": before}, after={"planned": after})
    return locked


def stage_history(obj: models.Model) -> models.QuerySet[StageChange]:
    return StageChange.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk).select_related(
        "user"
    )
