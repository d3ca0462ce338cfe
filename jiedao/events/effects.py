"""The event kind's own effects: an event is classified when it is accepted (or solved on the
spot) and no event is dispatched or archived without a category.

The category decides the platform, the SLA policy of 派发 and every figure by category, so the
flow refuses to carry an uncategorised event past 受理.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jiedao.cases import effects as fx
from jiedao.cases.kinds import Effect
from jiedao.cases.models import Case
from jiedao.core.errors import IllegalTransition, InvalidInput
from jiedao.events.categories import category_of


def categorise(case: Case, payload: dict[str, Any], ctx: fx.EffectContext) -> None:
    """Set the category the form sent (changing it is allowed); without one the case must have one."""
    raw = payload.get("category")
    if raw in (None, ""):
        if case.category_id is None:
            raise InvalidInput(_("请选择事件分类。"), field="category")
        return
    category = category_of(case.jurisdiction_id, raw)
    if category.pk != case.category_id:
        ctx.data.update(
            {"category": category.pk, "category_name": category.name, "previous_category": case.category_id}
        )
    case.category = category
    case.platform = category.platform


def classified(effect: Effect) -> Effect:
    """`effect` after the category of the payload (or the case's own) is settled."""

    def run(case: Case, payload: dict[str, Any], ctx: fx.EffectContext) -> None:
        categorise(case, payload, ctx)
        effect(case, payload, ctx)

    return run


def categorised_only(label: Promise | str, effect: Effect) -> Effect:
    """`effect`, refused (409) for an event that has no category."""

    def run(case: Case, payload: dict[str, Any], ctx: fx.EffectContext) -> None:
        if case.category_id is None:
            raise IllegalTransition(
                _("该事件尚未分类，不能“%(action)s”：请先在受理或派发时选择事件分类。") % {"action": label},
                code="uncategorised",
            )
        effect(case, payload, ctx)

    return run
