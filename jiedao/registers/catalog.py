"""The four registers described once: model, access, filter, columns — for pages, API and Excel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import User
from jiedao.registers import access as acc
from jiedao.registers.filters import (
    LEDGER_FILTER,
    PARCEL_FILTER,
    PROJECT_FILTER,
    STRUCTURE_FILTER,
    FilterSpec,
    RegisterFilter,
)
from jiedao.registers.models import IllegalStructure, LandParcel, LedgerEntry, Project
from jiedao.registers.stages import INVESTMENT, LAND, PUBLIC_WORK, STRUCTURE, Flow, all_stage_choices


@dataclass(frozen=True)
class Column:
    key: str  # the API's field name
    header: Promise | str
    value: Callable[[Any], Any]  # the raw value: str, Decimal, int, date or None
    in_list: bool = True
    milestone: bool = False  # a stage's actual date: the detail page shows these as a table


@dataclass(frozen=True)
class RegisterDef:
    key: str  # URL segment and API path: "projects"
    label: Promise
    model: type[Model]
    access: acc.Access
    filter: FilterSpec
    columns: tuple[Column, ...]
    related: tuple[str, ...] = ()
    prefetch: tuple[str | Prefetch[Any], ...] = ()
    flows: tuple[Flow, ...] = ()

    def rows(self, user: User, params: Any) -> tuple[QuerySet[Any], RegisterFilter]:
        """The filtered rows this user may read, newest first, with what the columns need."""
        flt = RegisterFilter.parse(self.filter, params)
        qs = acc.readable(user, self.model, self.access).select_related(*self.related)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        return flt.apply(qs).order_by("-pk"), flt

    def get(self, user: User, pk: Any) -> Any:
        qs = self.model._default_manager.select_related(*self.related)
        return acc.get_for(user, qs, pk, self.access)

    @property
    def urls(self) -> dict[str, str]:
        """URL names of this register's pages, for templates and redirects."""
        names = ("export", "import", "create", "detail", "edit", "stage", "plan")
        return {"list": f"registers:{self.key}", **{n: f"registers:{self.key}_{n}" for n in names}}

    def stage_choices(self) -> list[tuple[str, Promise]]:
        return all_stage_choices(*self.flows)


def _name(obj: Any) -> str | None:
    return str(obj) if obj is not None else None


def _actual(stage: str) -> Callable[[Any], Any]:
    def value(obj: Any) -> Any:
        return next((m.actual_date for m in obj.milestones.all() if m.stage == stage), None)

    return value


def _stage_columns(*flows: Flow) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"date_{code}",
            format_lazy(_("{stage}日期"), stage=label),
            _actual(code),
            in_list=False,
            milestone=True,
        )
        for code, label in all_stage_choices(*flows)
    )


PROJECTS = RegisterDef(
    key="projects",
    label=_("项目招引库"),
    model=Project,
    access=acc.PROJECTS,
    filter=PROJECT_FILTER,
    related=("sector", "source", "leader", "department", "community"),
    prefetch=("milestones", "parcels"),
    flows=(INVESTMENT, PUBLIC_WORK),
    columns=(
        Column("name", _("项目名称"), lambda p: p.name),
        Column("kind_label", _("项目类型"), lambda p: p.get_kind_display()),
        Column("sector", _("产业领域"), lambda p: _name(p.sector)),
        Column("source", _("项目来源"), lambda p: _name(p.source)),
        Column("investment", _("投资额（万元）"), lambda p: p.investment),
        Column("stage_label", _("当前阶段"), lambda p: p.stage_label),
        Column("leader", _("责任领导"), lambda p: _name(p.leader), in_list=False),
        Column("department", _("责任单位"), lambda p: _name(p.department)),
        Column("community", _("村社"), lambda p: _name(p.community), in_list=False),
        Column("parcels", _("关联地块"), lambda p: "、".join(x.name for x in p.parcels.all()), in_list=False),
        Column("note", _("备注"), lambda p: p.note, in_list=False),
        *_stage_columns(INVESTMENT, PUBLIC_WORK),
    ),
)
PARCELS = RegisterDef(
    key="land",
    label=_("土地"),
    model=LandParcel,
    access=acc.LAND,
    filter=PARCEL_FILTER,
    related=("community", "department"),
    prefetch=("milestones",),
    flows=(LAND,),
    columns=(
        Column("name", _("地块名称"), lambda p: p.name),
        Column("community", _("所在村社"), lambda p: _name(p.community)),
        Column("area_mu", _("面积（亩）"), lambda p: p.area_mu),
        Column("stage_label", _("当前阶段"), lambda p: p.stage_label),
        Column("department", _("责任单位"), lambda p: _name(p.department)),
        Column("note", _("备注"), lambda p: p.note, in_list=False),
        *_stage_columns(LAND),
    ),
)
STRUCTURES = RegisterDef(
    key="structures",
    label=_("拆违"),
    model=IllegalStructure,
    access=acc.STRUCTURES,
    filter=STRUCTURE_FILTER,
    related=("community", "grid"),
    prefetch=("milestones",),
    flows=(STRUCTURE,),
    columns=(
        Column("address", _("地址"), lambda s: s.address),
        Column("community", _("村社"), lambda s: _name(s.community)),
        Column("grid", _("网格"), lambda s: _name(s.grid)),
        Column("area_m2", _("面积（平方米）"), lambda s: s.area_m2),
        Column("stage_label", _("当前阶段"), lambda s: s.stage_label),
        Column("notice_deadline", _("限期拆除日期"), lambda s: s.notice_deadline, in_list=False),
        Column("description", _("情况描述"), lambda s: s.description, in_list=False),
        *_stage_columns(STRUCTURE),
    ),
)
LEDGER = RegisterDef(
    key="ledger",
    label=_("工作台账"),
    model=LedgerEntry,
    access=acc.LEDGER,
    filter=LEDGER_FILTER,
    related=("type", "community", "department"),
    columns=(
        Column("date", _("日期"), lambda e: e.date),
        Column("type", _("类型"), lambda e: e.type.name),
        Column("title", _("事项"), lambda e: e.title),
        Column("quantity", _("数量"), lambda e: e.quantity),
        Column("unit", _("单位"), lambda e: e.unit),
        Column("level", _("级别"), lambda e: e.type.level_name(e.level) if e.level else None),
        Column("attendance", _("参加人数"), lambda e: e.attendance, in_list=False),
        Column("community", _("村社"), lambda e: _name(e.community), in_list=False),
        Column("department", _("部门"), lambda e: _name(e.department), in_list=False),
        Column("note", _("备注"), lambda e: e.note, in_list=False),
    ),
)

REGISTERS = {r.key: r for r in (PROJECTS, PARCELS, STRUCTURES, LEDGER)}
