"""The options of a register's filter bar: the reference rows (tags, types, communities, grids,
departments) of the jurisdictions where the user reads that register — their scope, read here
rather than in the list view (ARCHITECTURE rule 4)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jiedao.core.models import Community, Department, Grid, Tag, User
from jiedao.registers.access import jurisdiction_ids
from jiedao.registers.catalog import RegisterDef
from jiedao.registers.filters import DUE
from jiedao.registers.models import SECTOR_TAG_SET, SOURCE_TAG_SET, LedgerType, ProjectKind

Choice = tuple[str, Any, list[tuple[Any, str]]]


def filter_choices(user: User, rdef: RegisterDef) -> list[Choice]:
    """(parameter, label, options) for the selects of the filter bar."""
    jur_ids = jurisdiction_ids(user, rdef.access)
    fields = rdef.filter.exact
    out: list[Choice] = []
    if "kind" in fields:
        out.append(("kind", _("项目类型"), [(k, str(v)) for k, v in ProjectKind.choices]))
    if "stage" in fields:
        out.append(("stage", _("阶段"), [(k, str(v)) for k, v in rdef.stage_choices()]))
    if rdef.filter.dated == "milestones":
        out.append(("due", _("节点"), [(k, str(v)) for k, v in DUE.items()]))
    tags = Tag.objects.filter(jurisdiction_id__in=jur_ids)
    if "sector" in fields:
        out.append(("sector", _("产业领域"), [(t.pk, t.name) for t in tags.filter(tag_set=SECTOR_TAG_SET)]))
    if "source" in fields:
        out.append(("source", _("项目来源"), [(t.pk, t.name) for t in tags.filter(tag_set=SOURCE_TAG_SET)]))
    if "type" in fields:
        types = list(LedgerType.objects.filter(jurisdiction_id__in=jur_ids))
        out.append(("type", _("类型"), [(t.pk, t.name) for t in types]))
        levels = {lv["code"]: lv["name"] for t in types for lv in t.levels or []}
        out.append(("level", _("级别"), list(levels.items())))
    if "community" in fields:
        communities = Community.objects.filter(jurisdiction_id__in=jur_ids)
        out.append(("community", _("村社"), list(communities.values_list("pk", "name"))))
    if "grid" in fields:
        grids = Grid.objects.filter(jurisdiction_id__in=jur_ids, boundary_set__active=True)
        out.append(("grid", _("网格"), list(grids.values_list("pk", "name"))))
    if "department" in fields:
        depts = Department.objects.filter(jurisdiction_id__in=jur_ids)
        out.append(("department", _("部门"), list(depts.values_list("pk", "name"))))
    return out
