"""What the registers count for goals and the year-end report (registered in AppConfig.ready()).

Flow indicators count rows that *reached* a stage within the period (by the milestone's actual
date); pipeline indicators count rows standing at a stage at the period's end. A stage moved
back clears the later actual dates, so corrected rows drop out of both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jiedao.core.indicators import Count, IndicatorDef, Period, Sum, register_indicator
from jiedao.registers.models import (
    IllegalStructure,
    LandParcel,
    LedgerEntry,
    ParcelMilestone,
    Project,
    ProjectKind,
    ProjectMilestone,
)
from jiedao.registers.stages import INVESTMENT, LAND, PUBLIC_WORK, Flow

Records = Callable[[int, Period], QuerySet[Any]]
PROJECT_FILTERS = {
    "sector": "sector__code",
    "source": "source__code",
    "community": "community_id",
    "department": "department_id",
}
LAND_FILTERS = {"community": "community_id", "department": "department_id"}
STRUCTURE_FILTERS = {"community": "community_id", "grid": "grid_id"}
LEDGER_FILTERS = {"level": "level", "community": "community_id", "department": "department_id"}


def _url(name: str) -> Callable[[Any], str]:
    return lambda obj: reverse(f"registers:{name}_detail", args=[obj.pk])


def reached(model: type[Model], stage: str, **where: Any) -> Records:
    """Rows whose `stage` milestone has an actual date inside the period."""

    def records(jurisdiction_id: int, period: Period) -> QuerySet[Any]:
        return model._default_manager.filter(
            jurisdiction_id=jurisdiction_id,
            milestones__stage=stage,
            milestones__actual_date__gte=period.start,
            milestones__actual_date__lte=period.end,
            **where,
        )

    return records


def standing(model: type[Model], milestone: type[Model], flow: Flow, stage: str, **where: Any) -> Records:
    """Rows that had reached `stage` by the period's end and nothing beyond it by then."""
    order = next(s.order for s in flow.stages if s.code == stage)
    later = [s.code for s in flow.stages if s.order > order]

    def records(jurisdiction_id: int, period: Period) -> QuerySet[Any]:
        got = milestone._default_manager.filter(stage=stage, actual_date__lte=period.end).values("record_id")
        beyond = milestone._default_manager.filter(stage__in=later, actual_date__lte=period.end).values(
            "record_id"
        )
        return model._default_manager.filter(jurisdiction_id=jurisdiction_id, pk__in=got, **where).exclude(
            pk__in=beyond
        )

    return records


def ledger(type_code: str, **where: Any) -> Records:
    def records(jurisdiction_id: int, period: Period) -> QuerySet[Any]:
        return LedgerEntry.objects.filter(
            jurisdiction_id=jurisdiction_id,
            type__code=type_code,
            date__gte=period.start,
            date__lte=period.end,
            **where,
        )

    return records


