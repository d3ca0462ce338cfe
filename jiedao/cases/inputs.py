"""The typed inputs of a transition, and reading a text value the same way for every kind.

A transition declares its inputs once (`Input`: name, label, widget, API type, required, where
its choices and initial value come from). The same declaration draws the action's form on the
case page, types the action's body in the API (and so its OpenAPI schema) and names the
payload fields the engine hands to the transition's effect. The effect checks what the values
mean (a department of this jurisdiction, a date not in the future) and raises `InvalidInput`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jiedao.core.api.schemas import DbInt
from jiedao.core.errors import InvalidInput
from jiedao.core.text import clean

if TYPE_CHECKING:
    from django.db.models import Model

    from jiedao.cases.models import Case

# How an input is drawn: one of these names (cases/_actions.html renders each).
WIDGETS = frozenset({"text", "textarea", "number", "date", "select", "radio", "grouped"})
# What an input travels as in the API: the JSON type of its value.
API_TYPES: dict[str, Any] = {"text": str, "int": DbInt, "date": date}


@dataclass
class FormContext:
    """What an input's choices and initial value may look at: the case, the kind's row beside
    it, and a memo shared by every input of one page (a list of departments is read once)."""

    case: Case
    extension: Model | None = None
    memo: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, load: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = load()
        return self.memo[key]


Choices = Callable[[FormContext], list[tuple[str, Any]]]
Initial = Callable[[FormContext], Any]


@dataclass(frozen=True)
class Input:
    name: str
    label: Promise | str
    widget: str = "text"
    api_type: str = "text"  # key of API_TYPES
    required: bool = True
    choices: Choices | None = None  # (value, label); for "grouped" (group label, [(value, label)])
    initial: Initial | None = None
    limit: int = 5000  # longest text accepted from a form

    def __post_init__(self) -> None:
        if self.widget not in WIDGETS:
            raise ValueError(f"input {self.name}: unknown widget {self.widget!r}")
        if self.api_type not in API_TYPES:
            raise ValueError(f"input {self.name}: unknown API type {self.api_type!r}")

    @property
    def python_type(self) -> type:
        return API_TYPES[self.api_type]


def text(
    data: Mapping[str, Any],
    name: str,
    label: str | Promise,
    limit: int,
    *,
    required: bool = True,
    multiline: bool | None = None,
) -> str:
    """The text `name` of a form or body, cleaned of controls (core.text). Long texts
    (descriptions, results) keep their line breaks unless told otherwise; short ones (titles,
    names, addresses) are one line."""
    value = clean(data.get(name) or "", multiline=limit > 200 if multiline is None else multiline)
    if required and not value:
        raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=name)
    if len(value) > limit:
        raise InvalidInput(_("%(label)s不能超过%(n)d个字。") % {"label": label, "n": limit}, field=name)
    return value
