"""Django's SQLite backend, remembering how each query's placeholders convert.

Django writes queries with `%s` placeholders and, on SQLite, turns them into `?` with a regular
expression on every execution. For the long INSERTs of event creation that was 5% of the
request (py-spy under `make bench`). Here the conversion of each distinct query string is
remembered per process; long strings (bulk inserts, rarely repeated verbatim) are converted
each time as before. Everything else is Django's backend unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from django.db.backends.sqlite3 import base

CACHED_QUERY_LENGTH = 8192


@lru_cache(maxsize=2048)
def _qmark(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is None and len(query) <= CACHED_QUERY_LENGTH:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)  # type: ignore[misc]  # not in stubs


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> CursorWrapper:
        return self.connection.cursor(factory=CursorWrapper)
