"""A small demo jurisdiction with a fixed "now", so that the report's years are full years."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jiedao.core.models import Jurisdiction
from jiedao.demo.actions import DemoOptions, load_demo

YEAR = 2024  # the demo's "now" is 20 December 2024: 2024 and 2023 both hold events


@pytest.fixture
def demo(db: None, tmp_path: Path) -> Jurisdiction:
    options = DemoOptions(
        events=300,
        residents=60,
        places=20,
        organisations=5,
        seed=7,
        grids_file=None,
        now=datetime(YEAR, 12, 20, 9, 0, tzinfo=UTC),
    )
    load_demo(acting_user=None, options=options)
    return Jurisdiction.objects.get(code="jiangxin")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
