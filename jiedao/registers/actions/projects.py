"""Project and land parcel actions: create, update, plan, move stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput
from jiedao.core.models import Community, Department, Tag, User
from jiedao.registers.access import LAND, PROJECTS, home_jurisdiction
from jiedao.registers.actions import base
from jiedao.registers.actions.checks import positive, required, same_jurisdiction, staff_of, tag_in_set
from jiedao.registers.models import (
    SECTOR_TAG_SET,
    SOURCE_TAG_SET,
    LandParcel,
    ParcelMilestone,
    Project,
    ProjectKind,
    ProjectMilestone,
)
from jiedao.registers.stages import LAND as LAND_FLOW
from jiedao.registers.stages import PROJECT_FLOWS

PROJECT_FIELDS = [
    "name", "kind", "sector", "source", "investment", "leader", "department", "community", "stage",
    "note", "version",
]  # fmt: skip
PARCEL_FIELDS = ["name", "community", "area_mu", "department", "stage", "note", "version"]


@dataclass(kw_only=True)
class ProjectInput:
    """What a form, the API or an import row submits for a project."""

    name: str
    kind: str = ProjectKind.INVESTMENT
    sector: Tag | None = None
    source: Tag | None = None
    investment: Decimal | None = Decimal(0)
    leader: User | None = None
    department: Department | None = None
    community: Community | None = None
    parcels: list[LandParcel] = field(default_factory=list)
    note: str = ""
    dates: dict[str, date | None] = field(default_factory=dict)  # at creation: stage → actual date


@dataclass(kw_only=True)
class ParcelInput:
    """What a form, the API or an import row submits for a land parcel."""

    name: str
    community: Community | None
    area_mu: Decimal | None
    department: Department | None = None
    note: str = ""
    dates: dict[str, date | None] = field(default_factory=dict)


def _apply_project(project: Project, data: ProjectInput) -> None:
    jur = project.jurisdiction_id
    project.name = required(data.name, "name", _("项目名称"), 120)
    project.investment = positive(data.investment, "investment", _("投资额"), allow_zero=True)
    tag_in_set(data.sector, SECTOR_TAG_SET, jur, "sector")
    tag_in_set(data.source, SOURCE_TAG_SET, jur, "source")
    for value, name in ((data.department, "department"), (data.community, "community")):
        same_jurisdiction(value, jur, name)
    for parcel in data.parcels:
        same_jurisdiction(parcel, jur, "parcels")
    staff_of(data.leader, jur, "leader")
    project.sector, project.source, project.leader = data.sector, data.source, data.leader
    project.department, project.community = data.department, data.community
    project.note = data.note.strip()


def _parcel_ids(project: Project) -> dict[str, Any]:
    return {"parcels": sorted(p.pk for p in project.parcels.all())}


def validate_new_project(jurisdiction_id: int, data: ProjectInput) -> tuple[Project, list[ProjectMilestone]]:
    """An unsaved, fully checked project and its milestones (imports check every row this way)."""
    if data.kind not in PROJECT_FLOWS:
        raise InvalidInput(_("项目类型无效。"), field="kind")
    flow = PROJECT_FLOWS[data.kind]
    project = Project(jurisdiction_id=jurisdiction_id, kind=data.kind)
    _apply_project(project, data)
    return project, base.staged(project, flow, data.dates, ProjectMilestone)


def create_project(*, acting_user: User, data: ProjectInput) -> Project:
    project, milestones = validate_new_project(home_jurisdiction(acting_user, PROJECTS), data)
    return base.create(
        project,
        acting_user=acting_user,
        access=PROJECTS,
        fields=PROJECT_FIELDS,
        milestones=milestones,
        after_save=lambda: project.parcels.set(data.parcels),
    )


def update_project(
    *, acting_user: User, project: Project, data: ProjectInput, expected_version: int | None
) -> Project:
    def apply(p: Project) -> None:
        _apply_project(p, data)
        p.parcels.set(data.parcels)

    return base.update(
        project,
        acting_user=acting_user,
        access=PROJECTS,
        expected_version=expected_version,
        fields=PROJECT_FIELDS,
        apply=apply,
        extra=_parcel_ids,
    )


def _apply_parcel(parcel: LandParcel, data: ParcelInput) -> None:
    parcel.name = required(data.name, "name", _("地块名称"), 120)
    if data.community is None:
        raise InvalidInput(_("请选择所在村社。"), field="community")
    same_jurisdiction(data.community, parcel.jurisdiction_id, "community")
    same_jurisdiction(data.department, parcel.jurisdiction_id, "department")
    parcel.area_mu = positive(data.area_mu, "area_mu", _("面积（亩）"))
    parcel.community, parcel.department = data.community, data.department
    parcel.note = data.note.strip()


def validate_new_parcel(jurisdiction_id: int, data: ParcelInput) -> tuple[LandParcel, list[ParcelMilestone]]:
    parcel = LandParcel(jurisdiction_id=jurisdiction_id)
    _apply_parcel(parcel, data)
    return parcel, base.staged(parcel, LAND_FLOW, data.dates, ParcelMilestone)


def create_parcel(*, acting_user: User, data: ParcelInput) -> LandParcel:
    parcel, milestones = validate_new_parcel(home_jurisdiction(acting_user, LAND), data)
    return base.create(
        parcel, acting_user=acting_user, access=LAND, fields=PARCEL_FIELDS, milestones=milestones
    )


def update_parcel(
    *, acting_user: User, parcel: LandParcel, data: ParcelInput, expected_version: int | None
) -> LandParcel:
    return base.update(
        parcel,
        acting_user=acting_user,
        access=LAND,
        expected_version=expected_version,
        fields=PARCEL_FIELDS,
        apply=lambda p: _apply_parcel(p, data),
    )