def _project_defs() -> list[IndicatorDef]:
    inv = {"kind": ProjectKind.INVESTMENT}
    defs = []
    for stage in INVESTMENT.stages[1:]:
        records = reached(Project, stage.code, **inv)
        common: dict[str, Any] = {
            "area": "economy",
            "records": records,
            "filters": PROJECT_FILTERS,
            "record_url": _url("projects"),
        }
        defs += [
            IndicatorDef(
                code=f"registers.projects_{stage.code}",
                label=format_lazy(_("{stage}项目数"), stage=stage.label),
                unit=_("个"),
                aggregate=Count(),
                description=format_lazy(_("招引项目中“{stage}”实际日期在期内的项目数"), stage=stage.label),
                **common,
            ),
            IndicatorDef(
                code=f"registers.projects_{stage.code}_investment",
                label=format_lazy(_("{stage}项目投资额"), stage=stage.label),
                unit=_("万元"),
                aggregate=Sum("investment"),
                description=format_lazy(
                    _("招引项目中“{stage}”实际日期在期内的项目投资额合计（万元）"), stage=stage.label
                ),
                decimals=2,
                **common,
            ),
        ]
    for stage in INVESTMENT.stages:
        common = {
            "area": "economy",
            "records": standing(Project, ProjectMilestone, INVESTMENT, stage.code, **inv),
            "filters": PROJECT_FILTERS,
            "record_url": _url("projects"),
        }
        defs += [
            IndicatorDef(
                code=f"registers.pipeline_{stage.code}",
                label=format_lazy(_("期末处于{stage}阶段的项目数"), stage=stage.label),
                unit=_("个"),
                aggregate=Count(),
                description=format_lazy(
                    _("期末时已到“{stage}”、尚未进入下一阶段的招引项目数"), stage=stage.label
                ),
                **common,
            ),
            IndicatorDef(
                code=f"registers.pipeline_{stage.code}_investment",
                label=format_lazy(_("期末处于{stage}阶段的项目投资额"), stage=stage.label),
                unit=_("万元"),
                aggregate=Sum("investment"),
                description=format_lazy(
                    _("期末时处于“{stage}”阶段的招引项目投资额合计（万元）"), stage=stage.label
                ),
                decimals=2,
                **common,
            ),
        ]
    for source, label in (("academician", _("院士项目")), ("overseas_return", _("侨商回归项目"))):
        defs.append(
            IndicatorDef(
                code=f"registers.{source}_projects",
                label=format_lazy(_("引进{label}数"), label=label),
                unit=_("个"),
                area="economy",
                records=reached(Project, "signed", source__code=source, **inv),
                aggregate=Count(),
                description=format_lazy(_("来源为“{label}”、签约日期在期内的招引项目数"), label=label),
                filters=PROJECT_FILTERS,
                record_url=_url("projects"),
            )
        )
    for stage in PUBLIC_WORK.stages[1:]:
        defs.append(
            IndicatorDef(
                code=f"registers.public_works_{stage.code}",
                label=format_lazy(_("公建配套{stage}数"), stage=stage.label),
                unit=_("个"),
                area="economy",
                records=reached(Project, stage.code, kind=ProjectKind.PUBLIC_WORK),
                aggregate=Count(),
                description=format_lazy(
                    _("公建配套项目中“{stage}”实际日期在期内的项目数"), stage=stage.label
                ),
                filters=PROJECT_FILTERS,
                record_url=_url("projects"),
            )
        )
    return defs


def _land_defs() -> list[IndicatorDef]:
    defs = []
    for stage in LAND.stages[1:]:
        common: dict[str, Any] = {
            "area": "environment",
            "records": reached(LandParcel, stage.code),
            "filters": LAND_FILTERS,
            "record_url": _url("land"),
        }
        defs += [
            IndicatorDef(
                code=f"registers.land_{stage.code}",
                label=format_lazy(_("土地{stage}宗数"), stage=stage.label),
                unit=_("宗"),
                aggregate=Count(),
                description=format_lazy(_("“{stage}”实际日期在期内的地块数"), stage=stage.label),
                **common,
            ),
            IndicatorDef(
                code=f"registers.land_{stage.code}_area",
                label=format_lazy(_("土地{stage}面积"), stage=stage.label),
                unit=_("亩"),
                aggregate=Sum("area_mu"),
                description=format_lazy(_("“{stage}”实际日期在期内的地块面积合计（亩）"), stage=stage.label),
                decimals=2,
                **common,
            ),
        ]
    for stage in LAND.stages:
        defs.append(
            IndicatorDef(
                code=f"registers.land_pipeline_{stage.code}_area",
                label=format_lazy(_("期末处于{stage}阶段的土地面积"), stage=stage.label),
                unit=_("亩"),
                area="environment",
                records=standing(LandParcel, ParcelMilestone, LAND, stage.code),
                aggregate=Sum("area_mu"),
                description=format_lazy(_("期末时处于“{stage}”阶段的地块面积合计（亩）"), stage=stage.label),
                filters=LAND_FILTERS,
                record_url=_url("land"),
                decimals=2,
            )
        )
    return defs


