"""Plan → proposals → targets: import a pasted plan, then confirm, edit or reject each proposal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jiedao.core import audit
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Jurisdiction, User
from jiedao.goals.models import Direction, Plan, Proposal, ProposalStatus, Target, TargetKind
from jiedao.goals.values import catalog

TARGET_FIELDS = ("kind", "subject", "quantity", "unit", "direction", "deadline", "indicator_code")


# The extractor's directions (jiedao.nlp.targets.ExtractedTarget.direction) → a target's direction.
# 突破/不低于 are reached by any value at or above the quantity; 控制在…以内 by any value at or below.
_DIRECTIONS = {
    "decrease": Direction.DECREASE,
    "increase": Direction.INCREASE,
    "at_most": Direction.AT_MOST,
}


TRENDS = (Direction.DECREASE, Direction.INCREASE)


def _direction_of(extracted_direction: str) -> str:
    return _DIRECTIONS.get(extracted_direction, Direction.REACH)


def _proposal_fields(extracted: Any, year: int) -> dict[str, Any]:
    """The proposal's fields from one ExtractedTarget of jiedao.nlp.targets."""
    quantity = getattr(extracted, "quantity", None)
    direction = _direction_of(str(getattr(extracted, "direction", "") or ""))
    if quantity is not None:
        kind = TargetKind.QUANTITATIVE
    elif direction in TRENDS:
        kind = TargetKind.DIRECTION
    else:
        kind = TargetKind.QUALITATIVE
    deadline = getattr(extracted, "deadline", None)
    return {
        "kind": kind,
        "subject": str(getattr(extracted, "subject", "") or getattr(extracted, "text", ""))[:200],
        "quantity": Decimal(str(quantity)) if quantity is not None else None,
        "unit": str(getattr(extracted, "unit", "") or "")[:20],
        "direction": direction,
        "deadline": deadline if isinstance(deadline, date) else date(year, 12, 31),
        "source_text": str(getattr(extracted, "text", "") or getattr(extracted, "source", "") or ""),
    }


@transaction.atomic
def import_plan(jurisdiction: Jurisdiction, *, year: Any, text: str, title: str, acting_user: User) -> Plan:
    """Store the plan and the targets the platform reads from it, each with a proposed indicator."""
    from jiedao.nlp.targets import extract_targets, propose_indicator

    try:
        y = int(year)
    except (TypeError, ValueError):
        raise InvalidInput(_("请填写目标年度。"), field="year") from None
    if not 2000 <= y <= 2100:
        raise InvalidInput(_("年份须在2000至2100之间。"), field="year")
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("请粘贴工作计划文本。"), field="text")
    plan = Plan.objects.create(
        jurisdiction=jurisdiction,
        year=y,
        title=(title or "").strip()[:100] or _("%(y)s年工作思路") % {"y": y},
        text=text,
        created_by=acting_user,
        created_at=timezone.now(),
    )
    with translation.override("zh-hans"):  # the plan is Chinese, whatever the page's language
        choices = [(i.code, str(i.label), str(i.unit)) for i in catalog(jurisdiction.pk)]
    rows = []
    for order, extracted in enumerate(extract_targets(text, y), start=1):
        fields = _proposal_fields(extracted, y)
        code = propose_indicator(extracted, choices) if fields["kind"] != TargetKind.QUALITATIVE else None
        rows.append(Proposal(plan=plan, order=order, indicator_code=code or "", **fields))
    Proposal.objects.bulk_create(rows)
    audit.record(plan, "create", acting_user=acting_user, after={"year": y, "proposals": len(rows)})
    return plan


def clean_target(data: dict[str, Any], jurisdiction_id: int) -> dict[str, Any]:
    """Validated target fields from a form or the API; InvalidInput names the wrong field."""
    kind = data.get("kind")
    if kind not in TargetKind.values:
        raise InvalidInput(_("请选择目标类型。"), field="kind")
    subject = str(data.get("subject") or "").strip()
    if not subject:
        raise InvalidInput(_("请填写目标事项。"), field="subject")
    direction = data.get("direction") or Direction.REACH
    if direction not in Direction.values:
        raise InvalidInput(_("方向不正确。"), field="direction")
    quantity = data.get("quantity")
    if quantity in (None, ""):
        quantity = None
    else:
        try:
            quantity = Decimal(str(quantity))
        except InvalidOperation:
            raise InvalidInput(_("目标值须为数字。"), field="quantity") from None
    code = str(data.get("indicator_code") or "").strip()
    codes = {i.code for i in catalog(jurisdiction_id)}
    if code and code not in codes:
        raise InvalidInput(_("所选指标不存在。"), field="indicator_code")
    if kind == TargetKind.QUANTITATIVE and (quantity is None or quantity <= 0 or not code):
        raise InvalidInput(
            _("量化目标须有大于零的目标值，并对应一个指标。"),
            field="quantity" if not code else "indicator_code",
        )
    if kind == TargetKind.DIRECTION and (direction not in TRENDS or not code):
        raise InvalidInput(_("趋势目标须选择上升或下降，并对应一个指标。"), field="direction")
    deadline = data.get("deadline") or None
    if deadline is not None and not isinstance(deadline, date):
        try:
            deadline = date.fromisoformat(str(deadline))
        except ValueError:
            raise InvalidInput(_("完成时限须为日期。"), field="deadline") from None
    return {
        "kind": kind,
        "subject": subject[:200],
        "quantity": quantity,
        "unit": str(data.get("unit") or "").strip()[:20],
        "direction": direction,
        "deadline": deadline,
        "indicator_code": code if kind != TargetKind.QUALITATIVE else "",
    }


def _pending(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("plan").get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise InvalidInput(_("该建议已处理。"), code="done")
    return locked


@transaction.atomic
def confirm_proposal(proposal: Proposal, data: dict[str, Any], *, acting_user: User) -> Target:
    """Confirm a proposal (as edited in `data`) into a target of the plan's year."""
    p = _pending(proposal)
    fields = clean_target(data, p.plan.jurisdiction_id)
    for name, value in fields.items():
        setattr(p, name, value)
    p.status = ProposalStatus.CONFIRMED
    p.save()
    target = Target.objects.create(
        jurisdiction_id=p.plan.jurisdiction_id,
        year=p.plan.year,
        proposal=p,
        source_text=p.source_text,
        confirmed_by=acting_user,
        confirmed_at=timezone.now(),
        **fields,
    )
    audit.record(target, "create", acting_user=acting_user, after={k: str(v) for k, v in fields.items()})
    return target


@transaction.atomic
def reject_proposal(proposal: Proposal, *, acting_user: User) -> None:
    p = _pending(proposal)
    p.status = ProposalStatus.REJECTED
    p.save(update_fields=["status"])
    audit.record(p, "reject", acting_user=acting_user, jurisdiction_id=p.plan.jurisdiction_id)


@transaction.atomic
def mark_done(target: Target, *, done: bool, evidence: str, acting_user: User) -> Target:
    """A qualitative target's completion, set by hand with a note of the evidence."""
    if target.kind != TargetKind.QUALITATIVE:
        raise InvalidInput(_("只有定性目标可手工标记完成；其他目标的进度来自指标。"), field="done")
    evidence = (evidence or "").strip()
    if done and not evidence:
        raise InvalidInput(_("标记完成时请说明完成情况。"), field="evidence")
    before = {"done": target.done, "evidence": target.evidence}
    target.done, target.evidence = done, evidence[:500]
    target.save(update_fields=["done", "evidence"])
    audit.record(
        target, "update", acting_user=acting_user, before=before, after={"done": done, "evidence": evidence}
    )
    return target
