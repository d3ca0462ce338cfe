"""Demo data contributed by other apps: `jiedao/<app>/demo_data.py` with `load(ctx) -> counts`.

The demo loader calls each app's `load` in INSTALLED_APPS order, inside its own transaction,
after the people, places and events exist. The counts it returns (label → number) are printed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps

from jiedao.core.models import Community, Department, Grid, Jurisdiction, User
from jiedao.demo.names import NameBook
from jiedao.demo.users import DemoStaff


@dataclass
class DemoContext:
    jurisdiction: Jurisdiction
    rng: random.Random
    names: NameBook
    staff: DemoStaff
    now: datetime
    acting_user: User | None
    grids: list[Grid]
    communities: list[Community]
    departments: list[Department]


def _modules() -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("jiedao.") or config.name == "jiedao.demo":
            continue
        name = f"{config.name}.demo_data"
        if find_spec(name) is not None:
            yield import_module(name)


def run_extensions(ctx: DemoContext) -> dict[str, int]:
    """Every app's demo data; returns the printed counts (label → number)."""
    counts: dict[str, int] = {}
    for module in _modules():
        counts.update(module.load(ctx))
    return counts
