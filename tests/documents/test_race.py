"""文号 under concurrent generation: real threads, each with its own database connection."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from jiedao.cases.models import Case, Sequence
from jiedao.core.models import User
from jiedao.documents.actions import generate
from jiedao.documents.models import IssuedDocument
from jiedao.documents.registry import DocumentType

THREADS = 8
EACH = 3


@contextmanager
def threads_share_the_database(tmp_path: Path) -> Iterator[None]:
    """Threads must meet as they do in production. PostgreSQL: they already do. SQLite: the
    in-memory test database is shared-cache, whose table locks fail instead of waiting, so the
    data so far is copied to a file (WAL, busy timeout, as deployed) that every connection opens
    until the block ends; the in-memory database is kept open and restored afterwards."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    target = sqlite3.connect(tmp_path / "race.sqlite3")
    memory.backup(target)
    target.close()
    settings = connection.settings_dict
    name = settings["NAME"]
    settings["NAME"] = str(tmp_path / "race.sqlite3")
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = name
        connection.connection = memory


def _race(worker: Callable[[int], None], count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            start.wait()
            worker(i)
        except BaseException as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_generation_numbers_without_gaps_or_duplicates(
    notice_type: DocumentType,
    make_event: Callable[..., Case],
    users: dict[str, User],
    tmp_path: Path,
) -> None:
    cases = [make_event(title=f"并发测试{i}") for i in range(THREADS)]
    user = users["dispatcher"]

    def worker(i: int) -> None:
        for _ in range(EACH):
            generate(cases[i].pk, notice_type.code, acting_user=user)

    with threads_share_the_database(tmp_path):
        assert _race(worker, THREADS) == []
        serials = sorted(IssuedDocument.objects.values_list("serial", flat=True))
        year = timezone.localtime().year
        numbers = set(IssuedDocument.objects.values_list("number", flat=True))
        sequence = Sequence.objects.get(name="doc:测告", year=year).value
    assert serials == list(range(1, THREADS * EACH + 1))
    assert numbers == {f"测试测告〔{year}〕{n}号" for n in serials}
    assert sequence == THREADS * EACH


@pytest.mark.django_db(transaction=True)
def test_refusals_racing_with_issues_leave_no_gap(
    notice_type: DocumentType,
    make_event: Callable[..., Case],
    users: dict[str, User],
    tmp_path: Path,
) -> None:
    good = [make_event(title=f"正常{i}") for i in range(THREADS // 2)]
    bad = [make_event(title=f"无当事人{i}") for i in range(THREADS // 2)]
    user = users["dispatcher"]
    refused: list[int] = []

    def worker(i: int) -> None:
        case = good[i // 2] if i % 2 == 0 else bad[i // 2]
        try:
            generate(case.pk, notice_type.code, acting_user=user)
        except Exception:
            refused.append(case.pk)
            raise

    with threads_share_the_database(tmp_path):
        errors = _race(worker, THREADS)
        serials = sorted(IssuedDocument.objects.values_list("serial", flat=True))
        on_bad = IssuedDocument.objects.filter(case__in=bad).count()
    assert sorted(refused) == sorted(c.pk for c in bad)
    assert [str(e) for e in errors] == ["没有当事人，不能出具告知书。"] * len(bad)
    assert serials == list(range(1, len(good) + 1))
    assert on_bad == 0
