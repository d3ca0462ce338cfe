"""The event kind (PRODUCT §2): states and the declared transition table of the four-platform flow."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiedao.cases import effects as fx
from jiedao.cases.inputs import FormContext, Input
from jiedao.cases.kinds import (
    REPORTER,
    CaseKind,
    Effect,
    State,
    extension_pending,
    no_extension_pending,
)
from jiedao.cases.kinds import transition as T
from jiedao.cases.models import Case, Rating
from jiedao.cases.standard import DAYS, DEPARTMENT, RATING, RATING_NOTE, RESULT, TARGET, URGENCY
from jiedao.core.models import Role
from jiedao.events import categories
from jiedao.events import effects as ev

KIND = "event"

R = Role
DISPATCH = frozenset({R.DISPATCHER, R.ADMIN})
HANDLE = frozenset({R.HANDLER})
VERIFY = frozenset({R.GRID_WORKER, R.GRID_LEADER, R.DISPATCHER})
LEAD = frozenset({R.LEADER, R.DISPATCHER})
# Who reads events (each in their scope) and who reports them; the list page, the menu and the
# permission filter use these. A mediator reads only the events their rooms' disputes came from
# (granted by the mediation app); a project officer none.
READERS = (R.GRID_WORKER, R.GRID_LEADER, R.DISPATCHER, R.HANDLER, R.INSPECTOR, R.LEADER, R.ADMIN)
INTAKE_ROLES = (R.GRID_WORKER, R.GRID_LEADER, R.DISPATCHER, R.ADMIN)

STATES = {
    s.code: s
    for s in [
        State("reported", _("待受理"), "info"),
        State("accepted", _("已受理"), "primary"),
        State("returned", _("已退回"), "warning"),
        State("dispatched", _("待签收"), "primary", clock=True),
        State("signed", _("已签收"), "primary", clock=True),
        State("processing", _("处置中"), "primary", clock=True),
        State("resolved", _("待核查"), "success"),
        State("verified", _("待评价"), "success"),
        State("rated", _("已评价"), "success"),
        State("escalated", _("已上报区级"), "dark"),
        State("archived", _("已归档"), "secondary", open=False),
        State("rejected", _("不予受理"), "secondary", open=False),
        State("merged", _("已合并"), "secondary", open=False),
    ]
}
OPEN = frozenset(s.code for s in STATES.values() if s.open)
IN_HAND = frozenset({"signed", "processing"})


def _unsatisfied(case: Case, extension: Any = None) -> str | None:
    return None if case.rating == Rating.UNSATISFIED else gettext("只有评价为不满意的事件才能重办。")


def _held_by_department(case: Case, extension: Any = None) -> str | None:
    """核查不通过 sends the case back to its department: there must be one (not 区级办结/自办)."""
    return None if case.department_id is not None else gettext("此事件没有承办部门，不能退回重新处置。")


def _categories(ctx: FormContext) -> list[tuple[Any, Any]]:
    return ctx.once("categories", lambda: categories.category_choices({ctx.case.jurisdiction_id}))


# 受理, 自办自结 and 派发 classify the event: the category tree, the case's own or the keyword
# suggestion for its title and description pre-selected.
CATEGORY = Input(
    "category",
    _("事件分类"),
    "grouped",
    "int",
    choices=_categories,
    initial=lambda c: categories.suggested(c.case),
)


TRANSITIONS = [
    T("accept", _("受理"), {"reported"}, "accepted", DISPATCH, inputs=(CATEGORY,)),
    T(
        "reject",
        _("不予受理"),
        {"reported", "accepted", "returned"},
        "rejected",
        DISPATCH,
        needs_note=True,
        style="outline-danger",
    ),
    T(
        "self_resolve",
        _("自办自结"),
        {"reported"},
        "verified",
        {R.GRID_WORKER},
        inputs=(RESULT, CATEGORY),
        allows_files=True,
        style="success",
    ),
    T(
        "merge",
        _("合并"),
        {"reported", "accepted"},
        "merged",
        DISPATCH,
        inputs=(TARGET,),
        style="outline-secondary",
    ),
    T(
        "dispatch",
        _("派发"),
        {"accepted"},
        "dispatched",
        DISPATCH,
        inputs=(DEPARTMENT, URGENCY, CATEGORY),
    ),
    T(
        "escalate",
        _("上报区级"),
        {"accepted", "returned"},
        "escalated",
        DISPATCH,
        needs_note=True,
        style="outline-dark",
    ),
    T(
        "district_return",
        _("区级退回"),
        {"escalated"},
        "accepted",
        DISPATCH,
        needs_note=True,
        style="outline-warning",
    ),
    T(
        "district_done",
        _("区级办结"),
        {"escalated"},
        "resolved",
        DISPATCH,
        inputs=(RESULT,),
        allows_files=True,
        style="success",
    ),
    T("sign", _("签收"), {"dispatched"}, "signed", HANDLE),
    T(
        "give_back",
        _("退回"),
        {"dispatched", "signed", "processing"},
        "returned",
        HANDLE,
        needs_note=True,
        style="outline-warning",
    ),
    T(
        "reassign",
        _("改派"),
        {"returned", "dispatched", "signed", "processing"},
        "dispatched",
        DISPATCH,
        inputs=(DEPARTMENT,),
        needs_note=True,
        style="outline-primary",
    ),
    T("start", _("开始处置"), {"signed"}, "processing", HANDLE),
    T(
        "resolve",
        _("办结"),
        IN_HAND,
        "resolved",
        HANDLE,
        inputs=(RESULT,),
        allows_files=True,
        style="success",
    ),
    T(
        "request_extension",
        _("申请延期"),
        IN_HAND,
        None,
        HANDLE,
        inputs=(DAYS,),
        needs_note=True,
        guard=no_extension_pending,
        style="outline-warning",
    ),
    T("approve_extension", _("批准延期"), IN_HAND, None, LEAD, guard=extension_pending, style="success"),
    T(
        "deny_extension",
        _("驳回延期"),
        IN_HAND,
        None,
        LEAD,
        guard=extension_pending,
        needs_note=True,
        style="outline-danger",
    ),
    T("verify", _("核查通过"), {"resolved"}, "verified", VERIFY, allows_files=True, style="success"),
    T(
        "verify_fail",
        _("核查不通过"),
        {"resolved"},
        "processing",
        VERIFY,
        needs_note=True,
        guard=_held_by_department,
        style="outline-danger",
    ),
    T("rate", _("评价"), {"verified"}, "rated", {REPORTER, R.DISPATCHER}, inputs=(RATING, RATING_NOTE)),
    T(
        "redo",
        _("重办"),
        {"rated"},
        "dispatched",
        DISPATCH,
        guard=_unsatisfied,
        inputs=(DEPARTMENT,),  # defaults to the department that handled it, if any
        needs_note=True,
        style="outline-danger",
    ),
    T("archive", _("归档"), {"verified", "rated"}, "archived", DISPATCH, style="secondary"),
    T("supervise", _("督办"), OPEN, None, {R.LEADER}, needs_note=True, style="outline-danger"),
]

LABELS = {t.action: t.label for t in TRANSITIONS}
EFFECTS: dict[str, Effect] = {
    "accept": ev.classified(fx.accept),
    "reject": fx.close,
    "self_resolve": ev.classified(fx.self_resolve),
    "merge": fx.merge,
    "dispatch": ev.classified(fx.dispatch),
    "reassign": ev.categorised_only(LABELS["reassign"], fx.dispatch),
    "escalate": fx.escalate,
    "district_done": fx.resolve,
    "sign": fx.sign,
    "give_back": fx.give_back,
    "resolve": fx.resolve,
    "request_extension": fx.request_extension,
    "approve_extension": fx.approve_extension,
    "deny_extension": fx.deny_extension,
    "verify_fail": fx.reopen_verification,
    "rate": fx.rate,
    "redo": ev.categorised_only(LABELS["redo"], fx.redo),
    "archive": ev.categorised_only(LABELS["archive"], fx.close),
    "supervise": fx.supervise,
}

EVENT_KIND = CaseKind(
    code=KIND,
    label=_("事件"),
    initial="reported",
    states=STATES,
    transitions=TRANSITIONS,
    effects=EFFECTS,
    readers=frozenset(READERS),
)
