"""jiedao's SQLite backend converts placeholders the same way Django does, cached or not."""

from __future__ import annotations

import pytest
from django.db import connection

from jiedao.core.sqlite.base import CACHED_QUERY_LENGTH

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend is only used on SQLite"),
]


def test_placeholders_and_literal_percent_signs_convert_the_same_every_time():
    with connection.cursor() as cur:
        for _ in range(3):  # the first conversion is computed, the next ones remembered
            cur.execute("SELECT %s || '%%', '100%%'", ["abc"])
            assert cur.fetchone() == ("abc%", "100%")


def test_long_and_named_parameter_queries_still_convert():
    padding = " " * CACHED_QUERY_LENGTH
    with connection.cursor() as cur:
        cur.execute(f"SELECT %s{padding}", [7])
        assert cur.fetchone() == (7,)
        cur.execute("SELECT %(a)s, %(b)s", {"a": 1, "b": "x"})
        assert cur.fetchone() == (1, "x")
