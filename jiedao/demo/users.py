"""Demo users: one or more for every role, readable usernames, Chinese display names.

Every demo account shares the password `DEMO_PASSWORD` (demo only!). It is hashed once and the
same hash is stored for every account: hashing it fifty times would cost the demo ~20 seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password

from jiedao.core.models import (
    Community,
    Department,
    Grid,
    InspectionArea,
    Jurisdiction,
    Role,
    RoleAssignment,
    User,
)
from jiedao.demo.names import NameBook

DEMO_PASSWORD = "Jiedao#2026"


@dataclass
class DemoStaff:
    """The demo users by job, for the event generator to pick actors from."""

    admin: User
    leader: User
    dispatchers: list[User]
    handlers: dict[int, User]  # department id → handler
    grid_workers: dict[int, User]  # grid id → grid worker
    grid_leaders: dict[int, User]  # community id → grid leader
    others: list[User] = field(default_factory=list)


@dataclass
class _Spec:
    username: str
    role: str
    scope: dict[str, Any]
    superuser: bool = False
    reveal: bool = False


def planned_usernames(
    departments: list[Department], grids: list[Grid], communities: list[Community]
) -> list[str]:
    return [s.username for s in _specs(departments, grids, communities)]


def _specs(
    departments: list[Department],
    grids: list[Grid],
    communities: list[Community],
    area: InspectionArea | None = None,
) -> list[_Spec]:
    specs = [
        _Spec("admin", Role.ADMIN, {}, superuser=True, reveal=True),
        _Spec("leader", Role.LEADER, {}, reveal=True),
        _Spec("dispatcher1", Role.DISPATCHER, {}),
        _Spec("dispatcher2", Role.DISPATCHER, {}),
    ]
    specs += [_Spec(f"handler_{d.code}", Role.HANDLER, {"department": d}) for d in departments]
    specs += [_Spec(f"gridlead_{c.code}", Role.GRID_LEADER, {"community": c}) for c in communities]
    specs += [_Spec(f"grid_{g.code}", Role.GRID_WORKER, {"grid": g}) for g in grids]
    specs += [
        _Spec("mediator", Role.MEDIATOR, {}),
        _Spec("inspector", Role.INSPECTOR, {"inspection_area": area} if area else {}),
        _Spec("project_officer", Role.PROJECT_OFFICER, {}),
    ]
    return specs


def inspection_area(
    jurisdiction: Jurisdiction, communities: list[Community], grids: list[Grid]
) -> InspectionArea:
    """The demo inspector's 检查片区: the grids of the first two communities, so the demo shows
    an inspector reading part of the island only."""
    area = InspectionArea.objects.create(jurisdiction=jurisdiction, code="north", name="北片区")
    first = {c.pk for c in communities[:2]}
    area.grids.set([g for g in grids if g.community_id in first])
    return area


def make_staff(
    rng: random.Random,
    names: NameBook,
    jurisdiction: Jurisdiction,
    departments: list[Department],
    grids: list[Grid],
    communities: list[Community],
) -> DemoStaff:
    specs = _specs(departments, grids, communities, inspection_area(jurisdiction, communities, grids))
    hashed = make_password(DEMO_PASSWORD)
    seen: set[str] = set()
    users = []
    for spec in specs:
        name = names.person()
        while name in seen:
            name = names.person()
        seen.add(name)
        users.append(
            User(
                username=spec.username,
                password=hashed,
                display_name=name,
                is_staff=spec.superuser,
                is_superuser=spec.superuser,
            )
        )
    created = User.objects.bulk_create(users)
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=u, role=s.role, jurisdiction=jurisdiction, can_reveal_pii=s.reveal, **s.scope)
        for u, s in zip(created, specs, strict=True)
    )
    by_name = {u.username: u for u in created}
    return DemoStaff(
        admin=by_name["admin"],
        leader=by_name["leader"],
        dispatchers=[by_name["dispatcher1"], by_name["dispatcher2"]],
        handlers={d.pk: by_name[f"handler_{d.code}"] for d in departments},
        grid_workers={g.pk: by_name[f"grid_{g.code}"] for g in grids},
        grid_leaders={c.pk: by_name[f"gridlead_{c.code}"] for c in communities},
        others=[by_name["mediator"], by_name["inspector"], by_name["project_officer"]],
    )
