"""拆违 actions: create and update an illegal structure (stage moves go through base.move_stage)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput
from jiedao.core.geo import locate_grid, validate_point
from jiedao.core.models import Community, Grid, User
from jiedao.registers.access import STRUCTURES, home_jurisdiction
from jiedao.registers.actions import base
from jiedao.registers.actions.checks import positive, required, same_jurisdiction
from jiedao.registers.models import IllegalStructure, StructureMilestone
from jiedao.registers.stages import STRUCTURE

STRUCTURE_FIELDS = [
    "address", "community", "grid", "lat", "lng", "area_m2", "description", "notice_deadline", "stage",
    "version",
]  # fmt: skip


@dataclass(kw_only=True)
class StructureInput:
    """What a form or the API submits for an illegal structure; a point finds its grid."""

    address: str
    area_m2: Decimal | None
    community: Community | None = None
    grid: Grid | None = None
    lat: float | None = None
    lng: float | None = None
    description: str = ""
    notice_deadline: date | None = None
    dates: dict[str, date | None] = field(default_factory=dict)


def _apply(obj: IllegalStructure, data: StructureInput) -> None:
    obj.address = required(data.address, "address", _("地址"))
    obj.area_m2 = positive(data.area_m2, "area_m2", _("面积（平方米）"))
    grid = data.grid
    if (data.lat is None) != (data.lng is None):
        raise InvalidInput(_("经纬度须同时填写。"), field="lat")
    if data.lat is not None:
        try:
            lat, lng = validate_point(data.lat, data.lng)
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], field="lat") from None
        located = locate_grid(obj.jurisdiction_id, lat, lng)
        if grid is None:
            grid = located
        obj.lat, obj.lng = lat, lng
    else:
        obj.lat = obj.lng = None
    same_jurisdiction(grid, obj.jurisdiction_id, "grid")
    same_jurisdiction(data.community, obj.jurisdiction_id, "community")
    if grid is not None and data.community is not None and grid.community_id != data.community.pk:
        raise InvalidInput(_("所选网格不属于所选村社。"), field="grid")
    community = grid.community if grid is not None else data.community
    if community is None:
        raise InvalidInput(_("请选择村社或网格，或填写坐标。"), field="community")
    obj.community, obj.grid = community, grid
    obj.description = data.description.strip()
    obj.notice_deadline = data.notice_deadline


def create_structure(*, acting_user: User, data: StructureInput) -> IllegalStructure:
    obj = IllegalStructure(jurisdiction_id=home_jurisdiction(acting_user, STRUCTURES))
    _apply(obj, data)
    milestones = base.staged(obj, STRUCTURE, data.dates, StructureMilestone)
    return base.create(
        obj, acting_user=acting_user, access=STRUCTURES, fields=STRUCTURE_FIELDS, milestones=milestones
    )


def update_structure(
    *, acting_user: User, structure: IllegalStructure, data: StructureInput, expected_version: int | None
) -> IllegalStructure:
    return base.update(
        structure,
        acting_user=acting_user,
        access=STRUCTURES,
        expected_version=expected_version,
        fields=STRUCTURE_FIELDS,
        apply=lambda s: _apply(s, data),
    )
