"""Judging every row of a staff sheet before anything is written.

`plan` turns the rows into what `apply` will do (create or update whom, with which roles), or
refuses the sheet with every problem, each as 第N行“列”：原因. The final checks are the staff
pages' own (`staff.actions.check_all`), so a sheet cannot do what the pages refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from jiedao.core import crypto, staffing
from jiedao.core.models import Community, Department, Grid, InspectionArea, Jurisdiction, Role, User
from jiedao.staff import actions
from jiedao.staff.access import staff_of
from jiedao.staff.checks import PersonData, RoleSpec
from jiedao.staff.imports import columns as col
from jiedao.staff.imports.errors import ImportRefused, row_error
from jiedao.staff.imports.parse import Row, Sheet
from jiedao.staff.roles_form import staff_role_choices

SEPARATORS = re.compile(r"[,，、;；/\s]+")
YES = {"是", "y", "yes", "1", "true", "√", "✓"}
NO = {"否", "n", "no", "0", "false", "×", "x", ""}
# The role each core scope column narrows, and which of them cannot go without it.
ROLE_OF_COLUMN = {
    col.GRID: Role.GRID_WORKER,
    col.COMMUNITY: Role.GRID_LEADER,
    col.DEPARTMENT: Role.HANDLER,
    col.AREA: Role.INSPECTOR,
}
COLUMN_OF_ROLE: dict[str, str] = {role: key for key, role in ROLE_OF_COLUMN.items()}
SCOPE_REQUIRED = {Role.GRID_WORKER, Role.GRID_LEADER, Role.HANDLER}
FIELD_OF_COLUMN = {
    col.GRID: "grid",
    col.COMMUNITY: "community",
    col.DEPARTMENT: "department",
    col.AREA: "inspection_area",
}
# Where the staff checks' field errors land in the sheet.
COLUMN_OF_FIELD = {
    "username": col.USERNAME,
    "display_name": col.DISPLAY_NAME,
    "phone": col.PHONE,
    "department": col.UNIT,
    "post": col.POST,
    "roles": col.ROLES,
}


@dataclass
class PlannedRow:
    """What one valid row does: create a person (`person` None) or update that one."""

    number: int
    person: User | None
    data: PersonData
    roles: list[RoleSpec]


@dataclass
class Lookups:
    """The jurisdiction's codes, read once for the whole sheet (lower-cased)."""

    departments: dict[str, Department]
    by_column: dict[str, dict[str, Any]]  # scope column key -> {code: object or unit id}
    roles: dict[str, str]  # label or value -> role value
    existing: dict[str, User]  # lower-cased username -> user
    own: set[int]  # ids of the jurisdiction's people


@dataclass
class RowCheck:
    row: Row
    headers: dict[str, str]
    errors: list[str] = field(default_factory=list)
    wrong: set[str] = field(default_factory=set)  # the columns already found wrong

    def error(self, key: str, reason: str) -> None:
        self.wrong.add(key)
        self.errors.append(row_error(self.row.number, self.headers[key], reason))


def plan(sheet: Sheet, jurisdiction: Jurisdiction) -> list[PlannedRow]:
    """Every row's change, or ImportRefused with every row's problems."""
    lookups = _lookups(sheet, jurisdiction)
    headers = {c.key: c.header for c in col.columns()}
    errors: list[str] = []
    planned: list[PlannedRow] = []
    first_row: dict[str, int] = {}
    for row in sheet.rows:
        check = RowCheck(row, headers)
        item = _plan_row(check, lookups, jurisdiction, first_row)
        errors += check.errors
        if item is not None:
            planned.append(item)
    if errors:
        raise ImportRefused(errors)
    return planned


def _lookups(sheet: Sheet, jurisdiction: Jurisdiction) -> Lookups:
    def by_code(rows: Any) -> dict[str, Any]:
        return {obj.code.lower(): obj for obj in rows}

    departments = by_code(Department.objects.filter(jurisdiction=jurisdiction))
    by_column: dict[str, dict[str, Any]] = {
        col.COMMUNITY: by_code(Community.objects.filter(jurisdiction=jurisdiction)),
        col.GRID: by_code(Grid.objects.filter(jurisdiction=jurisdiction, boundary_set__active=True)),
        col.DEPARTMENT: departments,
        col.AREA: by_code(InspectionArea.objects.filter(jurisdiction=jurisdiction)),
    }
    for unit in staffing.scope_units():
        if col.unit_key(unit) in sheet.columns:
            by_column[col.unit_key(unit)] = {
                code.lower(): pk for code, pk in unit.codes(jurisdiction).items()
            }
    roles: dict[str, str] = {}
    with translation.override("zh-hans"):
        for value, label in staff_role_choices():
            roles[label] = value
            roles[value] = value
    names = {row.get(col.USERNAME).lower() for row in sheet.rows if row.get(col.USERNAME)}
    existing: dict[str, User] = {
        u.lower_name: u
        for u in User.objects.annotate(lower_name=Lower("username")).filter(lower_name__in=names)
    }
    own = set(
        staff_of(jurisdiction).filter(pk__in=[u.pk for u in existing.values()]).values_list("pk", flat=True)
    )
    return Lookups(departments, by_column, roles, existing, own)


def _codes(text: str) -> list[str]:
    out: list[str] = []
    for code in SEPARATORS.split(text):
        if code and code not in out:
            out.append(code)
    return out


