"""The event detail page's action forms: the shared specs, with the category field of 受理,
自办自结 and 派发 drawn as the jurisdiction's category tree and pre-filled — the case's own
category, else the keyword suggestion for its title and description."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from jiedao.cases import pages
from jiedao.cases.models import Case
from jiedao.core.models import User
from jiedao.events import categories
from jiedao.events.forms import category_choices


def suggested_category(case: Case) -> str:
    """The category the form offers: the case's own, else the best keyword match, else none."""
    if case.category_id is not None:
        return str(case.category_id)
    found = categories.suggest([case.jurisdiction_id], f"{case.title} {case.description}", limit=1)
    return str(found[0].pk) if found else ""


def action_specs(user: User, case: Case, posted: Mapping[str, Any] | None = None) -> list[pages.ActionSpec]:
    specs = pages.action_specs(user, case, posted)
    wanted = [f for s in specs for f in s.fields if f.name == "category"]
    if not wanted:
        return specs
    choices = category_choices({case.jurisdiction_id})
    initial = suggested_category(case)
    for spec in specs:
        for f in spec.fields:
            if f.name == "category":
                f.label, f.widget, f.required = _("事件分类"), "grouped", True
                f.choices = choices
                if not spec.open:
                    f.initial = initial
    return specs
