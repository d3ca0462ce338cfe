"""The petition kind (PRODUCT §3): states and the declared transition table of 信访 handling.

受理/不予受理/转送 within the acceptance deadline, 交办 to a department, 答复 within the handling
deadline (one approved extension), then 复查 and 复核 as linked follow-up cases with clocks of
their own. 积案 (backlog) cases get a 包案领导 and a 化解 outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from jiedao.cases import effects as fx
from jiedao.cases.kinds import (
    CaseKind,
    Effect,
    State,
    extension_pending,
    no_extension_pending,
    transition,
)
from jiedao.core.models import Role
from jiedao.petitions import effects as pfx
from jiedao.petitions.models import Petition

KIND = "petition"

R = Role
DISPATCH = frozenset({R.DISPATCHER, R.ADMIN})
HANDLE = frozenset({R.HANDLER, R.DISPATCHER})
LEAD = frozenset({R.LEADER})
# Who reads petitions (each in their scope): the list pages, the menu and the permission filter
# use this. Petitions name people and grievances: no inspector, mediator or project officer.
READERS = (R.DISPATCHER, R.HANDLER, R.LEADER, R.ADMIN)

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


TRANSITIONS = [
    T("accept", _("受理"), {"registered"}, "accepted", DISPATCH),
    T("reject", _("不予受理"), {"registered"}, "rejected", DISPATCH, needs_note=True, style="outline-danger"),
    T(
        "transfer",
        _("转送"),
        {"registered"},
        "transferred",
        DISPATCH,
        fields=("transferred_to",),
        style="outline-secondary",
    ),
    T("assign", _("交办"), {"accepted"}, "assigned", DISPATCH, fields=("department",)),
    T(
        "reassign",
        _("改交办"),
        {"assigned"},
        "assigned",
        DISPATCH,
        fields=("department",),
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
        fields=("result",),
        allows_files=True,
        style="success",
    ),
    T(
        "request_extension",
        _("申请延期"),
        {"assigned"},
        None,
        HANDLE,
        fields=("extension_days",),
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
    T("request_review", _("申请复查"), DONE, None, DISPATCH, style="outline-primary"),
    T("request_recheck", _("申请复核"), DONE, None, DISPATCH, style="outline-primary"),
    T("archive", _("归档"), {"replied"}, "archived", DISPATCH, style="secondary"),
    T(
        "mark_backlog",
        _("列为积案"),
        EVERY,
        None,
        LEAD,
        fields=("leader", "backlog_level"),
        style="outline-dark",
    ),
    T(
        "resolve_backlog",
        _("积案化解"),
        EVERY,
        None,
        LEAD,
        fields=("outcome", "resolved_on"),
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

# Which buttons make sense for a petition's stage and flags. Display only: the effects refuse the
# same actions with a message that says why, so an API caller learns the rule too.
SHOWN: dict[str, Callable[[Any], bool]] = {
    "request_review": lambda p: p.stage == "initial" and not p.has_follow_up,
    "request_recheck": lambda p: p.stage == "review" and not p.has_follow_up,
    "mark_backlog": lambda p: not p.backlog,
    "resolve_backlog": lambda p: p.backlog and not p.backlog_outcome,
}

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
