"""The mediation kind (PRODUCT §4, 人民调解法): states and the declared transition table.

登记 (walk-in or from an event) → 分派 to a room and mediator → sessions (调解笔录) → outcome:
调解成功 with an agreement (fulfilment, 司法确认 within 30 days of the agreement taking effect) or
调解不成 (引导诉讼, or referral to the 共享法庭 with its reference and result).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiedao.cases import effects as fx
from jiedao.cases.kinds import CaseKind, Effect, State
from jiedao.cases.kinds import transition as T
from jiedao.cases.rules import require_rules
from jiedao.core.models import Role
from jiedao.mediation import effects as mx
from jiedao.mediation import fields as f
from jiedao.mediation.models import Dispute

KIND = "mediation"

R = Role
ASSIGN = frozenset({R.DISPATCHER, R.ADMIN, R.LEADER})
MEDIATE = frozenset({R.MEDIATOR, R.ADMIN})
REGISTER_ROLES = (R.MEDIATOR, R.DISPATCHER, R.ADMIN)
# Turning an event into a dispute reads the event: the command centre does it, not a mediator
# (who reads no events beyond those their rooms' disputes came from).
FROM_EVENT_ROLES = (R.DISPATCHER, R.ADMIN)
# Who reads disputes: jurisdiction-wide roles, and mediators the disputes of their rooms (a
# mediator's role reaches nothing in core; `queries.room_grant` adds their rooms).
READERS = (R.MEDIATOR, R.DISPATCHER, R.LEADER, R.ADMIN)

STATES = {
    s.code: s
    for s in [
        State("registered", _("待分派"), "info", clock=True),
        State("mediating", _("调解中"), "primary", clock=True),
        State("agreed", _("调解成功"), "success", clock=True),
        State("confirming", _("司法确认中"), "primary"),
        State("confirmed", _("已司法确认"), "success"),
        State("unconfirmed", _("不予确认"), "warning"),
        State("referred", _("已转共享法庭"), "warning"),
        State("litigation", _("引导诉讼"), "secondary", open=False),
        State("court_done", _("法庭已处理"), "secondary", open=False),
        State("archived", _("已归档"), "secondary", open=False),
        State("withdrawn", _("已撤回"), "secondary", open=False),
    ]
}
OPEN = frozenset(s.code for s in STATES.values() if s.open)
IN_MEDIATION = frozenset({"registered", "mediating"})
WITH_AGREEMENT = frozenset({"agreed", "confirming", "confirmed", "unconfirmed"})


TRANSITIONS = [
    T("assign", _("分派调解"), {"registered"}, "mediating", ASSIGN, inputs=(f.ROOM, f.MEDIATOR)),
    T(
        "reassign",
        _("改派调解员"),
        {"mediating"},
        None,
        ASSIGN,
        inputs=(f.ROOM, f.MEDIATOR),
        needs_note=True,
        style="outline-primary",
    ),
    T(
        "add_party",
        _("添加当事人"),
        IN_MEDIATION,
        None,
        MEDIATE | ASSIGN,
        inputs=f.PARTY,
        style="outline-secondary",
    ),
    T(
        "record_session",
        _("记录调解"),
        {"mediating"},
        None,
        MEDIATE,
        inputs=f.SESSION,
        allows_files=True,
    ),
    T(
        "agree",
        _("调解成功"),
        {"mediating"},
        "agreed",
        MEDIATE,
        inputs=f.AGREEMENT,
        style="success",
    ),
    T(
        "fail_litigation",
        _("调解不成·引导诉讼"),
        {"mediating"},
        "litigation",
        MEDIATE,
        needs_note=True,
        style="outline-danger",
    ),
    T(
        "refer_court",
        _("调解不成·转共享法庭"),
        {"mediating"},
        "referred",
        MEDIATE,
        inputs=(f.COURT, f.COURT_REFERENCE),
        needs_note=True,
        style="outline-warning",
    ),
    T(
        "court_result",
        _("登记法庭结果"),
        {"referred"},
        "court_done",
        MEDIATE,
        inputs=(f.COURT_REFERENCE, f.COURT_RESULT),
    ),
    T(
        "record_fulfilment",
        _("登记履行情况"),
        WITH_AGREEMENT,
        None,
        MEDIATE,
        inputs=(f.FULFILMENT,),
        style="outline-success",
    ),
    T(
        "apply_confirmation",
        _("申请司法确认"),
        {"agreed"},
        "confirming",
        MEDIATE,
        inputs=f.CONFIRMATION,
    ),
    T(
        "confirmation_granted",
        _("法院确认有效"),
        {"confirming"},
        "confirmed",
        MEDIATE,
        inputs=f.RULING,
        style="success",
    ),
    T(
        "confirmation_denied",
        _("法院不予确认"),
        {"confirming"},
        "unconfirmed",
        MEDIATE,
        inputs=f.RULING,
        needs_note=True,
        style="outline-danger",
    ),
    T("archive", _("结案归档"), WITH_AGREEMENT, "archived", MEDIATE, style="secondary"),
    T(
        "withdraw",
        _("撤回申请"),
        IN_MEDIATION,
        "withdrawn",
        MEDIATE | ASSIGN,
        needs_note=True,
        style="outline-secondary",
    ),
    T("supervise", _("督办"), OPEN, None, {R.LEADER}, needs_note=True, style="outline-danger"),
]

EFFECTS: dict[str, Effect] = {
    "assign": mx.assign,
    "reassign": mx.assign,
    "add_party": mx.add_party,
    "record_session": mx.record_session,
    "agree": mx.agree,
    "fail_litigation": mx.fail_litigation,
    "refer_court": mx.refer_court,
    "court_result": mx.court_result,
    "record_fulfilment": mx.record_fulfilment,
    "apply_confirmation": mx.apply_confirmation,
    "confirmation_granted": mx.confirmation_granted,
    "confirmation_denied": mx.confirmation_denied,
    "archive": mx.close,
    "withdraw": mx.close,
    "supervise": fx.supervise,
}

# The deadlines of 人民调解法 this kind reads from the jurisdiction's rule profile.
require_rules("mediation.norm", "mediation.judicial_confirmation")

MEDIATION_KIND = CaseKind(
    code=KIND,
    label=_("矛盾纠纷"),
    initial="registered",
    states=STATES,
    transitions=TRANSITIONS,
    effects=EFFECTS,
    number_prefix="TJ",
    extension=Dispute,
    readers=frozenset(READERS),
)