def _structure_defs() -> list[IndicatorDef]:
    common: dict[str, Any] = {
        "area": "safety",
        "filters": STRUCTURE_FILTERS,
        "record_url": _url("structures"),
    }
    demolished = reached(IllegalStructure, "demolished")
    return [
        IndicatorDef(
            code="registers.structures_found",
            label=_("发现违章建筑数"),
            unit=_("处"),
            records=reached(IllegalStructure, "found"),
            aggregate=Count(),
            description=_("发现日期在期内的违章建筑数"),
            **common,
        ),
        IndicatorDef(
            code="registers.structures_demolished",
            label=_("拆除违章建筑数"),
            unit=_("处"),
            records=demolished,
            aggregate=Count(),
            description=_("拆除日期在期内的违章建筑数"),
            **common,
        ),
        IndicatorDef(
            code="registers.structures_demolished_area",
            label=_("拆除违章建筑面积"),
            unit=_("平方米"),
            records=demolished,
            aggregate=Sum("area_m2"),
            description=_("拆除日期在期内的违章建筑面积合计（平方米）"),
            decimals=2,
            **common,
        ),
    ]


# (code, type code, extra lookups, label, unit, area, aggregate field, decimals)
_LEDGER: list[tuple[str, str, dict[str, Any], Any, Any, str, str, int]] = [
    ("articles", "articles", {}, _("发布文章数"), _("篇"), "services", "quantity", 0),
    ("article_reads", "article_reads", {}, _("文章点击量"), _("次"), "services", "quantity", 0),
    ("media_coverage", "media_coverage", {}, _("媒体宣传次数"), _("次"), "services", "quantity", 0),
    (
        "media_coverage_provincial_up",
        "media_coverage",
        {"level__in": ["central", "provincial"]},
        _("省级以上媒体宣传次数"),
        _("次"),
        "services",
        "quantity",
        0,
    ),
    ("activities", "activities", {}, _("举办活动场次"), _("场"), "services", "quantity", 0),
    ("activity_attendance", "activities", {}, _("活动参加人次"), _("人次"), "services", "attendance", 0),
    ("party_meetings", "party_meetings", {}, _("三会一课次数"), _("次"), "services", "quantity", 0),
    ("party_days", "party_days", {}, _("主题党日次数"), _("次"), "services", "quantity", 0),
    (
        "party_meeting_attendance",
        "party_meetings",
        {},
        _("三会一课参加人次"),
        _("人次"),
        "services",
        "attendance",
        0,
    ),
    ("party_day_attendance", "party_days", {}, _("主题党日参加人次"), _("人次"), "services", "attendance", 0),
    ("volunteers", "volunteers", {}, _("志愿者人数"), _("人"), "services", "quantity", 0),
    ("service_hours", "service_hours", {}, _("志愿服务时长"), _("小时"), "services", "quantity", 1),
    ("honours", "honours", {}, _("获得荣誉数"), _("项"), "environment", "quantity", 0),
    (
        "honours_provincial_up",
        "honours",
        {"level__in": ["national", "provincial"]},
        _("省级以上荣誉数"),
        _("项"),
        "environment",
        "quantity",
        0,
    ),
    ("talents", "talents", {}, _("招引人才数"), _("人"), "economy", "quantity", 0),
    (
        "talents_provincial",
        "talents",
        {"level": "provincial_talent"},
        _("引进省级人才计划人才数"),
        _("人"),
        "economy",
        "quantity",
        0,
    ),
    (
        "graduates",
        "talents",
        {"level__in": ["master", "bachelor"]},
        _("招引大学生、硕士研究生数"),
        _("人"),
        "economy",
        "quantity",
        0,
    ),
]


def _ledger_defs() -> list[IndicatorDef]:
    return [
        IndicatorDef(
            code=f"registers.{code}",
            label=label,
            unit=unit,
            area=area,
            records=ledger(type_code, **where),
            aggregate=Sum(field),
            description=format_lazy(
                _("工作台账中类型代码为 {type} 的记录在期内的{what}合计"), type=type_code, what=label
            ),
            filters=LEDGER_FILTERS,
            record_url=_url("ledger"),
            decimals=decimals,
        )
        for code, type_code, where, label, unit, area, field, decimals in _LEDGER
    ]


def register() -> None:
    register_indicator(*_project_defs(), *_land_defs(), *_structure_defs(), *_ledger_defs())
