"""A small demo jurisdiction, made at a fixed moment so every run makes the same data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jiedao.demo.actions import DemoOptions, load_demo

# Monday 15 June 2026, 10:00 in Shanghai.
NOW = datetime(2026, 6, 15, 2, 0, tzinfo=UTC)


def small_options(tmp_path: Path, **kw: Any) -> DemoOptions:
    values: dict[str, Any] = {
        "events": 300,
        "residents": 150,
        "places": 60,
        "organisations": 8,
        "seed": 7,
        "grids_file": tmp_path / "grids.geojson",
        "now": NOW,
    }
    values.update(kw)
    return DemoOptions(**values)


@pytest.fixture
def small_demo(db: None, tmp_path: Path) -> dict[str, Any]:
    return load_demo(acting_user=None, options=small_options(tmp_path))
