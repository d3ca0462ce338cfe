"""Integers read from a request: only values every database column takes reach a query.

SQLite and PostgreSQL both store at most a signed 64-bit integer; a larger Python int raises
OverflowError (SQLite) or a DataError (PostgreSQL) inside the query. Lists read their filters
leniently, so an out-of-range value there is simply no value; the API refuses it (422).
"""

from __future__ import annotations

from typing import Any

DB_INT_MIN = -(2**63)
DB_INT_MAX = 2**63 - 1


def in_range(value: int) -> bool:
    return DB_INT_MIN <= value <= DB_INT_MAX


def parse_int(value: Any) -> int | None:
    """`value` as an integer a query may take; None for blank, malformed or out of range."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if len(text) > 24:  # no 64-bit integer is this long (and int() of a long text is slow)
            return None
        try:
            number = int(text)
        except ValueError:
            return None
    return number if in_range(number) else None


# The last page number a list answers: far beyond any capped count, and (page - 1) * size stays
# an OFFSET every database takes.
PAGE_MAX = 100_000
