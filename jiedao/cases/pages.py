"""Kind-agnostic helpers for case pages: badges, timeline, attachments and the action forms.

Every case kind's pages (events, petitions, mediation, hazards) render the same components from
`cases/_*.html`; the transition table of the kind decides which action forms a user gets.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.cases import actions
from jiedao.cases.inputs import FormContext
from jiedao.cases.kinds import Transition, get_kind
from jiedao.cases.models import Action, Attachment, Case, Rating, TimeStatus
from jiedao.cases.permissions import UNREAD, allowed_transitions
from jiedao.cases.queries import timeline
from jiedao.core.ints import parse_int
from jiedao.core.models import User

TIME_COLORS = {
    TimeStatus.NONE: "secondary",
    TimeStatus.GREEN: "success",
    TimeStatus.YELLOW: "warning",
    TimeStatus.RED: "danger",
}


@dataclass
class Badge:
    label: str
    color: str


def state_badge(kind_code: str, state: str) -> Badge:
    kind = get_kind(kind_code)
    st = kind.states.get(state)
    if st is None:
        return Badge(state, "secondary")
    return Badge(str(st.label), st.color)


def time_badge(time_status: str) -> Badge:
    try:
        ts = TimeStatus(time_status)
    except ValueError:
        ts = TimeStatus.NONE
    return Badge(str(ts.label), TIME_COLORS[ts])


def decorate(cases: Iterable[Case]) -> list[Case]:
    """Attach `state_badge` and `time_badge` to each case for the row templates (no queries)."""
    out = []
    for case in cases:
        case.state_badge = state_badge(case.kind, case.state)  # type: ignore[attr-defined]
        case.time_badge = time_badge(case.time_status)  # type: ignore[attr-defined]
        out.append(case)
    return out


@dataclass
class FieldSpec:
    name: str
    label: str
    widget: str
    required: bool
    # (value, label) pairs; for the "grouped" widget (label of an <optgroup>, its pairs)
    choices: list[tuple[str, Any]] = field(default_factory=list)
    initial: str = ""


@dataclass
class ActionSpec:
    """One button on a case page and the small form it opens."""

    action: str
    label: str
    style: str
    needs_note: bool
    allows_files: bool
    fields: list[FieldSpec]
    open: bool = False  # re-shown after an error, with what the user had typed
    note: str = ""


def field_specs(
    transition: Transition, ctx: FormContext, posted: Mapping[str, Any] | None = None
) -> list[FieldSpec]:
    """The transition's declared inputs, drawn: label, widget, choices, and the value to show
    (what a refused form held, else the input's initial value for this case)."""
    specs = []
    for i in transition.inputs:
        if posted is not None:
            initial = str(posted.get(i.name, ""))[: i.limit]
        else:
            initial = "" if i.initial is None else str(i.initial(ctx) or "")
        specs.append(
            FieldSpec(
                name=i.name,
                label=str(i.label),
                widget=i.widget,
                required=i.required,
                choices=i.choices(ctx) if i.choices is not None else [],
                initial=initial,
            )
        )
    return specs


def action_specs(
    user: User | None, case: Case, posted: Mapping[str, Any] | None = None, *, extension: Any = UNREAD
) -> list[ActionSpec]:
    """The actions this user may take on this case now, each with the fields of its form.

    `posted` is a refused form's data: that action's form opens again with the typed values.
    """
    if extension is UNREAD:
        extension = get_kind(case.kind).extension_of(case)
    transitions = allowed_transitions(user, case, extension)
    ctx = FormContext(case, extension)
    again = posted if posted and posted.get("action") else None
    specs = []
    for t in transitions:
        mine = again if again is not None and again.get("action") == t.action else None
        specs.append(
            ActionSpec(
                action=t.action,
                label=str(t.label),
                style=t.style,
                needs_note=t.needs_note,
                allows_files=t.allows_files,
                fields=field_specs(t, ctx, mine),
                open=mine is not None,
                note=str(mine.get("note", ""))[:5000] if mine else "",
            )
        )
    return specs


def _transition_fields(case: Case, action: str) -> tuple[str, ...]:
    t = get_kind(case.kind).find(case.state, action)
    return t.fields if t is not None else ()


def _version(raw: Any) -> int | None:
    return parse_int(raw)


def perform_from_request(request: HttpRequest, case: Case, *, acting_user: User) -> tuple[Case, str]:
    """Read one action form (action, note, version, the transition's fields, files) and perform it.

    Raises the engine's DomainError unchanged; the caller renders its message. Returns the updated
    case and the label of the action performed.
    """
    action = str(request.POST.get("action") or "")[:40]
    payload = {name: request.POST.get(name, "") for name in _transition_fields(case, action)}
    updated = actions.perform(
        case.pk,
        action,
        acting_user=acting_user,
        payload=payload,
        note=str(request.POST.get("note") or ""),
        expected_version=_version(request.POST.get("version")),
        files=request.FILES.getlist("files"),
    )
    label = get_kind(case.kind).action_labels.get(action, action)
    return updated, str(label)


@dataclass
class TimelineEntry:
    action: Action
    label: str
    from_badge: Badge | None
    to_badge: Badge | None
    details: list[str]
    attachments: list[Attachment]


def _details(data: dict[str, Any]) -> list[str]:
    out = []
    if data.get("department_name"):
        out.append(_("部门：%(name)s") % {"name": data["department_name"]})
    if data.get("category_name"):
        out.append(_("分类：%(name)s") % {"name": data["category_name"]})
    if data.get("days"):
        out.append(_("天数：%(n)s 个工作日") % {"n": data["days"]})
    if data.get("rating"):
        with contextlib.suppress(ValueError):
            out.append(_("评价：%(r)s") % {"r": Rating(int(data["rating"])).label})
    if data.get("target"):
        out.append(_("合并到：%(n)s") % {"n": data["target"]})
    if data.get("card") == "yellow":
        out.append(_("承办部门记黄牌一张"))
    elif data.get("card") == "red":
        out.append(_("承办部门记红牌一张"))
    return out


# Timeline verbs written outside a kind's transition table (intake, documents, the SLA sweep).
ENGINE_VERBS: dict[str, Promise] = {
    "report": gettext_lazy("上报"),
    "document": gettext_lazy("出具文书"),
    "time_yellow": gettext_lazy("临期预警"),
    "time_red": gettext_lazy("已超期"),
}


def timeline_entries(case: Case) -> list[TimelineEntry]:
    """The case's timeline with labels, state badges and each entry's attachments (2 queries)."""
    labels = {**ENGINE_VERBS, **get_kind(case.kind).action_labels}
    entries = []
    for a in timeline(case):
        entries.append(
            TimelineEntry(
                action=a,
                label=str(labels.get(a.verb, a.verb)),
                from_badge=state_badge(case.kind, a.from_state) if a.from_state else None,
                to_badge=state_badge(case.kind, a.to_state)
                if a.to_state and a.to_state != a.from_state
                else None,
                details=_details(a.data or {}),
                attachments=list(a.attachments.all()),
            )
        )
    return entries


def attachments_of(entries: list[TimelineEntry]) -> list[Attachment]:
    return [f for e in entries for f in e.attachments]
