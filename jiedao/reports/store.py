"""Which template a jurisdiction's report uses: its own, else the shared one seeded from the repo."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings

from jiedao.core.models import Jurisdiction
from jiedao.reports.layout import Layout, parse_layout
from jiedao.reports.models import ReportTemplate

DEFAULT_NAME = "default"


def default_template_file() -> Path:
    return Path(settings.BASE_DIR) / "config" / "reports" / f"{DEFAULT_NAME}.json"


def template_for(jurisdiction: Jurisdiction) -> ReportTemplate:
    """The jurisdiction's template; the shared one is created from the repo file on first use."""
    own = ReportTemplate.objects.filter(jurisdiction=jurisdiction).first()
    if own is not None:
        return own
    shared = ReportTemplate.objects.filter(jurisdiction=None, name=DEFAULT_NAME).first()
    if shared is None:
        body = json.loads(default_template_file().read_text(encoding="utf-8"))
        shared, _created = ReportTemplate.objects.get_or_create(
            jurisdiction=None, name=DEFAULT_NAME, defaults={"body": body}
        )
    return shared


def layout_for(jurisdiction: Jurisdiction) -> Layout:
    return parse_layout(template_for(jurisdiction).body)
