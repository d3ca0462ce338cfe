"""Document types that case kinds contribute (rule 9: this app never imports a kind).

A kind registers its types in its AppConfig.ready():

    register_document(DocumentType(
        code="mediation.agreement", label=_("调解协议书"), kind="mediation",
        template=Path(__file__).parent / "documents" / "agreement.txt",
        number_prefix="调协", context=agreement_context,
        available=lambda case: case.state == "agreed",
    ))

`context(case)` returns plain values (str, int, dates, lists/dicts of them, and personal data as
`jiedao.documents.personal.Personal`) and may raise `jiedao.core.errors.InvalidInput` to refuse
generation with a message; nothing is written then.

`for_signature=True` declares a document the parties sign and a court may later need (调解协议书
for 司法确认): issued by a user who may reveal personal data in the case's jurisdiction, its
`Personal` values print in full, each reveal audited; issued by anyone else, masked.
The template text and its line markup are described in `jiedao.documents.markup`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.functional import Promise

from jiedao.cases.models import Case

# Sequence.name holds "doc:" + the prefix (max 30 characters).
MAX_PREFIX = 26


def _always(case: Case) -> bool:
    return True


@dataclass(frozen=True)
class DocumentType:
    """One kind of generated document (受理告知书, 调解协议书 …) and where its data comes from."""

    code: str  # "mediation.agreement"
    label: Promise | str  # _("调解协议书")
    kind: str  # the case kind code it belongs to ("petition", "mediation")
    template: Path  # default template text file kept in the repo (in the kind's app)
    number_prefix: str  # 文号 middle part: "调协" → "江心岛调协〔2026〕3号"
    context: Callable[[Case], dict[str, Any]]
    available: Callable[[Case], bool] = _always  # when the button shows / generation is allowed
    for_signature: bool = False  # parties sign it: full ID/phone numbers for a user who may reveal

    @property
    def sequence_name(self) -> str:
        """Types sharing a prefix share one series, so a 文号 can never be issued twice."""
        return f"doc:{self.number_prefix}"


_TYPES: dict[str, DocumentType] = {}


def register_document(doc: DocumentType) -> None:
    if not doc.code or len(doc.code) > 60:
        raise ValueError(f"document code {doc.code!r} must be 1..60 characters")
    if not doc.number_prefix or len(doc.number_prefix) > MAX_PREFIX:
        raise ValueError(f"number_prefix of {doc.code} must be 1..{MAX_PREFIX} characters")
    _TYPES[doc.code] = doc


def unregister_document(code: str) -> None:
    """For tests that register a type of their own."""
    _TYPES.pop(code, None)


def get_document_type(code: str) -> DocumentType | None:
    return _TYPES.get(code)


def all_document_types() -> list[DocumentType]:
    return sorted(_TYPES.values(), key=lambda d: d.code)


def document_types_for(case: Case) -> list[DocumentType]:
    """The types of the case's kind that may be generated for it now, in registration order."""
    return [d for d in _TYPES.values() if d.kind == case.kind and d.available(case)]
