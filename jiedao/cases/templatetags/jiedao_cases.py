"""`{% cell column case %}`: a text column's value for one row of a kind's list ("—" when empty);
`{% badges column case as b %}`: the (label, css) flags a column draws after its content."""

from __future__ import annotations

from typing import Any

from django import template

from jiedao.cases.surface import Column

register = template.Library()


@register.simple_tag
def cell(column: Column, case: Any) -> Any:
    value = column.value(case) if column.value is not None else None
    return "—" if value in (None, "") else value


@register.simple_tag
def badges(column: Column, case: Any) -> list[tuple[str, str]]:
    return column.badges(case) if column.badges is not None else []
