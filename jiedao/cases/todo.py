"""The workbench's counts of one case kind (registered by each kind with `jiedao.core.todo`):
each is the kind's own list filter over the user's cases of the kind, and links to that list,
so a count and the list its link opens always agree; a source counts all of its numbers in one
query, and none when it has nothing to count."""

from __future__ import annotations

from django.urls import reverse

from jiedao.cases.queries import visible_cases
from jiedao.cases.surface import surface_of
from jiedao.core.models import User
from jiedao.core.todo import TodoItem, Want, counted


def kind_counts(user: User, kind: str, wants: list[Want]) -> list[TodoItem]:
    if not wants:
        return []
    surface = surface_of(kind)
    parse = surface.listing.filter.parse
    return counted(
        visible_cases(user, kind),
        wants,
        condition=lambda params: parse(params).condition(),
        url=reverse(f"{surface.slug}:list"),
    )
