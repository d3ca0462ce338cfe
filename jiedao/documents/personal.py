"""Personal data in document contexts: masked, unless the document is meant to be signed and the
user issuing it may reveal personal data in the case's jurisdiction (ARCHITECTURE rule 7).

A kind's context gives each protected value as `Personal(record, "id_number")` (and a party's
particulars as `Particulars([("身份证号码", Personal(...)), ("住址", "…")])`) instead of a
string. `markup.plain` turns them into text through a `Disclosure`: the masked one by default
(previews, the stored snapshot, every document not for signature), a revealing one when
`generate` issues a for-signature document for a user with the reveal permission; that one
remembers what it revealed so the action can audit each value.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class Personal:
    """One encrypted field of a record (a party's ID number or phone) for a document."""

    __slots__ = ("field", "owner")

    def __init__(self, owner: models.Model, field: str) -> None:
        self.owner = owner
        self.field = field

    def _value(self) -> Any:
        return getattr(self.owner, self.field)

    @property
    def key(self) -> tuple[str, Any, str]:
        return (self.owner._meta.label_lower, self.owner.pk, self.field)

    def masked(self) -> str:
        return str(self._value() or "")

    def plaintext(self) -> str:
        """Only for `Disclosure.show` of a revealing disclosure, which audits it."""
        value = self._value()
        return value.reveal() if value else ""

    def __bool__(self) -> bool:
        return bool(self._value())

    def __str__(self) -> str:
        return self.masked()

    def text(self, disclosure: Disclosure) -> str:
        return disclosure.show(self)


class Particulars:
    """ "label：value" pairs joined with "，", the empty ones left out (身份证号码：…，住址：…)."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[str, Personal | str]]) -> None:
        self.pairs = pairs

    def text(self, disclosure: Disclosure) -> str:
        return "，".join(f"{label}：{disclosure.show(value)}" for label, value in self.pairs if value)

    def __str__(self) -> str:
        return self.text(MASKED)


class Disclosure:
    """How personal values print: masked, or (reveal=True) in full, remembering each revealed."""

    def __init__(self, *, reveal: bool) -> None:
        self.reveal = reveal
        self.revealed: dict[tuple[str, Any, str], Personal] = {}

    def show(self, value: Personal | str) -> str:
        if not isinstance(value, Personal):
            return str(value)
        if not self.reveal or not value:
            return value.masked()
        self.revealed.setdefault(value.key, value)
        return value.plaintext()


MASKED = Disclosure(reveal=False)
