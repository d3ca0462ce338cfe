"""Finishing a data-key rotation: rewrite values still encrypted under a retired key."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model, TextField
from django.db.models.functions import Cast

from jiedao.core import crypto
from jiedao.core.audit import record
from jiedao.core.fields import EncryptedField
from jiedao.core.models import User
from jiedao.registry.models import Organisation, Resident

ENCRYPTED_MODELS: tuple[type[Model], ...] = (Resident, Organisation)


def _stale(token: str | None) -> bool:
    if not token:
        return False
    try:
        return crypto.needs_rotation(token)
    except crypto.DecryptionError:
        return False


def _stale_pks(model: type[Model], fields: list[str]) -> list[int]:
    raw = {f"raw_{name}": Cast(name, TextField()) for name in fields}
    rows = model._default_manager.annotate(**raw).order_by("pk").values("pk", *raw)
    return [row["pk"] for row in rows if any(_stale(row[key]) for key in raw)]


def reencrypt_personal_data(*, acting_user: User | None, batch_size: int = 500) -> int:
    """Re-encrypt every record holding a value under a non-primary key; returns how many were rewritten.

    Run after putting a new key first in DATA_KEYS; once it returns 0 the old key can be removed.
    Values and versions do not change, so each record gets a "rekey" audit entry without values.
    """
    total = 0
    for model in ENCRYPTED_MODELS:
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedField)]
        pks = _stale_pks(model, fields)
        for start in range(0, len(pks), batch_size):
            chunk = pks[start : start + batch_size]
            with transaction.atomic():
                for obj in model._default_manager.select_for_update().filter(pk__in=chunk):
                    obj.save(update_fields=fields)
                    record(obj, "rekey", acting_user=acting_user, after={"fields": fields})
            total += len(chunk)
    return total
