"""Generating a document: one transaction takes the 文号, saves the .docx and writes the
IssuedDocument row, the case's timeline entry and the audit entry — or writes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases.errors import IllegalTransition, InvalidInput, NotFound
from jiedao.cases.models import Action, Case
from jiedao.core import audit
from jiedao.core.models import User
from jiedao.documents.markup import TemplateProblem, chinese_date, parse, plain, render_text
from jiedao.documents.models import IssuedDocument
from jiedao.documents.numbering import take_number
from jiedao.documents.permissions import may_issue
from jiedao.documents.registry import DocumentType, get_document_type
from jiedao.documents.templates_source import template_text
from jiedao.documents.word import write_docx

VERB = "document"


def base_context(case: Case, number: str, now: datetime) -> dict[str, Any]:
    """What every template may use besides its type's own context."""
    return {
        "number": number,
        "jurisdiction": case.jurisdiction.name,
        "today": chinese_date(now),
        "today_upper": chinese_date(now, upper=True),
    }


def render_document(text: str, context: dict[str, Any], number: str) -> bytes:
    """Template text + plain context → .docx bytes; TemplateProblem if the template is broken."""
    return write_docx(parse(render_text(text, context), number=number))


def _checked_type(code: str, case: Case, user: User | None) -> DocumentType:
    doc = get_document_type(code)
    if doc is None or doc.kind != case.kind:
        raise NotFound(_("没有这种文书。"))
    if not may_issue(user, case):
        raise IllegalTransition(_("您无权为此案件出具文书。"), code="forbidden")
    if not doc.available(case):
        raise IllegalTransition(
            _("此案件当前不能出具“%(label)s”。") % {"label": doc.label}, code="not_available"
        )
    return doc


def generate(
    case_id: int, code: str, *, acting_user: User | None, now: datetime | None = None
) -> IssuedDocument:
    """Issue document `code` for the case. Refusals (InvalidInput from the type's context, an
    unavailable type, a broken template) roll everything back, the 文号 included."""
    now = now or timezone.now()
    saved: IssuedDocument | None = None
    try:
        with transaction.atomic():
            case = (
                Case.objects.select_for_update(of=("self",))
                .filter(pk=case_id)
                .select_related("jurisdiction")
                .first()
            )
            if case is None:
                raise NotFound(_("案件不存在。"))
            doc = _checked_type(code, case, acting_user)
            data = plain(doc.context(case))
            text = template_text(case.jurisdiction_id, doc)
            year = timezone.localtime(now).year
            serial, number = take_number(case.jurisdiction, doc, year)
            context = {**data, **base_context(case, number, now)}
            try:
                content = render_document(text, context, number)
            except TemplateProblem as exc:
                raise InvalidInput(
                    _("“%(label)s”的模板有误，请联系管理员：%(error)s") % {"label": doc.label, "error": exc}
                ) from exc
            saved = _save(case, doc, year, serial, number, content, context, acting_user, now)
    except Exception:
        if saved is not None:
            saved.file.delete(save=False)  # the row rolled back; do not leave its file behind
        raise
    return saved


def _save(
    case: Case,
    doc: DocumentType,
    year: int,
    serial: int,
    number: str,
    content: bytes,
    context: dict[str, Any],
    user: User | None,
    now: datetime,
) -> IssuedDocument:
    actor = user if user and user.pk else None
    issued = IssuedDocument(
        jurisdiction_id=case.jurisdiction_id,
        case=case,
        code=doc.code,
        label=str(doc.label)[:100],
        number_prefix=doc.number_prefix,
        year=year,
        serial=serial,
        number=number,
        size=len(content),
        context=context,
        created_by=actor,
        created_at=now,
    )
    issued.file.save(f"doc-{case.pk}-{year}-{serial}.docx", ContentFile(content), save=False)
    issued.save()
    Action.objects.create(
        case=case,
        verb=VERB,
        from_state=case.state,
        to_state=case.state,
        actor=actor,
        actor_name=str(user)[:60] if actor else "",
        at=now,
        note=f"{issued.label} {number}",
        data={"document": issued.pk, "code": doc.code, "number": number},
    )
    audit.record(
        issued,
        "generate",
        acting_user=user,
        after={"case": case.pk, "code": doc.code, "number": number, "size": issued.size},
    )
    return issued
