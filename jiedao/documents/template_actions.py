"""Admins' template overrides: saved only when they render, reset by deleting the override."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from jiedao.core import audit
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Jurisdiction, User
from jiedao.documents.checks import check_template
from jiedao.documents.markup import TemplateProblem
from jiedao.documents.models import DocumentTemplate
from jiedao.documents.registry import get_document_type


def validate_template(jurisdiction: Jurisdiction, code: str, text: str) -> None:
    doc = get_document_type(code)
    if doc is None:
        raise InvalidInput(_("没有这种文书。"), field="code")
    if not text.strip():
        raise InvalidInput(_("模板内容不能为空。"), field="text")
    try:
        check_template(jurisdiction, doc, text)
    except TemplateProblem as exc:
        raise InvalidInput(str(exc), field="text") from exc


def save_template(
    jurisdiction: Jurisdiction, code: str, text: str, *, acting_user: User | None
) -> DocumentTemplate:
    """Create or replace the jurisdiction's template for `code`; refuses (writing nothing) if it
    does not render."""
    validate_template(jurisdiction, code, text)
    with transaction.atomic():
        current = (
            DocumentTemplate.objects.select_for_update().filter(jurisdiction=jurisdiction, code=code).first()
        )
        before = {"text": current.text} if current else None
        tpl = current or DocumentTemplate(jurisdiction=jurisdiction, code=code)
        tpl.text = text
        tpl.updated_by = acting_user if acting_user and acting_user.pk else None
        tpl.save()
        audit.record(
            tpl,
            "update" if current else "create",
            acting_user=acting_user,
            before=before,
            after={"text": text},
        )
    return tpl


def reset_template(template: DocumentTemplate, *, acting_user: User | None) -> None:
    """Back to the repo's default template: the override goes."""
    with transaction.atomic():
        audit.record(template, "reset", acting_user=acting_user, before={"text": template.text})
        template.delete()
