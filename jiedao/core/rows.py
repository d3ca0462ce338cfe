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


# Field classes whose save preparation on SQLite returns a value of exactly this Python type
# unchanged (Field.get_db_prep_save → get_prep_value → to_python, then the backend's adapt_*):
# passing such values straight through skips ~5 calls per column on the hot create path.
# PostgreSQL wraps integers for psycopg, so there every value takes Django's own path.
_IDENTITY_ON_SQLITE: dict[type[models.Field[Any, Any]], type] = {
    models.CharField: str,
    models.TextField: str,
    models.BooleanField: bool,
    models.FloatField: float,
    models.IntegerField: int,
    models.SmallIntegerField: int,
    models.BigIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.AutoField: int,
    models.BigAutoField: int,
}


def identity_type(field: models.Field[Any, Any]) -> type | None:
    """The Python type whose values `field` saves unchanged on this connection, if any."""
    if connection.vendor != "sqlite":
        return None
    if isinstance(field, models.ForeignKey):
        return identity_type(field.target_field)
    return _IDENTITY_ON_SQLITE.get(type(field))


class _Statement:
    """One model's INSERT, compiled once per process, with each column's preparation plan."""

    def __init__(self, model: type[models.Model]) -> None:
        meta = model._meta
        self.fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
        self.plan = [(f, f.attname, identity_type(f)) for f in self.fields]
        self.position = {f.name: i for i, f in enumerate(self.fields)}
        qn = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in self.fields)})"
            f" VALUES ({', '.join(['%s'] * len(self.fields))}) RETURNING {qn(meta.pk.column)}"
        )

    @staticmethod
    def prepare(obj: models.Model, field: models.Field[Any, Any], attname: str, same: type | None) -> Any:
        if same is not None:
            value = obj.__dict__.get(attname)
            if type(value) is same:
                return value
        value = field.pre_save(obj, True)
        # NULL needs no preparing (a third of a case's columns are empty at intake).
        return None if value is None and field.null else field.get_db_prep_save(value, connection)


_statements: dict[type[models.Model], _Statement] = {}


class Prepared:
    """A new row's values, prepared now; the fields named `later` are read again at insert()."""

    def __init__(self, obj: models.Model, *, later: tuple[str, ...] = ()) -> None:
        if obj.pk is not None:
            raise ValueError("insert() only adds new rows")
        model = type(obj)
        stmt = _statements.get(model)
        if stmt is None:
            stmt = _statements[model] = _Statement(model)
        self.obj, self.stmt = obj, stmt
        self.params = [stmt.prepare(obj, *step) for step in stmt.plan]
        self.later = [stmt.position[name] for name in later]

    def insert(self) -> None:
        """INSERT the row in one precompiled statement and set the instance's primary key."""
        obj, stmt, params = self.obj, self.stmt, self.params
        for i in self.later:
            params[i] = stmt.prepare(obj, *stmt.plan[i])
        with connection.cursor() as cur:
            cur.execute(stmt.sql, params)
            obj.pk = cur.fetchone()[0]
        obj._state.adding = False
        obj._state.db = connection.alias


def insert(obj: models.Model) -> None:
    """INSERT a new instance in one precompiled statement and set its primary key.

    Values are prepared as `Model.save()` prepares them (`pre_save`, then `get_db_prep_save`;
    on SQLite, values the field would pass through unchanged skip the calls), so `auto_now`
    fields and encrypted fields behave the same. No signals are sent: use it only for models
    without save hooks or receivers (append-only rows). `Prepared` does the preparing apart,
    for callers that want it done before taking a write lock.
    """
    Prepared(obj).insert()
