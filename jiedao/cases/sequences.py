"""Gap-free numbering per jurisdiction, name and year, safe under concurrent writers."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from jiedao.cases.models import Sequence


def next_value(jurisdiction_id: int, name: str, year: int) -> int:
    """Take the next number. Must run inside the caller's transaction so a rollback frees it."""
    rows = Sequence.objects.filter(jurisdiction_id=jurisdiction_id, name=name, year=year)
    if not rows.update(value=F("value") + 1):
        try:
            with transaction.atomic():
                Sequence.objects.create(jurisdiction_id=jurisdiction_id, name=name, year=year, value=1)
                return 1
        except IntegrityError:
            rows.update(value=F("value") + 1)
    return rows.values_list("value", flat=True).get()
