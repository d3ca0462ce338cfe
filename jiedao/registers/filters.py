"""One filter definition per register, shared by the list page, the API and the Excel export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiedao.core.ints import parse_int

# Milestones waiting for their actual date: planned before today (逾期), or within the next days.
SOON_DAYS = 30
DUE = {"late": _("节点逾期"), "soon": _("30日内到期")}  # the label says SOON_DAYS


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _milestones(model: type[Model]) -> QuerySet[Any]:
    return model.milestones.rel.related_model._default_manager.all()  # type: ignore[attr-defined]


def _due_milestones(model: type[Model], due: str) -> QuerySet[Any]:
    """Milestones of `model`'s rows planned before today (late) or in the next days (soon) that
    have no actual date yet: the row needs its date recorded, or a new plan."""
    today = timezone.localdate()
    pending = _milestones(model).filter(actual_date__isnull=True)
    if due == "late":
        return pending.filter(planned_date__lt=today)
    return pending.filter(planned_date__gte=today, planned_date__lte=today + timedelta(days=SOON_DAYS))


@dataclass(frozen=True)
class FilterSpec:
    """Which parameters a register understands: exact ones (name → lookup), text and dates."""

    exact: dict[str, str]
    ints: frozenset[str]
    text: tuple[str, ...]
    dated: str  # "milestones": a stage reached in the range; else a DateField name


@dataclass
class RegisterFilter:
    """Parsed filter values; malformed values are ignored, never an error page."""

    spec: FilterSpec
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: FilterSpec, params: Any) -> RegisterFilter:
        values: dict[str, Any] = {}
        for name in spec.exact:
            raw = params.get(name)
            value = parse_int(raw) if name in spec.ints else str(raw or "").strip()[:40]
            if value not in (None, ""):
                values[name] = value
        for name in ("date_from", "date_to"):
            parsed = _date(params.get(name))
            if parsed:
                values[name] = parsed
        q = str(params.get("q") or "").strip()[:100]
        if q:
            values["q"] = q
        due = params.get("due")
        if spec.dated == "milestones" and due in DUE:
            values["due"] = due
        return cls(spec, values)

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.filter(self.condition(qs.model))

    def condition(self, model: type[Model]) -> Q:
        """The filter as one condition on `model`'s rows (the workbench counts several in one query)."""
        v = self.values
        cond = Q(**{self.spec.exact[k]: val for k, val in v.items() if k in self.spec.exact})
        if "q" in v:
            text = Q()
            for lookup in self.spec.text:
                text |= Q(**{f"{lookup}__icontains": v["q"]})
            cond &= text
        lo, hi = v.get("date_from"), v.get("date_to")
        if lo or hi:
            rng = {k: d for k, d in (("gte", lo), ("lte", hi)) if d}
            if self.spec.dated == "milestones":
                # Rows that reached the chosen stage (or any stage) within the range.
                ms = _milestones(model).filter(**{f"actual_date__{op}": d for op, d in rng.items()})
                if "stage" in v:
                    ms = ms.filter(stage=v["stage"])
                cond &= Q(pk__in=ms.values("record_id"))
            else:
                cond &= Q(**{f"{self.spec.dated}__{op}": d for op, d in rng.items()})
        if "due" in v:
            cond &= Q(pk__in=_due_milestones(model, v["due"]).values("record_id"))
        return cond

    def as_query(self) -> dict[str, str]:
        return {k: val.isoformat() if isinstance(val, date) else str(val) for k, val in self.values.items()}


PROJECT_FILTER = FilterSpec(
    exact={
        "kind": "kind",
        "stage": "stage",
        "sector": "sector_id",
        "source": "source_id",
        "community": "community_id",
        "department": "department_id",
    },
    ints=frozenset({"sector", "source", "community", "department"}),
    text=("name", "note"),
    dated="milestones",
)
PARCEL_FILTER = FilterSpec(
    exact={"stage": "stage", "community": "community_id", "department": "department_id"},
    ints=frozenset({"community", "department"}),
    text=("name", "note"),
    dated="milestones",
)
STRUCTURE_FILTER = FilterSpec(
    exact={"stage": "stage", "community": "community_id", "grid": "grid_id"},
    ints=frozenset({"community", "grid"}),
    text=("address", "description"),
    dated="milestones",
)
LEDGER_FILTER = FilterSpec(
    exact={"type": "type_id", "level": "level", "community": "community_id", "department": "department_id"},
    ints=frozenset({"type", "community", "department"}),
    text=("title", "note"),
    dated="date",
)
