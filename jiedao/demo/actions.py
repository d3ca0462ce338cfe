"""Loading the demo jurisdiction 江心岛街道: the one write of this app, all in one transaction.

Configuration and grids go through the real actions (`create_jurisdiction` → `load_config`,
`import_grids`), so the same validation runs; the bulk rows (people, places, events) are built
in Python and bulk-created, and one audit entry ("demo_load") summarises them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases.kinds import get_kind
from jiedao.core.actions import create_jurisdiction, import_grids
from jiedao.core.audit import record
from jiedao.core.models import Category, Community, Department, Grid, Jurisdiction, SLAPolicy, Tag, User
from jiedao.demo import eventload, people
from jiedao.demo.extensions import DemoContext, run_extensions
from jiedao.demo.geometry import PointSampler, grid_feature_collection
from jiedao.demo.names import NameBook
from jiedao.demo.users import DemoStaff, make_staff, planned_usernames
from jiedao.demo.walk import Context
from jiedao.registry.models import PLACE_KIND_TAG_SET

CODE = "jiangxin"
NAME = "江心岛街道"
PREFIX = "JX"
CONFIG = "default"
# Place kinds: the registry's own tag set if a configuration provides it, else the default's.
PLACE_TAG_SETS = (PLACE_KIND_TAG_SET, "place_type")
VILLAGE_SUFFIX = "村"


def default_grids_file() -> Path:
    return Path(settings.BASE_DIR) / "config" / "demo" / "grids.geojson"


@dataclass(kw_only=True)
class DemoOptions:
    """How much demo data to make, from which seed, and where to write the grid file."""

    events: int = 20000
    residents: int = 5000
    places: int = 2000
    organisations: int = 100
    seed: int = 2022
    grids_file: Path | None = None
    now: datetime | None = None


def _check(options: DemoOptions) -> None:
    errors = []
    for label, value, high in (
        (_("事件数"), options.events, 200_000),
        (_("居民数"), options.residents, 200_000),
        (_("场所数"), options.places, 100_000),
        (_("组织数"), options.organisations, 10_000),
    ):
        if not 0 <= value <= high:
            errors.append(_("%(label)s须在0至%(high)d之间。") % {"label": label, "high": high})
    if Jurisdiction.objects.filter(code=CODE).exists():
        errors.append(_("演示街道（代码 %(code)s）已存在。") % {"code": CODE})
    if errors:
        raise ValidationError(errors)


def _walk_context(jur: Jurisdiction, staff: DemoStaff) -> tuple[Context, list[Category]]:
    departments = list(Department.objects.filter(jurisdiction=jur).order_by("code"))
    cats = list(
        Category.objects.filter(jurisdiction=jur).select_related("default_department").order_by("code")
    )
    parents = {c.parent_id for c in cats}
    fallback = next((d for d in departments if d.code == "governance_center"), departments[0])
    ctx = Context(
        kind=get_kind("event"),
        staff=staff,
        departments=departments,
        fallback_department=fallback,
        category_parent={c.pk: c.parent_id for c in cats},
        category_code={c.pk: c.code for c in cats},
        category_department={c.pk: c.default_department for c in cats if c.default_department is not None},
        policies={(p.category_id, p.urgency): p for p in SLAPolicy.objects.filter(jurisdiction=jur)},
    )
    return ctx, [c for c in cats if c.pk not in parents]


def load_demo(*, acting_user: User | None, options: DemoOptions) -> dict[str, Any]:
    """Create 江心岛街道 with grids, staff, registry and two years of events; returns the counts.

    Raises ValidationError (and writes nothing) for bad options, an existing demo jurisdiction
    or demo usernames already taken.
    """
    _check(options)
    now = options.now or timezone.now()
    rng = random.Random(options.seed)
    names = NameBook(rng)
    collection = grid_feature_collection()
    with transaction.atomic():
        jur = create_jurisdiction(acting_user=acting_user, code=CODE, name=NAME, config=CONFIG, prefix=PREFIX)
        import_grids(acting_user=acting_user, jurisdiction=jur, feature_collection=collection, source="demo")
        grids = list(Grid.objects.filter(jurisdiction=jur, boundary_set__active=True).order_by("code"))
        communities = list(Community.objects.filter(jurisdiction=jur).order_by("code"))
        departments = list(Department.objects.filter(jurisdiction=jur).order_by("code"))
        taken = sorted(
            User.objects.filter(username__in=planned_usernames(departments, grids, communities)).values_list(
                "username", flat=True
            )
        )
        if taken:
            raise ValidationError(_("以下演示用户名已被占用：%(names)s") % {"names": "、".join(taken)})
        staff = make_staff(rng, names, jur, departments, grids, communities)
        called = {c.pk: c.name for c in communities}
        np_rng = np.random.default_rng(options.seed)
        infos = [
            people.GridInfo(g, called[g.community_id], called[g.community_id].endswith(VILLAGE_SUFFIX),
                            PointSampler(g.geometry, np_rng))
            for g in grids
        ]  # fmt: skip
        pool = people.tag_pool(jur)
        counts: dict[str, Any] = {"grids": len(grids), "communities": len(communities)}
        counts["users"] = 4 + len(staff.handlers) + len(staff.grid_workers) + len(staff.grid_leaders)
        counts["users"] += len(staff.others)
        counts.update(people.make_households(rng, names, infos, options.residents, pool, now.date()))
        kinds = {}
        for tag_set in reversed(PLACE_TAG_SETS):
            kinds.update({t.code: t for t in Tag.objects.filter(jurisdiction=jur, tag_set=tag_set)})
        counts["places"] = len(people.make_places(rng, names, infos, options.places, kinds))
        counts["organisations"] = people.make_organisations(rng, names, infos, options.organisations)
        ctx, leaves = _walk_context(jur, staff)
        source = eventload.EventSource(jurisdiction=jur, grids=infos, leaves=leaves, ctx=ctx, now=now)
        drafts = eventload.draft_events(rng, names, source, options.events)
        counts.update(eventload.save_events(drafts, source))
        ext = DemoContext(
            jurisdiction=jur, rng=rng, names=names, staff=staff, now=now, acting_user=acting_user,
            grids=grids, communities=communities, departments=departments,
        )  # fmt: skip
        counts["extensions"] = run_extensions(ext)
        record(jur, "demo_load", acting_user=acting_user, after={"seed": options.seed, **counts})
    if options.grids_file is not None:
        write_grid_file(options.grids_file, collection)
    return counts


def write_grid_file(path: Path, collection: dict[str, Any]) -> bool:
    """Write the demo grids as GeoJSON (one feature per line); False when the file is already current."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    head = json.dumps({k: v for k, v in collection.items() if k != "features"}, ensure_ascii=False)
    text = head[:-1] + ', "features": [\n' + ",\n".join(lines) + "\n]}\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
