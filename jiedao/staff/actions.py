"""Every write to staff: people, their roles with scopes, passwords and deactivation.

Each function takes a keyword-only `acting_user`, checks everything first (a ValidationError
maps field → messages and nothing is written), then writes the change and its audit entries in
one transaction. People are never deleted: cases keep their actors.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiedao.core import audit, crypto, staffing
from jiedao.core.audit import snapshot
from jiedao.core.models import (
    Community,
    Department,
    Grid,
    InspectionArea,
    Jurisdiction,
    Role,
    RoleAssignment,
    User,
)

PERSON_FIELDS = [
    "username",
    "display_name",
    "phone",
    "department",
    "post",
    "is_active",
    "must_change_password",
]
ROLE_FIELDS = ["role", "community", "grid", "department", "inspection_area", "can_reveal_pii"]
USERNAME_MAX = 150


@dataclass
class RoleSpec:
    """One role a person is to hold in a jurisdiction, with at most one narrower unit.

    `units` holds the ids of contributed scope units (see `jiedao.core.staffing`), e.g.
    {"room": {3, 4}} for a mediator's rooms.
    """

    role: str
    community: Community | None = None
    grid: Grid | None = None
    department: Department | None = None
    inspection_area: InspectionArea | None = None
    can_reveal_pii: bool = False
    units: dict[str, set[int]] = field(default_factory=dict)


@dataclass
class PersonData:
    """The editable facts of a person (the password is never part of it)."""

    username: str
    display_name: str
    phone: str = ""
    department: Department | None = None
    post: str = ""


def one_time_password() -> str:
    """A random password shown once: 12 characters of letters and digits without look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    while True:
        value = "".join(secrets.choice(alphabet) for _ in range(12))
        if (
            any(c.isupper() for c in value)
            and any(c.islower() for c in value)
            and any(c.isdigit() for c in value)
        ):
            return value


def check_person(
    data: PersonData, *, jurisdiction: Jurisdiction, person: User | None = None
) -> dict[str, Any]:
    """The cleaned field values for `data`, or ValidationError({field: [message]})."""
    errors: dict[str, list[str]] = {}
    username = data.username.strip()
    if not username:
        errors["username"] = [_("请填写登录账号")]
    elif len(username) > USERNAME_MAX or not all(c.isalnum() or c in "@.+-_" for c in username):
        errors["username"] = [_("登录账号只能包含字母、数字和 @ . + - _")]
    else:
        taken = User.objects.filter(username__iexact=username)
        if person is not None:
            taken = taken.exclude(pk=person.pk)
        if taken.exists():
            errors["username"] = [_("登录账号“%(name)s”已被使用") % {"name": username}]
    display_name = data.display_name.strip()
    if not display_name:
        errors["display_name"] = [_("请填写姓名")]
    elif len(display_name) > 60:
        errors["display_name"] = [_("姓名不能超过60个字")]
    phone = ""
    if data.phone.strip():
        try:
            phone = crypto.validate_phone(data.phone)
        except ValidationError as exc:
            errors["phone"] = list(exc.messages)
    if data.department is not None and data.department.jurisdiction_id != jurisdiction.pk:
        errors["department"] = [_("所选单位不属于本街道")]
    post = data.post.strip()
    if len(post) > 60:
        errors["post"] = [_("职务不能超过60个字")]
    if errors:
        raise ValidationError(errors)
    return {
        "username": username,
        "display_name": display_name,
        "phone": phone or None,
        "department": data.department,
        "post": post,
    }


def check_roles(roles: list[RoleSpec], *, jurisdiction: Jurisdiction) -> None:
    """Every role known, every unit of this jurisdiction and fitting the role; else ValidationError."""
    errors: list[str] = []
    known = {value for value, _label in Role.choices}
    for spec in roles:
        if spec.role not in known:
            errors.append(_("未知角色：%(role)s") % {"role": spec.role})
            continue
        label = Role(spec.role).label
        units = [
            u for u in (spec.community, spec.grid, spec.department, spec.inspection_area) if u is not None
        ]
        if len(units) > 1:
            errors.append(_("“%(role)s”只能限定一个范围（村社、网格、部门或检查片区之一）") % {"role": label})
        for unit in units:
            if unit.jurisdiction_id != jurisdiction.pk:
                errors.append(_("“%(role)s”的范围“%(unit)s”不属于本街道") % {"role": label, "unit": unit})
        if spec.role == Role.GRID_WORKER and spec.grid is None:
            errors.append(_("网格员必须指定网格"))
        if spec.role == Role.GRID_LEADER and spec.community is None:
            errors.append(_("网格长必须指定村社"))
        if spec.role == Role.HANDLER and spec.department is None:
            errors.append(_("部门处置人员必须指定部门"))
        for key, ids in spec.units.items():
            unit_kind = staffing.scope_unit(key)
            if unit_kind is None or spec.role not in unit_kind.roles:
                errors.append(_("“%(role)s”不能限定此类范围") % {"role": label})
                continue
            allowed = {pk for pk, _label in unit_kind.choices(jurisdiction)}
            if not ids <= allowed:
                errors.append(
                    _("“%(role)s”的%(unit)s不属于本街道") % {"role": label, "unit": unit_kind.label}
                )
    if len({(s.role, _unit_key(s)) for s in roles}) != len(roles):
        errors.append(_("同一角色和范围重复授权"))
    if errors:
        raise ValidationError({"roles": errors})


def _unit_key(spec: RoleSpec) -> tuple[int | None, ...]:
    return tuple(
        getattr(u, "pk", None) for u in (spec.community, spec.grid, spec.department, spec.inspection_area)
    )


