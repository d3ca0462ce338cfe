"""Writing and reading the audit log. Called by action functions inside their transaction."""

from __future__ import annotations

from typing import Any, TypedDict, Unpack

from django.db import models

from jiedao.core.middleware import current_request_id
from jiedao.core.models import AuditEntry, User


def object_type(obj: models.Model) -> str:
    return obj._meta.label_lower


class EntryFields(TypedDict, total=False):
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    jurisdiction_id: int | None


def record(
    obj: models.Model, action: str, *, acting_user: User | None, **fields: Unpack[EntryFields]
) -> AuditEntry:
    """Append one audit entry for `obj`. Values must already be JSON-safe and masked."""
    row = entry(obj, action, acting_user=acting_user, **fields)
    row.save()
    return row


def entry(
    obj: models.Model,
    action: str,
    *,
    acting_user: User | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    jurisdiction_id: int | None = None,
) -> AuditEntry:
    """The unsaved audit entry `record` appends (for callers that insert it themselves)."""
    if jurisdiction_id is None:
        jurisdiction_id = getattr(obj, "jurisdiction_id", None)
    return AuditEntry(
        user=acting_user if acting_user and acting_user.pk else None,
        request_id=current_request_id.get(),
        action=action,
        object_type=object_type(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        jurisdiction_id=jurisdiction_id,
        before=before,
        after=after,
    )


def record_created(objs: list[models.Model], *, acting_user: User | None, fields: list[str]) -> None:
    """Append one "create" entry per freshly bulk-created object, in one insert."""
    AuditEntry.objects.bulk_create(
        entry(obj, "create", acting_user=acting_user, after=snapshot(obj, fields)) for obj in objs
    )


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=object_type(obj), object_id=str(obj.pk)).select_related(
        "user"
    )


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """JSON-safe view of selected fields (FKs by id; protected values by their masked text)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        value = getattr(obj, attname)
        if value is None or isinstance(value, bool | int | float | str | list | dict):
            out[name] = value
        else:
            out[name] = str(value)
    return out
