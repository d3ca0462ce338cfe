"""Stage sequences of the registers: which stage follows which, as data the actions obey.

A flow is an ordered list of stages; a stage's `order` says where it sits. Moving forward goes
to a stage of the next order only (land ends in 出让 *or* 征收, both order 4); moving back is a
correction and needs a reason. The same table draws the stage buttons and the milestone table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stage:
    code: str
    label: Promise
    order: int


@dataclass(frozen=True)
class Flow:
    code: str
    stages: tuple[Stage, ...]

    @property
    def initial(self) -> Stage:
        return self.stages[0]

    def get(self, code: str) -> Stage | None:
        return next((s for s in self.stages if s.code == code), None)

    def label(self, code: str) -> str:
        stage = self.get(code)
        return str(stage.label) if stage else code

    def following(self, code: str) -> list[Stage]:
        """The stages one step forward of `code`."""
        current = self.get(code)
        if current is None:
            return []
        return [s for s in self.stages if s.order == current.order + 1]

    def earlier(self, code: str) -> list[Stage]:
        current = self.get(code)
        return [s for s in self.stages if current is not None and s.order < current.order]

    def choices(self) -> list[tuple[str, Promise]]:
        return [(s.code, s.label) for s in self.stages]


def _flow(code: str, *stages: tuple[str, Promise, int]) -> Flow:
    return Flow(code, tuple(Stage(c, label, order) for c, label, order in stages))


INVESTMENT = _flow(
    "investment",
    ("negotiating", _("在谈"), 0),
    ("signed", _("签约"), 1),
    ("landed", _("落地"), 2),
    ("started", _("开工"), 3),
    ("topped", _("结顶"), 4),
    ("in_use", _("投用"), 5),
)
PUBLIC_WORK = _flow(
    "public_work",
    ("preparing", _("前期"), 0),
    ("started", _("开工"), 1),
    ("topped", _("结顶"), 2),
    ("completed", _("竣工"), 3),
    ("in_use", _("投用"), 4),
)
LAND = _flow(
    "land",
    ("pending", _("待签约"), 0),
    ("signed", _("协议签订"), 1),
    ("cleared", _("腾空"), 2),
    ("stored", _("收储"), 3),
    ("sold", _("出让"), 4),
    ("acquired", _("征收"), 4),
)
STRUCTURE = _flow(
    "structure",
    ("found", _("发现"), 0),
    ("confirmed", _("认定"), 1),
    ("notified", _("限期拆除通知"), 2),
    ("demolished", _("拆除"), 3),
)

PROJECT_FLOWS = {INVESTMENT.code: INVESTMENT, PUBLIC_WORK.code: PUBLIC_WORK}


def all_stage_choices(*flows: Flow) -> list[tuple[str, Promise]]:
    """Every stage code of the flows once (for a model field's choices)."""
    seen: dict[str, Promise] = {}
    for flow in flows:
        for s in flow.stages:
            seen.setdefault(s.code, s.label)
    return list(seen.items())
