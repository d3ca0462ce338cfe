"""The event category tree as intake and the 受理/派发 forms read it: one category (with its
platform) by id, cached per process, and the keyword suggestion for a text.

A category is configuration (`config/<set>/platforms.json`); its keywords are the office's own
words for it (“路灯”, “噪音扰民”), so the suggestion is a plain substring match of those words.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput
from jiedao.core.models import Category, Platform
from jiedao.core.rows import Reader

_CATEGORY = Reader(Category)
_PLATFORM = Reader(Platform)
SUGGESTIONS = 3


@cache
def _category_sql() -> str:
    qn = connection.ops.quote_name
    return (
        f"SELECT {_CATEGORY.columns('c')}, {_PLATFORM.columns('p')} FROM {qn(Category._meta.db_table)} c"
        f" JOIN {qn(Platform._meta.db_table)} p ON p.id = c.platform_id"
        " WHERE c.jurisdiction_id = %s AND c.id = %s"
    )


# A process reuses the category and platform row it read for this long. The category tree is
# configuration: an edit saved in this process clears the cache at once (signals, see
# `apps.py`), other processes pick it up within this many seconds.
CATEGORY_TTL = 30.0
_category_rows: dict[tuple[int, int], tuple[float, tuple[Any, ...]]] = {}


def forget_categories(**_signal: Any) -> None:
    _category_rows.clear()


def _category_row(jurisdiction_id: int, pk: int) -> tuple[Any, ...] | None:
    cached = _category_rows.get((jurisdiction_id, pk))
    if cached is not None and time.monotonic() - cached[0] < CATEGORY_TTL:
        return cached[1]
    with connection.cursor() as cur:
        cur.execute(_category_sql(), [jurisdiction_id, pk])
        row = cur.fetchone()
    if row is not None:
        _category_rows[(jurisdiction_id, pk)] = (time.monotonic(), tuple(row))
    return row


def category_of(jurisdiction_id: int, raw: Any) -> Category:
    """The jurisdiction's category `raw` with its platform: one precompiled query, then cached."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        pk = 0
    if not 0 < pk < 2**63:  # beyond any id: the ORM would match nothing, the driver would overflow
        raise InvalidInput(_("事件分类不存在。"), field="category")
    row = _category_row(jurisdiction_id, pk)
    if row is None:
        raise InvalidInput(_("事件分类不存在。"), field="category")
    category = _CATEGORY.build(row)
    category.platform = _PLATFORM.build(row, _CATEGORY.width)
    return category


def keywords(category: Category) -> list[str]:
    return [k.strip() for k in category.keywords.replace("，", ",").split(",") if k.strip()]


def suggest(jurisdiction_ids: Iterable[int], text: str, limit: int = SUGGESTIONS) -> list[Category]:
    """Up to `limit` categories whose keywords occur in `text`, most hits first (one query)."""
    text = text[:5000]
    if not text.strip():
        return []
    found: list[tuple[int, Category]] = []
    cats = Category.objects.filter(jurisdiction_id__in=list(jurisdiction_ids)).exclude(keywords="")
    for c in cats.select_related("platform"):
        hits = sum(1 for k in keywords(c) if k in text)
        if hits:
            found.append((hits, c))
    found.sort(key=lambda s: (-s[0], s[1].code))
    return [c for _hits, c in found[:limit]]


def category_choices(jurisdiction_ids: set[int] | None) -> list[tuple[Any, Any]]:
    """Categories grouped by platform (an <optgroup> each); children show their parent's name."""
    qs = Category.objects.select_related("platform", "parent").order_by("platform__order", "code")
    if jurisdiction_ids is not None:
        qs = qs.filter(jurisdiction_id__in=jurisdiction_ids)
    groups: dict[str, list[tuple[str, str]]] = {}
    for c in qs:
        label = f"{c.parent.name} / {c.name}" if c.parent else c.name
        groups.setdefault(c.platform.name, []).append((str(c.pk), label))
    return list(groups.items())


def suggested(case: Any) -> str:
    """The category an action form offers: the case's own, else the best keyword match, else none."""
    if case.category_id is not None:
        return str(case.category_id)
    found = suggest([case.jurisdiction_id], f"{case.title} {case.description}", limit=1)
    return str(found[0].pk) if found else ""
