"""Per-object audit history for people: each app registers how a user may fetch its objects,
so the history page answers 404 exactly where the object's own pages do."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.http import Http404

from jiedao.core import audit
from jiedao.core.models import AuditEntry, User

Fetch = Callable[[User, str], models.Model | None]
_FETCHERS: dict[str, Fetch] = {}


def register(object_type: str, fetch: Fetch) -> None:
    """`object_type` is the model's label_lower, e.g. "cases.case"."""
    _FETCHERS[object_type] = fetch


def history_for(
    user: User, object_type: str, object_id: str
) -> tuple[models.Model, models.QuerySet[AuditEntry]]:
    fetch = _FETCHERS.get(object_type)
    obj = fetch(user, object_id) if fetch is not None and object_id.isdigit() else None
    if obj is None:
        raise Http404
    return obj, audit.history(obj)
