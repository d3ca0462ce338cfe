"""Django's SQLite backend, remembering how each query's placeholders convert.

Django writes queries with `%s` placeholders and, on SQLite, turns them into `?` with a regular
expression on every execution. For the long INSERTs of event creation that was 5% of the
request (py-spy under `make bench`). Here Django's own conversion of each distinct query string
is remembered per process; long strings (bulk inserts, rarely repeated verbatim) and named
placeholders are converted each time as before. Everything else is Django's backend unchanged.
"""

from __future__ import annotations

from django.db.backends.sqlite3 import base

CACHED_QUERY_LENGTH = 8192
CACHED_QUERIES = 2048  # distinct statements remembered; the cache starts afresh beyond that

_converted: dict[str, str] = {}


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is not None or len(query) > CACHED_QUERY_LENGTH:
            return super().convert_query(query, param_names=param_names)  # type: ignore[misc]  # not in stubs
        converted = _converted.get(query)
        if converted is None:
            if len(_converted) >= CACHED_QUERIES:
                _converted.clear()
            converted = _converted[query] = super().convert_query(query)  # type: ignore[misc]
        return converted


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> CursorWrapper:
        return self.connection.cursor(factory=CursorWrapper)
