"""What the register pages share: the register of the URL, role checks, cell display, forms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.formats import number_format

from jiedao.core.models import User
from jiedao.registers import access as acc
from jiedao.registers import forms
from jiedao.registers.catalog import REGISTERS, RegisterDef

FORMS: dict[str, type[forms.RegisterForm]] = {
    "projects": forms.ProjectForm,
    "land": forms.ParcelForm,
    "structures": forms.StructureForm,
    "ledger": forms.LedgerForm,
}


def user_of(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def register_for(request: HttpRequest, key: str) -> RegisterDef:
    rdef = REGISTERS[key]
    if not acc.can_read(user_of(request), rdef.access):
        raise PermissionDenied
    return rdef


def cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return number_format(
            value.normalize() if value == value.to_integral() else value, force_grouping=True
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def initial_of(obj: Any, form_class: type[forms.RegisterForm]) -> dict[str, Any]:
    """A record's current values as a form's initial data (FKs by id, parcels as ids)."""
    out: dict[str, Any] = {"version": obj.version}
    for name in form_class.base_fields:
        if name in ("version", "since", "evidence"):
            continue
        if name == "parcels":
            out[name] = [p.pk for p in obj.parcels.all()]
        elif hasattr(obj, f"{name}_id"):
            out[name] = getattr(obj, f"{name}_id")
        elif hasattr(obj, name):
            out[name] = getattr(obj, name)
    return out
