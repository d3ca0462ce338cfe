"""Household, place and organisation actions: create, update, archive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiedao.core import crypto
from jiedao.core.acting import acting_id
from jiedao.core.audit import snapshot
from jiedao.core.geo import locate_grid, validate_point
from jiedao.core.models import Community, Grid, Tag, User
from jiedao.registry.actions.base import (
    create_record,
    locate,
    protected_input,
    raise_errors,
    required,
    set_archived,
    set_location,
    tag_check,
    update_record,
)
from jiedao.registry.models import (
    ORGANISATION_KIND_TAG_SETS,
    PLACE_KIND_TAG_SETS,
    Household,
    Organisation,
    Place,
    RiskColour,
)
from jiedao.registry.validators import validate_credit_code

HOUSEHOLD_AUDIT_FIELDS = ["number", "address", "community", "grid", "note", "archived", "version"]
PLACE_AUDIT_FIELDS = [
    "name", "kind", "address", "lat", "lng", "risk_colour", "community", "grid", "note", "archived",
    "version",
]  # fmt: skip
ORGANISATION_AUDIT_FIELDS = [
    "name", "credit_code", "kind", "address", "contact_person", "phone", "community", "grid", "note",
    "archived", "version",
]  # fmt: skip


@dataclass(kw_only=True)
class HouseholdInput:
    """What a form submits for a household."""

    address: str
    community: Community | None = None
    grid: Grid | None = None
    number: str = ""
    note: str = ""


@dataclass(kw_only=True)
class PlaceInput:
    """What a form submits for a place."""

    name: str
    kind: Tag | None
    address: str
    community: Community | None = None
    grid: Grid | None = None
    lat: float | None = None
    lng: float | None = None
    risk_colour: str = ""
    note: str = ""


@dataclass(kw_only=True)
class OrganisationInput:
    """What a form submits for an organisation. On update, None in phone keeps the value."""

    name: str
    community: Community | None = None
    grid: Grid | None = None
    credit_code: str = ""
    kind: Tag | None = None
    address: str = ""
    contact_person: str = ""
    phone: str | None = ""
    note: str = ""


def _apply_household(user: User, household: Household, data: HouseholdInput) -> None:
    errors: dict[str, list[Any]] = {}
    address = required(data.address, "address", _("地址"), errors)
    located = locate(user, data.community, data.grid, errors)
    raise_errors(errors)
    assert located is not None
    set_location(household, *located)
    household.address = address
    household.number = data.number.strip()
    household.note = data.note.strip()


def _grid_at(user: User, community: Community | None, point: tuple[float, float]) -> Grid | None:
    """The grid containing the point, when it agrees with the chosen community (or none was chosen)."""
    if community is not None:
        jurisdiction_id: int | None = community.jurisdiction_id
    else:
        jurisdiction_id = acting_id(user)  # no community chosen: where the user acts
    if jurisdiction_id is None:
        return None
    grid = locate_grid(jurisdiction_id, *point)
    if grid is None or (community is not None and grid.community_id != community.pk):
        return None
    return grid


def _apply_place(user: User, place: Place, data: PlaceInput) -> None:
    errors: dict[str, list[Any]] = {}
    name = required(data.name, "name", _("名称"), errors)
    address = required(data.address, "address", _("地址"), errors)
    if data.kind is None:
        errors.setdefault("kind", []).append(_("请选择场所类型"))
    point: tuple[float, float] | None = None
    if (data.lat is None) != (data.lng is None):
        errors.setdefault("lat", []).append(_("经纬度须同时填写"))
    elif data.lat is not None:
        try:
            point = validate_point(data.lat, data.lng)
        except ValidationError as exc:
            errors.setdefault("lat", []).extend(exc.messages)
    if data.risk_colour and data.risk_colour not in RiskColour.values:
        errors.setdefault("risk_colour", []).append(_("风险等级无效"))
    grid = data.grid if data.grid is not None or point is None else _grid_at(user, data.community, point)
    located = locate(user, data.community, grid, errors)
    raise_errors(errors)
    assert located is not None
    assert data.kind is not None
    tag_check(data.kind, PLACE_KIND_TAG_SETS, located[0].jurisdiction_id, "kind", errors)
    raise_errors(errors)
    set_location(place, *located)
    place.name, place.address, place.kind = name, address, data.kind
    place.lat, place.lng = data.lat, data.lng
    place.risk_colour = data.risk_colour
    place.note = data.note.strip()


def _apply_organisation(user: User, org: Organisation, data: OrganisationInput) -> None:
    errors: dict[str, list[Any]] = {}
    name = required(data.name, "name", _("名称"), errors)
    code = data.credit_code.strip()
    if code:
        try:
            code = validate_credit_code(code)
        except ValidationError as exc:
            errors.setdefault("credit_code", []).extend(exc.messages)
    phone = protected_input(data.phone, "phone", crypto.validate_phone, errors)
    located = locate(user, data.community, data.grid, errors)
    raise_errors(errors)
    assert located is not None
    tag_check(data.kind, ORGANISATION_KIND_TAG_SETS, located[0].jurisdiction_id, "kind", errors)
    raise_errors(errors)
    set_location(org, *located)
    org.name, org.credit_code, org.kind = name, code, data.kind
    org.address = data.address.strip()
    org.contact_person = data.contact_person.strip()
    org.note = data.note.strip()
    if phone is not None:
        org.phone = phone


def create_household(*, acting_user: User, data: HouseholdInput) -> Household:
    h = Household()
    return create_record(
        acting_user, h, lambda: _apply_household(acting_user, h, data), HOUSEHOLD_AUDIT_FIELDS
    )


def update_household(
    *, acting_user: User, household: Household, data: HouseholdInput, expected_version: int
) -> Household:
    return update_record(
        acting_user,
        household,
        expected_version,
        lambda h: _apply_household(acting_user, h, data),
        HOUSEHOLD_AUDIT_FIELDS,
    )


def archive_household(*, acting_user: User, household: Household, expected_version: int) -> Household:
    return set_archived(
        acting_user, household, expected_version, lambda h: snapshot(h, HOUSEHOLD_AUDIT_FIELDS)
    )


def create_place(*, acting_user: User, data: PlaceInput) -> Place:
    p = Place()
    return create_record(acting_user, p, lambda: _apply_place(acting_user, p, data), PLACE_AUDIT_FIELDS)


def update_place(*, acting_user: User, place: Place, data: PlaceInput, expected_version: int) -> Place:
    return update_record(
        acting_user, place, expected_version, lambda p: _apply_place(acting_user, p, data), PLACE_AUDIT_FIELDS
    )


def archive_place(*, acting_user: User, place: Place, expected_version: int) -> Place:
    return set_archived(acting_user, place, expected_version, lambda p: snapshot(p, PLACE_AUDIT_FIELDS))


def create_organisation(*, acting_user: User, data: OrganisationInput) -> Organisation:
    o = Organisation()
    return create_record(
        acting_user, o, lambda: _apply_organisation(acting_user, o, data), ORGANISATION_AUDIT_FIELDS
    )


def update_organisation(
    *, acting_user: User, organisation: Organisation, data: OrganisationInput, expected_version: int
) -> Organisation:
    return update_record(
        acting_user,
        organisation,
        expected_version,
        lambda o: _apply_organisation(acting_user, o, data),
        ORGANISATION_AUDIT_FIELDS,
    )


def archive_organisation(
    *, acting_user: User, organisation: Organisation, expected_version: int
) -> Organisation:
    return set_archived(
        acting_user, organisation, expected_version, lambda o: snapshot(o, ORGANISATION_AUDIT_FIELDS)
    )
