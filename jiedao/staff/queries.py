"""Reads of the staff pages: the list with its filters, and the roles of a page of people."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from jiedao.core import crypto, staffing
from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from jiedao.staff.access import staff_in


@dataclass(frozen=True)
class StaffFilters:
    """What the list is narrowed by (empty: no narrowing)."""

    q: str = ""
    role: str = ""
    community: int | None = None
    department: int | None = None
    unit: tuple[str, int] | None = None  # (scope unit key, unit id), e.g. ("room", 3)
    active: bool | None = None
    must_change: bool = False  # in use and still to change the password an admin set or reset


# Active people who have not yet changed the password an admin set, reset or required changing.
MUST_CHANGE = Q(is_active=True, must_change_password=True)
INACTIVE = Q(is_active=False)


def search_staff(jurisdictions: list[Jurisdiction], filters: StaffFilters) -> QuerySet[User]:
    """The managed jurisdictions' people matching `filters`, by name, with their roles there."""
    ids = [j.pk for j in jurisdictions]
    qs = staff_in(ids)
    roles = RoleAssignment.objects.filter(jurisdiction_id__in=ids)
    term = filters.q.strip()
    if term:
        match = Q(display_name__icontains=term) | Q(username__icontains=term)
        with suppress(ValidationError):  # not a phone number: names and usernames only
            match |= Q(phone_bidx=crypto.blind_index(crypto.validate_phone(term), crypto.KIND_PHONE))
        qs = qs.filter(match)
    if filters.role:
        qs = qs.filter(pk__in=roles.filter(role=filters.role).values("user_id"))
    if filters.community is not None:
        in_community = roles.filter(
            Q(community_id=filters.community) | Q(grid__community_id=filters.community)
        )
        qs = qs.filter(pk__in=in_community.values("user_id"))
    if filters.department is not None:
        in_department = roles.filter(department_id=filters.department).values("user_id")
        qs = qs.filter(Q(department_id=filters.department) | Q(pk__in=in_department))
    if filters.unit is not None:
        unit = staffing.scope_unit(filters.unit[0])
        if unit is None or unit.holders is None:
            qs = qs.none()
        else:
            holders = Q(pk__in=[])
            for j in jurisdictions:
                holders |= Q(pk__in=unit.holders(j, filters.unit[1]))
            qs = qs.filter(holders)
    if filters.active is not None:
        qs = qs.filter(is_active=filters.active)
    if filters.must_change:
        qs = qs.filter(MUST_CHANGE)
    held = roles.select_related("community", "grid", "department", "inspection_area", "jurisdiction")
    return (
        qs.select_related("department")
        .prefetch_related(Prefetch("roles", queryset=held.order_by("pk"), to_attr="managed_roles"))
        .order_by("-is_active", "display_name", "username", "pk")
    )


@dataclass(frozen=True)
class RoleLine:
    """One role of a person as the pages print it: 网格员 · 第1网格."""

    role: str
    label: str
    scope: str
    can_reveal_pii: bool = False


def role_lines(people: list[User], jurisdictions: list[Jurisdiction]) -> dict[int, list[RoleLine]]:
    """{person id: their roles with scopes}, people already carrying `managed_roles`; one query
    per registered scope unit and jurisdiction for the units (a mediator's rooms)."""
    ids = [p.pk for p in people]
    units: dict[tuple[str, int], dict[int, set[int]]] = {}
    names: dict[tuple[str, int], dict[int, str]] = {}
    for unit in staffing.scope_units():
        if unit.held_by is None:
            continue
        for j in jurisdictions:
            held = unit.held_by(j, ids) if ids else {}
            if held:
                units[(unit.key, j.pk)] = held
                names[(unit.key, j.pk)] = dict(unit.choices(j))
    out: dict[int, list[RoleLine]] = {}
    for person in people:
        lines = out.setdefault(person.pk, [])
        for ra in getattr(person, "managed_roles", []):
            lines.append(_line(ra, units, names, person.pk, len(jurisdictions) > 1))
    return out


def _line(
    ra: RoleAssignment,
    units: dict[tuple[str, int], dict[int, set[int]]],
    names: dict[tuple[str, int], dict[int, str]],
    person_id: int,
    several: bool,
) -> RoleLine:
    scope: Any = ra.grid or ra.community or ra.department or ra.inspection_area
    text = str(scope) if scope is not None else ""
    if not text:
        for unit in staffing.scope_units():
            if ra.role not in unit.roles:
                continue
            held = units.get((unit.key, ra.jurisdiction_id), {}).get(person_id, set())
            labels = names.get((unit.key, ra.jurisdiction_id), {})
            text = "、".join(labels.get(pk, str(pk)) for pk in sorted(held))
    if not text:
        text = str(ra.jurisdiction)
    elif several:
        text = f"{ra.jurisdiction} · {text}"
    return RoleLine(ra.role, str(Role(ra.role).label), text, ra.can_reveal_pii)