def _plan_row(
    check: RowCheck, lookups: Lookups, jurisdiction: Jurisdiction, first_row: dict[str, int]
) -> PlannedRow | None:
    row = check.row
    for key in (col.DISPLAY_NAME, col.USERNAME, col.ROLES):
        if not row.get(key):
            check.error(key, _("必填，不能为空"))
    person = _person(check, lookups, first_row)
    phone = _phone(check, person)
    unit = None
    if row.get(col.UNIT):
        unit = lookups.departments.get(row.get(col.UNIT).lower())
        if unit is None:
            check.error(col.UNIT, _("未知的部门代码“%(code)s”") % {"code": row.get(col.UNIT)})
    reveal = _reveal(check)
    specs = _roles(check, lookups, unit, reveal)
    data = PersonData(
        username=row.get(col.USERNAME),
        display_name=row.get(col.DISPLAY_NAME),
        phone=phone,
        department=unit,
        post=row.get(col.POST),
    )
    # The staff pages' own checks, for what the cells above do not judge (a name too long, a
    # username with spaces); a column already found wrong is not reported twice.
    try:
        actions.check_all(data, specs, jurisdiction=jurisdiction, person=person)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            key = COLUMN_OF_FIELD.get(name, col.USERNAME)
            if key not in check.wrong:
                for message in messages:
                    check.error(key, message)
    if check.errors:
        return None
    return PlannedRow(row.number, person, data, specs)


def _person(check: RowCheck, lookups: Lookups, first_row: dict[str, int]) -> User | None:
    """The jurisdiction's person of this username, if any; a username used twice, or by
    someone outside the jurisdiction, is an error."""
    name = check.row.get(col.USERNAME)
    if not name:
        return None
    key = name.lower()
    if key in first_row:
        check.error(
            col.USERNAME, _("与第%(row)d行的用户名“%(name)s”重复") % {"row": first_row[key], "name": name}
        )
        return None
    first_row[key] = check.row.number
    person = lookups.existing.get(key)
    if person is not None and person.pk not in lookups.own:
        check.error(col.USERNAME, _("用户名“%(name)s”已被本街道以外的人员使用") % {"name": name})
        return None
    return person


def _phone(check: RowCheck, person: User | None) -> str:
    text = check.row.get(col.PHONE)
    if not text:
        # Left empty: a new person has none, an existing one keeps theirs (never shown back).
        return person.phone.reveal() if person is not None and person.phone else ""
    digits = crypto.normalise_phone(text)
    if not crypto.MOBILE_RE.fullmatch(digits):
        check.error(col.PHONE, _("“%(value)s”不是11位手机号码") % {"value": text})
        return ""
    return digits


def _reveal(check: RowCheck) -> bool:
    text = check.row.get(col.REVEAL).lower()
    if text in YES:
        return True
    if text not in NO:
        check.error(col.REVEAL, _("请填“是”或“否”"))
    return False


def _roles(check: RowCheck, lookups: Lookups, unit: Department | None, reveal: bool) -> list[RoleSpec]:
    """The row's roles, each with the scope its column names."""
    row = check.row
    resolved = _scopes(check, lookups)
    used: set[str] = set()
    specs: list[RoleSpec] = []
    roles: list[str] = []
    for label in _codes(row.get(col.ROLES)):
        role = lookups.roles.get(label) or lookups.roles.get(label.lower())
        if role is None:
            choices = "、".join(label for label in lookups.roles if not label.isascii())
            check.error(
                col.ROLES, _("未知角色“%(role)s”（可填：%(choices)s）") % {"role": label, "choices": choices}
            )
        elif role not in roles:
            roles.append(role)
    for role in roles:
        key = COLUMN_OF_ROLE.get(role)
        if key is None:
            specs.append(_unit_spec(role, resolved, used, reveal))
            continue
        used.add(key)
        targets = resolved.get(key, [])
        if not targets and key == col.DEPARTMENT and unit is not None and not row.get(key):
            targets = [unit]  # a handler of their own unit
        if not targets and not row.get(key):
            if role in SCOPE_REQUIRED:
                check.error(
                    key, _("%(role)s须填写%(column)s") % {"role": _label(role), "column": check.headers[key]}
                )
                continue
            specs.append(RoleSpec(role, can_reveal_pii=reveal))
        for target in targets:
            spec = RoleSpec(role, can_reveal_pii=reveal)
            setattr(spec, FIELD_OF_COLUMN[key], target)
            specs.append(spec)
    for key in resolved:
        if row.get(key) and key not in used:
            check.error(key, _("此列只用于%(roles)s，本行没有该角色") % {"roles": _roles_of(key)})
    return specs


def _unit_spec(role: str, resolved: dict[str, list[Any]], used: set[str], reveal: bool) -> RoleSpec:
    """A role over the whole jurisdiction, narrowed to the registered units (rooms) it names."""
    spec = RoleSpec(role, can_reveal_pii=reveal)
    for unit in staffing.scope_units():
        key = col.unit_key(unit)
        if role in unit.roles and key in resolved:
            used.add(key)
            if resolved[key]:
                spec.units[unit.key] = set(resolved[key])
    return spec


def _scopes(check: RowCheck, lookups: Lookups) -> dict[str, list[Any]]:
    """{scope column: the objects (or unit ids) its codes name}; unknown codes are errors."""
    out: dict[str, list[Any]] = {}
    for key, known in lookups.by_column.items():
        found: list[Any] = []
        for code in _codes(check.row.get(key)):
            target = known.get(code.lower())
            if target is None:
                check.error(key, _("未知的代码“%(code)s”") % {"code": code})
            elif target not in found:
                found.append(target)
        out[key] = found
    return out


def _label(role: str) -> str:
    return str(Role(role).label)


def _roles_of(key: str) -> str:
    if key in ROLE_OF_COLUMN:
        return _label(ROLE_OF_COLUMN[key])
    unit = staffing.scope_unit(key.removeprefix(col.UNIT_PREFIX))
    return "、".join(_label(r) for r in sorted(unit.roles)) if unit else key
