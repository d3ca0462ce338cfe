"""`{% cell column case %}`: a text column's value for one row of a kind's list ("—" when empty)."""

from __future__ import annotations

from typing import Any

from django import template

from jiedao.cases.surface import Column

register = template.Library()


@register.simple_tag
def cell(column: Column, case: Any) -> Any:
    value = column.value(case) if column.value is not None else None
    return "—" if value in (None, "") else value
