"""Gap-free numbering per jurisdiction, name and year, safe under concurrent writers."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from jiedao.cases.models import Sequence


def next_value(jurisdiction_id: int, name: str, year: int) -> int:
    """Take the next number. Must run inside the caller's transaction so a rollback frees it."""
    taken = _increment(jurisdiction_id, name, year)
    if taken is not None:
        return taken
    try:
        with transaction.atomic():
            Sequence.objects.create(jurisdiction_id=jurisdiction_id, name=name, year=year, value=1)
            return 1
    except IntegrityError:
        # Another writer created the row first; its lock now orders us after it.
        taken = _increment(jurisdiction_id, name, year)
        assert taken is not None
        return taken


def _increment(jurisdiction_id: int, name: str, year: int) -> int | None:
    """One statement: bump and read back (UPDATE … RETURNING: SQLite ≥ 3.35 and PostgreSQL)."""
    table = connection.ops.quote_name(Sequence._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET value = value + 1 WHERE jurisdiction_id = %s AND name = %s AND year = %s"
            " RETURNING value",
            [jurisdiction_id, name, year],
        )
        row = cur.fetchone()
    return int(row[0]) if row else None
