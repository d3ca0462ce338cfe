"""Runs inside a Django process (`python -m bench.fixture <command>`) against the database that
JIEDAO_VAR_DIR points to, and prints one JSON object on stdout.

Commands:
- ``setup``: one jurisdiction with ``config/default``, 4 communities × 5 grids, a dispatcher with an
  API token and a logged-in session, a grid worker;
- ``generate N``: N events bulk-inserted (see bench.generate), then ANALYZE;
- ``urls``: the read URLs that exist right now (the page URLs appear once they resolve).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from jiedao.core.actions import import_grids  # noqa: E402
from jiedao.core.api.tokens import create_token  # noqa: E402
from jiedao.core.config import load_config  # noqa: E402
from jiedao.core.models import Category, Jurisdiction, Role, RoleAssignment, User  # noqa: E402

STEP = 0.01
ORIGIN = (120.60, 27.95)  # south-west corner (lng, lat) of the grid block
COMMUNITIES = [("C1", "东湖社区"), ("C2", "西山村"), ("C3", "南塘社区"), ("C4", "北岙村")]
GRIDS_PER_COMMUNITY = 5
PASSWORD = "bench-pass-12345"


def grid_layout() -> list[dict[str, Any]]:
    """Grid features: one row of five 0.01° squares per community."""
    out = []
    for row, (ccode, cname) in enumerate(COMMUNITIES):
        for col in range(GRIDS_PER_COMMUNITY):
            lng, lat = ORIGIN[0] + col * STEP, ORIGIN[1] + row * STEP
            ring = [[lng, lat], [lng + STEP, lat], [lng + STEP, lat + STEP], [lng, lat + STEP], [lng, lat]]
            code = f"{ccode}G{col + 1}"
            props = {
                "code": code,
                "name": f"{cname}第{col + 1}网格",
                "community_code": ccode,
                "community_name": cname,
            }
            out.append(
                {
                    "type": "Feature",
                    "properties": props,
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    return out


def setup() -> dict[str, Any]:
    jur = Jurisdiction.objects.create(code="bench-jd", name="压测街道", case_prefix="YC")
    load_config(jur, "default")
    import_grids(
        acting_user=None,
        jurisdiction=jur,
        feature_collection={"type": "FeatureCollection", "features": grid_layout()},
        source="bench",
    )
    dispatcher = User.objects.create_user(
        username="bench_dispatcher", password=PASSWORD, display_name="压测受理员"
    )
    RoleAssignment.objects.create(user=dispatcher, role=Role.DISPATCHER, jurisdiction=jur)
    worker = User.objects.create_user(
        username="bench_grid_worker", password=PASSWORD, display_name="压测网格员"
    )
    first_grid = jur.grids.order_by("code").first()
    RoleAssignment.objects.create(user=worker, role=Role.GRID_WORKER, jurisdiction=jur, grid=first_grid)
    token = create_token(acting_user=None, user=dispatcher, name="bench")
    client = Client()
    client.force_login(dispatcher)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    lat = ORIGIN[1] + STEP / 2
    lng = ORIGIN[0] + STEP / 2
    leaf = Category.objects.filter(jurisdiction=jur, children__isnull=True).order_by("id").first()
    grid = jur.grids.order_by("code").first()
    return {
        "jurisdiction": jur.pk,
        "category": leaf.pk if leaf else None,
        "grid": grid.pk if grid else None,
        "community": grid.community_id if grid else None,
        "token": token,
        "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
        "point": [lat, lng],
        "grids": jur.grids.count(),
    }


def urls() -> dict[str, Any]:
    found: dict[str, str] = {}
    for name in ("events:list", "events:dashboard"):
        try:
            found[name] = reverse(name)
        except NoReverseMatch:
            continue
    return {"pages": found}


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "setup":
        result = setup()
    elif command == "urls":
        result = urls()
    elif command == "snapshots":
        # What the task consumer does every two minutes: count the dashboards live.
        from time import perf_counter

        from jiedao.events.snapshots import refresh_snapshots

        t0 = perf_counter()
        written = refresh_snapshots()
        result = {"snapshots": written, "seconds": round(perf_counter() - t0, 2)}
    elif command == "generate":
        from bench.generate import generate

        result = generate(int(argv[1]))
    else:
        print("usage: python -m bench.fixture setup|urls|snapshots|generate N", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