def roles_snapshot(person: User, jurisdiction: Jurisdiction) -> list[dict[str, Any]]:
    """The person's roles in this jurisdiction, JSON-safe, for audit before/after."""
    rows = RoleAssignment.objects.filter(user=person, jurisdiction=jurisdiction).order_by("pk")
    out = [snapshot(ra, ROLE_FIELDS) for ra in rows]
    for unit in staffing.scope_units():
        held = unit.held(person, jurisdiction)
        if held:
            out.append({"unit": unit.key, "ids": sorted(held)})
    return out


def create_person(
    *,
    acting_user: User | None,
    jurisdiction: Jurisdiction,
    data: PersonData,
    roles: list[RoleSpec],
    password: str | None = None,
) -> tuple[User, str]:
    """A new active person with their roles; returns (person, the password to hand over once).

    Without `password` a one-time password is generated and must be changed at first login.
    """
    values = check_person(data, jurisdiction=jurisdiction)
    check_roles(roles, jurisdiction=jurisdiction)
    raw = password or one_time_password()
    with transaction.atomic():
        person = User(**values, password=make_password(raw), must_change_password=password is None)
        person.save()
        _write_roles(person, jurisdiction, roles, acting_user=acting_user)
        audit.record(
            person,
            "create",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            after={**snapshot(person, PERSON_FIELDS), "roles": roles_snapshot(person, jurisdiction)},
        )
    return person, raw


def update_person(
    *, acting_user: User | None, jurisdiction: Jurisdiction, person: User, data: PersonData
) -> bool:
    """Change a person's facts; returns whether anything changed (no audit entry when not)."""
    values = check_person(data, jurisdiction=jurisdiction, person=person)
    before = snapshot(person, PERSON_FIELDS)
    with transaction.atomic():
        for name, value in values.items():
            setattr(person, name, value)
        after = snapshot(person, PERSON_FIELDS)
        if after == before:
            return False
        person.save()
        audit.record(
            person,
            "update",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before=before,
            after=after,
        )
    return True


def set_roles(
    *, acting_user: User | None, jurisdiction: Jurisdiction, person: User, roles: list[RoleSpec]
) -> bool:
    """Make `roles` the person's roles in this jurisdiction (others untouched); returns changed."""
    check_roles(roles, jurisdiction=jurisdiction)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=person.pk).first()
        before = roles_snapshot(person, jurisdiction)
        RoleAssignment.objects.filter(user=person, jurisdiction=jurisdiction).delete()
        _write_roles(person, jurisdiction, roles, acting_user=acting_user)
        after = roles_snapshot(person, jurisdiction)
        if after == before:
            transaction.set_rollback(True)
            return False
        audit.record(
            person,
            "roles",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before={"roles": before},
            after={"roles": after},
        )
    _forget_scope(person)
    return True


def _write_roles(
    person: User, jurisdiction: Jurisdiction, roles: list[RoleSpec], *, acting_user: User | None
) -> None:
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=person,
            jurisdiction=jurisdiction,
            role=spec.role,
            community=spec.community,
            grid=spec.grid,
            department=spec.department,
            inspection_area=spec.inspection_area,
            can_reveal_pii=spec.can_reveal_pii,
        )
        for spec in roles
    )
    for unit in staffing.scope_units():
        wanted: set[int] = set()
        for spec in roles:
            wanted |= spec.units.get(unit.key, set())
        if wanted or unit.held(person, jurisdiction):
            unit.assign(acting_user, person, jurisdiction, wanted)


def _forget_scope(person: User) -> None:
    for name in ("_jiedao_scope", "_jiedao_assignments"):
        person.__dict__.pop(name, None)


def _set_flags(
    person: User, action: str, *, acting_user: User | None, jurisdiction: Jurisdiction, **flags: Any
) -> bool:
    before = {name: getattr(person, name) for name in flags}
    if before == flags:
        return False
    with transaction.atomic():
        User.objects.filter(pk=person.pk).update(**flags)
        for name, value in flags.items():
            setattr(person, name, value)
        audit.record(
            person,
            action,
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before=before,
            after=flags,
        )
    return True


def deactivate(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    """The person can no longer sign in or use a token (next request refused); nothing is deleted."""
    if acting_user is not None and acting_user.pk == person.pk:
        raise ValidationError({"is_active": [_("不能停用自己的账号")]})
    return _set_flags(
        person, "deactivate", acting_user=acting_user, jurisdiction=jurisdiction, is_active=False
    )


def reactivate(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    return _set_flags(
        person, "reactivate", acting_user=acting_user, jurisdiction=jurisdiction, is_active=True
    )


def require_password_change(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> bool:
    """At their next sign-in the person must choose a new password before anything else."""
    return _set_flags(
        person,
        "require_password_change",
        acting_user=acting_user,
        jurisdiction=jurisdiction,
        must_change_password=True,
    )


def reset_password(*, acting_user: User | None, jurisdiction: Jurisdiction, person: User) -> str:
    """Set a one-time password (returned, to be shown once) that must be changed at next sign-in."""
    raw = one_time_password()
    with transaction.atomic():
        person.password = make_password(raw)
        person.must_change_password = True
        person.save(update_fields=["password", "must_change_password"])
        # The audit says that it happened, never the value.
        audit.record(person, "reset_password", acting_user=acting_user, jurisdiction_id=jurisdiction.pk)
    return raw


def change_own_password(*, person: User, new_password: str) -> None:
    """The person's own new password (validated by the caller's form); clears the forced change."""
    with transaction.atomic():
        person.set_password(new_password)
        person.must_change_password = False
        person.save(update_fields=["password", "must_change_password"])
        audit.record(person, "change_password", acting_user=person, jurisdiction_id=None)
