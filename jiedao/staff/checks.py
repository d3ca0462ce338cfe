"""Checks of staff input: whole, every error at once, nothing written (see `actions`)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jiedao.core import crypto, staffing
from jiedao.core.models import (
    Community,
    Department,
    Grid,
    InspectionArea,
    Jurisdiction,
    Role,
    User,
)

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


def one_time_password(username: str = "") -> str:
    """A random password shown once: 12 characters of letters and digits without look-alikes,
    drawn again until it passes the password rules like any other."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
    while True:
        value = "".join(secrets.choice(alphabet) for _ in range(12))
        try:
            validate_password(value, User(username=username))
        except ValidationError:
            continue
        return value


def check_password(raw: str, *, username: str) -> None:
    """A password chosen by someone (not drawn): the rules, as ValidationError({"password": …})."""
    try:
        validate_password(raw, User(username=username))
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None


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
