"""Canaries for the two lean paths of the write benchmark, each confined to one module:
`jiedao.core.rows` (prepared inserts and reads) and `jiedao.core.api.handler` (a short middleware
stack for token calls). (A third, a SQLite backend remembering placeholder conversions, went: with
it removed the bench's write ratio was 0.52 against 0.47 with it, so it was not worth keeping.)

Each leans on a piece of Django that is not public API. These tests name that piece and fail
loudly, with what to do, on the Django upgrade that moves it — before a request would.
(Their behaviour is tested in test_rows.py and tests/api/test_lean_path.py.)
"""

from __future__ import annotations

import inspect

import django
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from jiedao.cases.models import Case
from jiedao.core.api.handler import TokenApiHandler

UPGRADE = (
    "Django {v} changed what {module} relies on ({what}): fix the module or remove it and go "
    "back to the ORM / the full stack, and say which in the commit with the bench figures."
)


def _say(module: str, what: str) -> str:
    return UPGRADE.format(v=django.get_version(), module=module, what=what)


def test_the_full_handler_still_builds_the_attributes_the_lean_handler_replaces() -> None:
    handler = WSGIHandler()  # loads the project's middleware, as gunicorn's worker does
    for name in (
        "_view_middleware",
        "_template_response_middleware",
        "_exception_middleware",
        "_middleware_chain",
    ):
        assert hasattr(handler, name), _say("core/api/handler.py", f"BaseHandler.{name}")
    assert callable(getattr(BaseHandler, "_get_response", None)), _say("core/api/handler.py", "_get_response")
    source = inspect.getsource(BaseHandler.load_middleware)
    for name in (
        "_view_middleware",
        "_template_response_middleware",
        "_exception_middleware",
        "_middleware_chain",
    ):
        assert f"self.{name}" in source, _say("core/api/handler.py", f"load_middleware sets {name}")


def test_the_lean_handler_builds_a_chain_that_django_calls() -> None:
    handler = TokenApiHandler()
    assert callable(handler._middleware_chain), _say("core/api/handler.py", "_middleware_chain")
    assert handler._view_middleware == [], _say("core/api/handler.py", "_view_middleware")


def test_rows_reads_the_meta_and_connection_pieces_it_compiles_once() -> None:
    meta = Case._meta
    assert all(hasattr(f, "attname") and hasattr(f, "column") for f in meta.concrete_fields), _say(
        "core/rows.py", "Field.attname / Field.column"
    )
    col = meta.get_field("created_at").get_col(meta.db_table)
    assert callable(getattr(col, "get_db_converters", None)), _say("core/rows.py", "Col.get_db_converters")
    assert callable(getattr(connection.ops, "get_db_converters", None)), _say(
        "core/rows.py", "DatabaseOperations.get_db_converters"
    )
    field = meta.get_field("title")
    for name in ("pre_save", "get_db_prep_save"):
        assert callable(getattr(field, name, None)), _say("core/rows.py", f"Field.{name}")
    assert callable(getattr(Case, "from_db", None)), _say("core/rows.py", "Model.from_db")
    state = Case()._state
    for name in ("db", "adding"):
        assert hasattr(state, name), _say("core/rows.py", f"Model._state.{name}")
