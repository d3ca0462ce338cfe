"""Resident actions: create, update, archive and the audited reveal of ID/phone numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from jiedao.core import crypto
from jiedao.core.audit import record, snapshot
from jiedao.core.models import Community, Grid, Tag, User
from jiedao.core.scope import scope_of
from jiedao.registry import queries
from jiedao.registry.actions.base import (
    check_write_existing,
    locate,
    lock,
    protected_input,
    raise_errors,
    required,
    set_archived,
    set_location,
    tag_check,
)
from jiedao.registry.models import RESIDENT_TAG_SETS, Household, ResidenceType, Resident

REVEALABLE_RESIDENT_FIELDS = ("id_number", "phone")
RESIDENT_AUDIT_FIELDS = [
    "name", "id_number", "phone", "gender", "birth_date", "residence_type",
    "household", "community", "grid", "note", "archived", "version",
]  # fmt: skip


@dataclass(kw_only=True)
class ResidentInput:
    """What a form or API submits for a resident. On update, None in id_number/phone keeps the value."""

    name: str
    community: Community | None = None
    grid: Grid | None = None
    id_number: str | None = ""
    phone: str | None = ""
    household: Household | None = None
    residence_type: str = ResidenceType.REGISTERED
    tags: Sequence[Tag] = field(default_factory=list)
    note: str = ""


def _resident_snapshot(resident: Resident) -> dict[str, Any]:
    data = snapshot(resident, RESIDENT_AUDIT_FIELDS)
    data["tags"] = sorted(t.pk for t in resident.tags.all())
    return data


def _apply_resident(user: User, resident: Resident, data: ResidentInput) -> list[Tag]:
    errors: dict[str, list[Any]] = {}
    name = required(data.name, "name", _("姓名"), errors)
    id_number = protected_input(data.id_number, "id_number", crypto.validate_id_number, errors)
    phone = protected_input(data.phone, "phone", crypto.validate_phone, errors)
    if data.residence_type not in ResidenceType.values:
        errors.setdefault("residence_type", []).append(_("人口类型无效"))
    located = locate(user, data.community, data.grid, errors)
    raise_errors(errors)
    assert located is not None
    community, grid = located
    jurisdiction_id = community.jurisdiction_id
    if data.household is not None and data.household.jurisdiction_id != jurisdiction_id:
        errors.setdefault("household", []).append(_("所选的户不在该街道"))
    tags = list(data.tags)
    for tag in tags:
        tag_check(tag, RESIDENT_TAG_SETS, jurisdiction_id, "tags", errors)
    if id_number:
        clash = Resident.objects.filter(
            jurisdiction_id=jurisdiction_id,
            archived=False,
            id_number_bidx=crypto.blind_index(id_number, crypto.KIND_ID_NUMBER),
        ).exclude(pk=resident.pk)
        if clash.exists():
            errors.setdefault("id_number", []).append(_("该身份证号码已登记"))
    raise_errors(errors)

    set_location(resident, community, grid)
    resident.name = name
    resident.household = data.household
    resident.residence_type = data.residence_type
    resident.note = data.note.strip()
    if phone is not None:
        resident.phone = phone
    if id_number is not None:
        resident.id_number = id_number
        resident.gender = crypto.id_gender(id_number) if id_number else ""
        resident.birth_date = crypto.id_birth_date(id_number) if id_number else None
    return tags


def _save_unique(resident: Resident) -> None:
    """Save; a concurrent registration of the same ID number becomes the same field error."""
    try:
        with transaction.atomic():
            resident.save()
    except IntegrityError:
        raise ValidationError({"id_number": [_("该身份证号码已登记")]}) from None


def create_resident(*, acting_user: User, data: ResidentInput) -> Resident:
    with transaction.atomic():
        resident = Resident()
        tags = _apply_resident(acting_user, resident, data)
        _save_unique(resident)
        resident.tags.set(tags)
        record(resident, "create", acting_user=acting_user, after=_resident_snapshot(resident))
    return resident


def update_resident(
    *, acting_user: User, resident: Resident, data: ResidentInput, expected_version: int
) -> Resident:
    with transaction.atomic():
        locked = lock(resident, expected_version)
        check_write_existing(acting_user, locked)
        before = _resident_snapshot(locked)
        tags = _apply_resident(acting_user, locked, data)
        locked.version += 1
        _save_unique(locked)
        locked.tags.set(tags)
        record(locked, "update", acting_user=acting_user, before=before, after=_resident_snapshot(locked))
    return locked


def archive_resident(*, acting_user: User, resident: Resident, expected_version: int) -> Resident:
    return set_archived(acting_user, resident, expected_version, _resident_snapshot)


def reveal_resident_field(*, acting_user: User, resident: Resident, field: str) -> str:
    """The plaintext of one personal-data field, for a user allowed to see it; audited."""
    if field not in REVEALABLE_RESIDENT_FIELDS:
        raise ValueError(f"field {field!r} cannot be revealed")
    scope = scope_of(acting_user)
    allowed = scope.superuser or (
        resident.jurisdiction_id in scope.reveal_in and queries.resident_is_visible(acting_user, resident)
    )
    if not allowed:
        raise PermissionDenied(_("您没有查看完整个人信息的权限"))
    value = getattr(resident, field)
    with transaction.atomic():
        record(resident, "reveal", acting_user=acting_user, after={"field": field})
    return value.reveal() if value else ""
