"""A test-only document type on event cases, and cases to issue it for.

``notice_type`` registers ``test.notice`` (prefix 测告, template tests/documents/notice.txt) for
event cases; its context refuses a case whose title contains "无当事人" (like an agreement
without parties). ``event_case`` makes an event in grid G1 reported by the grid worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from jiedao.cases.actions import NewCase, create_case
from jiedao.cases.models import Case, Channel
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Grid, Jurisdiction, User
from jiedao.documents.markup import chinese_date
from jiedao.documents.registry import DocumentType, register_document, unregister_document

CODE = "test.notice"
TEMPLATE = Path(__file__).parent / "notice.txt"


def notice_context(case: Case) -> dict[str, Any]:
    if "无当事人" in case.title:
        raise InvalidInput("没有当事人，不能出具告知书。")
    return {
        "reporter": case.reporter_name or "反映人",
        "reported_on": chinese_date(case.created_at),
        "title": case.title,
        "description": case.description,
        "people": [{"name": case.reporter_name, "role": "反映人"}, {"name": "王调解", "role": "经办人"}],
    }


NOTICE = DocumentType(
    code=CODE,
    label="事件处理告知书",
    kind="event",
    template=TEMPLATE,
    number_prefix="测告",
    context=notice_context,
    available=lambda case: case.state != "rejected",
)


@pytest.fixture
def notice_type() -> Iterator[DocumentType]:
    register_document(NOTICE)
    yield NOTICE
    unregister_document(CODE)


@pytest.fixture
def make_event(
    jurisdiction: Jurisdiction, grids: dict[str, Grid], users: dict[str, User]
) -> Callable[..., Case]:
    def make(title: str = "小区门口道路破损", grid: str = "G1", **fields: Any) -> Case:
        new = NewCase(
            jurisdiction=jurisdiction,
            kind="event",
            title=title,
            description=fields.pop("description", "东湖社区门口的人行道砖松动，老人易绊倒。"),
            channel=Channel.GRID,
            fields={
                "grid": grids[grid],
                "community": grids[grid].community,
                "reporter_name": "张三",
                **fields,
            },
        )
        case, _code = create_case(new, acting_user=users["grid_worker"], now=timezone.now())
        return case

    return make


@pytest.fixture
def event_case(make_event: Callable[..., Case]) -> Case:
    return make_event()
