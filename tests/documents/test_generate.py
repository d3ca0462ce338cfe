"""Generating documents through the action: numbering, the timeline, and refusals writing nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from jiedao.cases.models import Action, Case, Sequence
from jiedao.core.errors import IllegalTransition, InvalidInput
from jiedao.core.models import AuditEntry, User
from jiedao.documents.actions import generate
from jiedao.documents.models import IssuedDocument
from jiedao.documents.registry import DocumentType

pytestmark = pytest.mark.django_db


def test_numbers_run_per_year_and_the_timeline_says_so(
    notice_type: DocumentType, event_case: Case, users: dict[str, User]
) -> None:
    first = generate(event_case.pk, notice_type.code, acting_user=users["dispatcher"])
    second = generate(event_case.pk, notice_type.code, acting_user=users["dispatcher"])
    year = timezone.localtime().year
    assert (first.number, second.number) == (f"测试测告〔{year}〕1号", f"测试测告〔{year}〕2号")
    entry = Action.objects.filter(case=event_case, verb="document").order_by("id").last()
    assert entry is not None
    assert entry.note == f"事件处理告知书 测试测告〔{year}〕2号"
    assert AuditEntry.objects.filter(object_type="documents.issueddocument", action="generate").count() == 2
    assert second.file.read()[:2] == b"PK"


def test_refused_context_writes_nothing_and_keeps_the_number(
    notice_type: DocumentType, make_event: Callable[..., Case], users: dict[str, User]
) -> None:
    good = make_event()
    bad = make_event(title="无当事人的纠纷")
    generate(good.pk, notice_type.code, acting_user=users["dispatcher"])
    actions_before = Action.objects.count()
    with pytest.raises(InvalidInput, match="没有当事人"):
        generate(bad.pk, notice_type.code, acting_user=users["dispatcher"])
    assert IssuedDocument.objects.count() == 1
    assert Action.objects.count() == actions_before
    assert Sequence.objects.get(name="doc:测告").value == 1
    nxt = generate(good.pk, notice_type.code, acting_user=users["dispatcher"])
    assert nxt.serial == 2


def test_unavailable_type_is_refused(
    notice_type: DocumentType, event_case: Case, users: dict[str, User]
) -> None:
    Case.objects.filter(pk=event_case.pk).update(state="rejected")
    with pytest.raises(IllegalTransition):
        generate(event_case.pk, notice_type.code, acting_user=users["dispatcher"])
    assert not IssuedDocument.objects.exists()
