"""Case kinds register their states and transition table here; the engine knows nothing else.

A transition is data: `(sources, action) → target`, the roles that may perform it, the scope
in which the role must cover the case, an optional guard (which sees the case and the kind's own
row beside it) and the typed inputs its payload carries. The same table draws the buttons and
forms on the detail page, types the API's action bodies and decides what the engine accepts.
A kind's pages (list columns, filters, detail sections, intake) are declared beside it, in a
`Surface` (cases/surface.py), from which cases/ builds every page, route and API endpoint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jiedao.cases.inputs import Input

if TYPE_CHECKING:
    from django.db.models import Model

    from jiedao.cases.effects import EffectContext
    from jiedao.cases.models import Case

# Who, relative to the case, a role must be: anywhere in the case's jurisdiction, the
# department holding it, the case's grid or community, or the reporter holding the rating code.
REPORTER = "reporter"


@dataclass(frozen=True)
class State:
    code: str
    label: Promise | str
    color: str = "secondary"  # bootstrap contextual colour for badges
    open: bool = True
    clock: bool = False  # a deadline runs in this state


# A guard says why a transition does not apply to this case now (a translated reason), or None
# when it does; it sees the case and the kind's row beside it (or None for a kind without one).
Guard = Callable[["Case", Any], "str | None"]


@dataclass(frozen=True)
class Transition:
    action: str
    label: Promise | str
    sources: frozenset[str]
    target: str | None  # None keeps the state
    roles: frozenset[str]
    needs_note: bool = False
    inputs: tuple[Input, ...] = ()  # what the form asks for and the API body carries
    guard: Guard | None = None  # why not now (see Guard), or None
    style: str = "primary"
    allows_files: bool = False

    @property
    def fields(self) -> tuple[str, ...]:
        """The payload names the effect reads."""
        return tuple(i.name for i in self.inputs)


Effect = Callable[["Case", dict[str, Any], "EffectContext"], None]


def transition(
    action: str,
    label: Promise | str,
    sources: Iterable[str],
    target: str | None,
    roles: Iterable[str],
    **kw: Any,
) -> Transition:
    """A table row written compactly: sources and roles as any iterable."""
    return Transition(action, label, frozenset(sources), target, frozenset(roles), **kw)


def extension_pending(case: Case, extension: Any = None) -> str | None:
    """Guard: an extension request awaits a decision (approve/deny shown)."""
    return None if case.pending_extension_days is not None else _("没有待审批的延期申请。")


def no_extension_pending(case: Case, extension: Any = None) -> str | None:
    """Guard: no extension request is open (a new request may be made)."""
    return None if case.pending_extension_days is None else _("已有延期申请待审批。")


@dataclass
class CaseKind:
    code: str
    label: Promise | str
    initial: str
    states: dict[str, State]
    transitions: list[Transition]
    effects: dict[str, Effect] = field(default_factory=dict)
    number_prefix: str = ""
    # The roles that read cases of this kind (each within its scope); None: every role. The
    # kind's pages and menu entries use the same tuple, so what is listed is what is shown.
    readers: frozenset[str] | None = None
    # The kind's own row beside each Case (one to one, primary key `case`): the engine audits
    # what effects change in it, before and after, with the case's own entry.
    extension: type[Model] | None = None

    def extension_fields(self) -> list[str]:
        if self.extension is None:
            return []
        return [f.name for f in self.extension._meta.concrete_fields if not f.primary_key]

    def __post_init__(self) -> None:
        for t in self.transitions:
            unknown = (set(t.sources) | ({t.target} if t.target else set())) - set(self.states)
            if unknown:
                raise ValueError(f"{self.code}.{t.action}: unknown states {unknown}")

    def extension_of(self, case: Case) -> Model | None:
        """The kind's row beside this case (one query), or None for a kind without one."""
        if self.extension is None:
            return None
        row: Model | None = self.extension._default_manager.filter(pk=case.pk).first()
        return row

    def find(self, state: str, action: str) -> Transition | None:
        for t in self.transitions:
            if t.action == action and state in t.sources:
                return t
        return None

    def actions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def state(self, code: str) -> State:
        return self.states[code]

    @property
    def action_labels(self) -> dict[str, Promise | str]:
        return {t.action: t.label for t in self.transitions}


_KINDS: dict[str, CaseKind] = {}


def register_kind(kind: CaseKind) -> CaseKind:
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> CaseKind:
    return _KINDS[code]


def all_kinds() -> list[CaseKind]:
    return list(_KINDS.values())
