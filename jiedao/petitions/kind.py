"""The petition kind (PRODUCT §3): states and the declared transition table of 信访 handling.

受理/不予受理/转送 within the acceptance deadline, 交办 to a department, 答复 within the handling
deadline (one approved extension), then 复查 and 复核 as linked follow-up cases with clocks of
their own. 积案 (backlog) cases get a 包案领导 and a 化解 outcome.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiedao.cases import effects as fx
from jiedao.cases.inputs import FormContext, Input
from jiedao.cases.kinds import (
    CaseKind,
    Effect,
    State,
    extension_pending,
    no_extension_pending,
    transition,
)
from jiedao.cases.models import Case
from jiedao.cases.rules import require_rules
from jiedao.cases.standard import DEPARTMENT
from jiedao.core.models import Role, RoleAssignment
from jiedao.petitions import effects as pfx
from jiedao.petitions.models import BacklogOutcome, Petition, Stage

KIND = "petition"

R = Role
DISPATCH = frozenset({R.DISPATCHER, R.ADMIN})
HANDLE = frozenset({R.HANDLER, R.DISPATCHER})
LEAD = frozenset({R.LEADER})
# Who reads petitions (each in their scope): the list pages, the menu and the permission filter
# use this. Petitions name people and grievances: no inspector, mediator or project officer.
READERS = (R.DISPATCHER, R.HANDLER, R.LEADER, R.ADMIN)
INTAKE_ROLES = (R.DISPATCHER, R.ADMIN)  # who registers a petition (page and API)

STATES = {
    s.code: s
    for s in [
        State("registered", _("待受理"), "info", clock=True),
        State("accepted", _("已受理"), "primary", clock=True),
        State("assigned", _("办理中"), "primary", clock=True),
        State("replied", _("已答复"), "success", open=False),
        State("archived", _("已归档"), "secondary", open=False),
        State("rejected", _("不予受理"), "secondary", open=False),
        State("transferred", _("已转送"), "secondary", open=False),
    ]
}
OPEN = frozenset(s.code for s in STATES.values() if s.open)
DONE = frozenset({"replied", "archived"})
EVERY = frozenset(STATES)


T = transition


def _leaders(ctx: FormContext) -> list[tuple[str, str]]:
    leaders = RoleAssignment.objects.filter(
        jurisdiction_id=ctx.case.jurisdiction_id, role=Role.LEADER, user__is_active=True
    ).select_related("user")
    return [(str(ra.user_id), str(ra.user)) for ra in leaders]


TRANSFERRED_TO = Input("transferred_to", _("转送机关"))
RESPONSIBLE = replace(DEPARTMENT, label=_("责任单位"))
REPLY = Input("result", _("答复意见"), "textarea")
EXTENSION_DAYS = Input("extension_days", _("延期天数"), "number", "int")
LEADER = Input("leader", _("包案领导"), "select", "int", choices=_leaders)
BACKLOG_LEVEL = Input(
    "backlog_level", _("积案级别"), "select", choices=lambda ctx: [(v, v) for v in pfx.BACKLOG_LEVELS]
)
OUTCOME = Input(
    "outcome",
    _("化解结果"),
    "select",
    choices=lambda ctx: [(str(v), str(label)) for v, label in BacklogOutcome.choices],
)
RESOLVED_ON = Input("resolved_on", _("化解日期"), "date", "date")


# Guards: why a petition's stage and flags rule an action out now (they see its Petition row).
def _may_request_review(case: Case, p: Petition | None) -> str | None:
    return pfx.follow_up_refusal(p, Stage.REVIEW)


def _may_request_recheck(case: Case, p: Petition | None) -> str | None:
    return pfx.follow_up_refusal(p, Stage.RECHECK)


def _not_backlog(case: Case, p: Petition | None) -> str | None:
    return None if p is not None and not p.backlog else gettext("本件已列为积案。")


def _unresolved_backlog(case: Case, p: Petition | None) -> str | None:
    if p is not None and p.backlog and not p.backlog_outcome:
        return None
    return gettext("只有尚未化解的积案才能登记化解结果。")


TRANSITIONS = [
    T("accept", _("受理"), {"registered"}, "accepted", DISPATCH),
    T("reject", _("不予受理"), {"registered"}, "rejected", DISPATCH, needs_note=True, style="outline-danger"),
    T(
        "transfer",
        _("转送"),
        {"registered"},
        "transferred",
        DISPATCH,
        inputs=(TRANSFERRED_TO,),
        style="outline-secondary",
    ),
    T("assign", _("交办"), {"accepted"}, "assigned", DISPATCH, inputs=(RESPONSIBLE,)),
    T(
        "reassign",
        _("改交办"),
        {"assigned"},
        "assigned",
        DISPATCH,
        inputs=(RESPONSIBLE,),
        needs_note=True,
        style="outline-primary",
    ),
    T(
        "give_back",
        _("退回"),
        {"assigned"},
        "accepted",
        {R.HANDLER},
        needs_note=True,
        style="outline-warning",
    ),
    T(
        "reply",
        _("答复"),
        {"assigned"},
        "replied",
        HANDLE,
        inputs=(REPLY,),
        allows_files=True,
        style="success",
    ),
    T(
        "request_extension",
        _("申请延期"),
        {"assigned"},
        None,
        HANDLE,
        inputs=(EXTENSION_DAYS,),
        needs_note=True,
        guard=no_extension_pending,
        style="outline-warning",
    ),
    T("approve_extension", _("批准延期"), {"assigned"}, None, LEAD, guard=extension_pending, style="success"),
    T(
        "deny_extension",
        _("驳回延期"),
        {"assigned"},
        None,
        LEAD,
        guard=extension_pending,
        needs_note=True,
        style="outline-danger",
    ),
    T(
        "request_review",
        _("申请复查"),
        DONE,
        None,
        DISPATCH,
        guard=_may_request_review,
        style="outline-primary",
    ),
    T(
        "request_recheck",
        _("申请复核"),
        DONE,
        None,
        DISPATCH,
        guard=_may_request_recheck,
        style="outline-primary",
    ),
    T("archive", _("归档"), {"replied"}, "archived", DISPATCH, style="secondary"),
    T(
        "mark_backlog",
        _("列为积案"),
        EVERY,
        None,
        LEAD,
        inputs=(LEADER, BACKLOG_LEVEL),
        guard=_not_backlog,
        style="outline-dark",
    ),
    T(
        "resolve_backlog",
        _("积案化解"),
        EVERY,
        None,
        LEAD,
        inputs=(OUTCOME, RESOLVED_ON),
        guard=_unresolved_backlog,
        style="success",
    ),
    T("supervise", _("督办"), OPEN, None, LEAD, needs_note=True, style="outline-danger"),
]

EFFECTS: dict[str, Effect] = {
    "accept": pfx.accept,
    "reject": pfx.decide_without_accepting,
    "transfer": pfx.transfer,
    "assign": pfx.assign,
    "reassign": pfx.assign,
    "give_back": pfx.give_back,
    "reply": pfx.reply,
    "request_extension": pfx.request_extension,
    "approve_extension": pfx.approve_extension,
    "deny_extension": fx.deny_extension,
    "request_review": pfx.request_review,
    "request_recheck": pfx.request_recheck,
    "archive": fx.close,
    "mark_backlog": pfx.mark_backlog,
    "resolve_backlog": pfx.resolve_backlog,
    "supervise": fx.supervise,
}

# The deadlines of 信访工作条例 this kind reads from the jurisdiction's rule profile.
require_rules(
    "petition.accept",
    "petition.handle",
    "petition.extension_max",
    "petition.review_request",
    "petition.review_decide",
    "petition.recheck_request",
    "petition.recheck_decide",
)

PETITION_KIND = CaseKind(
    code=KIND,
    label=_("信访件"),
    initial="registered",
    states=STATES,
    transitions=TRANSITIONS,
    effects=EFFECTS,
    number_prefix="XF",
    extension=Petition,
    readers=frozenset(READERS),
)
