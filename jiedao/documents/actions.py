"""Generating a document: one transaction takes the 文号, saves the .docx and writes the
IssuedDocument row, the case's timeline entry and the audit entries — or writes nothing.

A document for signature issued by a user who may reveal personal data carries the full ID and
phone numbers; each revealed value gets its own "reveal" audit entry on its record, like a
reveal on the registry's pages. The stored snapshot (IssuedDocument.context) stays masked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jiedao.cases.models import Action, Case
from jiedao.core import audit, filestore
from jiedao.core.errors import IllegalTransition, InvalidInput, NotFound
from jiedao.core.models import User
from jiedao.documents.markup import TemplateProblem, chinese_date, parse, plain, render_text
from jiedao.documents.models import IssuedDocument
from jiedao.documents.numbering import take_number
from jiedao.documents.permissions import may_issue, may_reveal
from jiedao.documents.personal import Disclosure
from jiedao.documents.queries import get_document_for
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
    with filestore.atomic():  # a refusal after the file is written removes it with the row
        case = (
            Case.objects.select_for_update(of=("self",))
            .filter(pk=case_id)
            .select_related("jurisdiction")
            .first()
        )
        if case is None:
            raise NotFound(_("案件不存在。"))
        doc = _checked_type(code, case, acting_user)
        raw = doc.context(case)
        data = plain(raw)
        reveal = doc.for_signature and may_reveal(acting_user, case.jurisdiction_id)
        disclosure = Disclosure(reveal=reveal)
        shown = plain(raw, disclosure) if disclosure.reveal else data
        text = template_text(case.jurisdiction_id, doc)
        year = timezone.localtime(now).year
        serial, number = take_number(case.jurisdiction, doc, year)
        base = base_context(case, number, now)
        try:
            content = render_document(text, {**shown, **base}, number)
        except TemplateProblem as exc:
            raise InvalidInput(
                _("“%(label)s”的模板有误，请联系管理员：%(error)s") % {"label": doc.label, "error": exc}
            ) from exc
        context = {**data, **base}
        saved = _save(case, doc, year, serial, number, content, context, acting_user, now)
        if disclosure.revealed:
            _audit_reveals(saved, disclosure, acting_user)
    return saved


def _record_label(doc: DocumentType) -> str:
    """The label kept on the record (and in the file name) is the documents' language, whatever
    the issuer's interface language; pages show `IssuedDocument.title` in the reader's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(doc.label)[:100]


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
        label=_record_label(doc),
        number_prefix=doc.number_prefix,
        year=year,
        serial=serial,
        number=number,
        size=len(content),
        context=context,
        created_by=actor,
        created_at=now,
    )
    filestore.save(issued.file, f"doc-{case.pk}-{year}-{serial}.docx", ContentFile(content))
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


def _audit_reveals(issued: IssuedDocument, disclosure: Disclosure, user: User | None) -> None:
    """One "reveal" entry per value printed in full, on the record it belongs to."""
    issued.revealed = True
    issued.save(update_fields=["revealed"])  # the row was inserted in this same transaction
    for value in disclosure.revealed.values():
        audit.record(
            value.owner,
            "reveal",
            acting_user=user,
            after={"field": value.field, "document": issued.number, "case": issued.case_id},
            jurisdiction_id=issued.jurisdiction_id,
        )


def open_document(pk: int | str, *, acting_user: User | None) -> IssuedDocument:
    """The document to download (404 unless its case is visible). One with full numbers only
    for a user who may reveal them in its jurisdiction, and each such download is audited."""
    issued = get_document_for(acting_user, pk)
    if not issued.revealed:
        return issued
    if not may_reveal(acting_user, issued.jurisdiction_id):
        raise PermissionDenied(_("此文书含完整的身份证号码和电话，您没有查看完整个人信息的权限。"))
    with transaction.atomic():
        audit.record(
            issued,
            "reveal",
            acting_user=acting_user,
            after={"download": issued.number, "case": issued.case_id},
        )
    return issued
