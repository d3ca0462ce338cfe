"""Hot-path reads and inserts without the ORM's per-call SQL compilation.

On the API create path, compiling the same SELECTs and INSERTs again for every request cost
more CPU than everything else together (profiled with py-spy under `make bench`). These helpers
build a model's column list and INSERT statement once per process, run them on the real
connection, and turn rows into model instances with Django's own converters, so values are
exactly what a queryset would give. Use them only on measured hot paths; everything else
reads and writes through the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)
Converter = Callable[[Any, Any, Any], Any]


class Reader(Generic[M]):
    """Select a model's concrete columns (under a table alias) and build instances from rows."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self._converters: list[tuple[Any, list[Converter]]] | None = None
        self._columns: dict[str, str] = {}

    @property
    def width(self) -> int:
        return len(self.fields)

    def columns(self, alias: str) -> str:
        cols = self._columns.get(alias)
        if cols is None:
            qn = connection.ops.quote_name
            cols = self._columns[alias] = ", ".join(f"{alias}.{qn(f.column)}" for f in self.fields)
        return cols

    def _field_converters(self) -> list[tuple[Any, list[Converter]]]:
        if self._converters is None:
            out = []
            for f in self.fields:
                col = f.get_col(self.model._meta.db_table)
                out.append((col, connection.ops.get_db_converters(col) + col.get_db_converters(connection)))
            self._converters = out
        return self._converters

    def build(self, row: Sequence[Any], start: int = 0) -> M:
        """The instance from `row[start:start + width]`, converted as a queryset would."""
        values = list(row[start : start + self.width])
        for i, (col, convs) in enumerate(self._field_converters()):
            for conv in convs:
                values[i] = conv(values[i], col, connection)
        return self.model.from_db(connection.alias, self.attnames, values)


_insert_sql: dict[type[models.Model], tuple[str, list[models.Field[Any, Any]]]] = {}


def insert(obj: models.Model) -> None:
    """INSERT a new instance in one precompiled statement and set its primary key.

    Values are prepared exactly as `Model.save()` prepares them (`pre_save`, then
    `get_db_prep_save`), so `auto_now` fields and encrypted fields behave the same. No signals
    are sent: use it only for models without save hooks or receivers (append-only rows).
    """
    if obj.pk is not None:
        raise ValueError("insert() only adds new rows")
    model = type(obj)
    compiled = _insert_sql.get(model)
    if compiled is None:
        meta = model._meta
        fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
        qn = connection.ops.quote_name
        sql = (
            f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)})"
            f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {qn(meta.pk.column)}"
        )
        compiled = _insert_sql[model] = (sql, fields)
    sql, fields = compiled
    params = []
    for f in fields:
        value = f.pre_save(obj, True)
        # NULL needs no preparing (a third of a case's columns are empty at intake).
        params.append(None if value is None and f.null else f.get_db_prep_save(value, connection))
    with connection.cursor() as cur:
        cur.execute(sql, params)
        obj.pk = cur.fetchone()[0]
    obj._state.adding = False
    obj._state.db = connection.alias
