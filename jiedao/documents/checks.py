"""Checking and previewing a template before an admin saves it: it must render against the
newest case of its kind (with every field it names known), or against no data at all when the
jurisdiction has no such case yet."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jiedao.cases.models import Case
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Jurisdiction
from jiedao.documents.actions import base_context
from jiedao.documents.markup import Block, parse, plain, render_text
from jiedao.documents.numbering import format_number, issuer_abbreviation
from jiedao.documents.registry import DocumentType
from jiedao.documents.word import write_docx

SAMPLE_CASES = 20


def _sample_number(jurisdiction: Jurisdiction, doc: DocumentType) -> str:
    return format_number(issuer_abbreviation(jurisdiction), doc.number_prefix, timezone.localtime().year, "×")


def sample_context(jurisdiction: Jurisdiction, doc: DocumentType) -> tuple[dict[str, Any], Case | None]:
    """The context of the newest case whose data builds, and that case (None: no such case)."""
    now = timezone.now()
    number = _sample_number(jurisdiction, doc)
    cases = Case.objects.filter(jurisdiction=jurisdiction, kind=doc.kind).select_related("jurisdiction")
    for case in cases.order_by("-created_at", "-id")[:SAMPLE_CASES]:
        try:
            data = plain(doc.context(case))
        except InvalidInput:
            continue
        return {**data, **base_context(case, number, now)}, case
    fallback = Case(jurisdiction=jurisdiction, kind=doc.kind)
    return base_context(fallback, number, now), None


def check_template(jurisdiction: Jurisdiction, doc: DocumentType, text: str) -> list[Block]:
    """The blocks the template makes from sample data; TemplateProblem if it does not render."""
    context, case = sample_context(jurisdiction, doc)
    blocks = parse(render_text(text, context, strict=case is not None), number=context["number"])
    write_docx(blocks)
    return blocks


_STYLES = {
    "title": "text-align:center;font-weight:bold;font-size:1.4em;font-family:SimSun,serif",
    "number": "text-align:center;font-family:FangSong,serif",
    "heading": "text-indent:2em;font-family:SimHei,sans-serif",
    "right": "text-align:right;padding-right:2em;font-family:FangSong,serif",
    "seal": "text-align:right;padding-right:2em;font-family:FangSong,serif",
    "body": "text-indent:2em;font-family:FangSong,serif",
    "blank": "min-height:1em",
}


def preview_html(blocks: list[Block]) -> SafeString:
    """A rough HTML picture of the document for the admin page (the .docx is the real thing)."""
    parts = []
    for block in blocks:
        if block.kind == "table":
            rows = format_html_join(
                "",
                "<tr>{}</tr>",
                (
                    (
                        format_html_join(
                            "",
                            '<td style="border:1px solid #999;padding:2px 6px">{}</td>',
                            ((c,) for c in row),
                        ),
                    )
                    for row in block.rows
                ),
            )
            parts.append(format_html('<table style="border-collapse:collapse;margin:auto">{}</table>', rows))
        else:
            parts.append(format_html('<p style="margin:0;{}">{}</p>', _STYLES[block.kind], block.text))
    return format_html(
        '<div style="max-width:40em;padding:1em;border:1px solid #ccc;background:#fff">{}</div>',
        format_html_join("", "{}", ((p,) for p in parts)),
    )
