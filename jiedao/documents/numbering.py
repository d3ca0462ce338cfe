"""文号: 〈机关代字〉〈类型代字〉〔年份〕〈序号〉号, e.g. 江心岛调协〔2026〕3号.

Serials come from jiedao.cases.sequences.next_value inside the generating transaction: a
rollback returns the number, concurrent writers queue on the sequence row, and the unique
constraints on IssuedDocument refuse a duplicate should anything bypass the sequence.
"""

from __future__ import annotations

from jiedao.cases.sequences import next_value
from jiedao.core.models import Jurisdiction
from jiedao.documents.registry import DocumentType

_SUFFIXES = ("街道办事处", "街道")


def issuer_abbreviation(jurisdiction: Jurisdiction) -> str:
    """The 机关代字 of a sub-district: its name without the trailing 街道 (江心岛街道 → 江心岛)."""
    name = jurisdiction.name.strip()
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def format_number(abbreviation: str, prefix: str, year: int, serial: int | str) -> str:
    return f"{abbreviation}{prefix}〔{year}〕{serial}号"


def take_number(jurisdiction: Jurisdiction, doc: DocumentType, year: int) -> tuple[int, str]:
    """The next serial and its 文号. Call only inside the transaction that saves the document."""
    serial = next_value(jurisdiction.pk, doc.sequence_name, year)
    return serial, format_number(issuer_abbreviation(jurisdiction), doc.number_prefix, year, serial)
