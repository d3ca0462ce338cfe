"""The role editor: one row per role and scope, a plain Django formset (no JS needed).

Each row picks a role and one scope from a single grouped list (the whole jurisdiction, a
community, a grid, a department, an inspection area, or a unit some app registered, such as a
调解室). Rows of the same role naming registered units merge into one role holding all of them,
which is how a mediator holds several rooms.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.core import staffing
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
from jiedao.staff.checks import RoleSpec

PREFIX = "roles"
SPARE_ROWS = 2  # empty rows offered below the held roles; "再添加一个角色" adds more
WHOLE = ""  # the scope value meaning "the whole jurisdiction"
_MODELS: dict[str, Any] = {
    "community": Community,
    "grid": Grid,
    "department": Department,
    "area": InspectionArea,
}
_FIELD = {"community": "community", "grid": "grid", "department": "department", "area": "inspection_area"}


def staff_role_choices() -> list[tuple[str, str]]:
    """Roles an admin grants (a resident is a member of the public, not staff)."""
    return [(value, str(label)) for value, label in Role.choices if value != Role.RESIDENT]


def scope_choices(jurisdiction: Jurisdiction) -> list[Any]:
    """The grouped scope list for one jurisdiction (a few queries, once per page)."""
    grids = Grid.objects.filter(jurisdiction=jurisdiction, boundary_set__active=True).select_related(
        "community"
    )
    groups: list[Any] = [(WHOLE, _("全街道（%(name)s）") % {"name": jurisdiction.name})]
    rows: list[tuple[Any, list[tuple[str, str]]]] = [
        (
            _("村社"),
            [
                (f"community:{c.pk}", c.name)
                for c in Community.objects.filter(jurisdiction=jurisdiction).order_by("code")
            ],
        ),
        (_("网格"), [(f"grid:{g.pk}", f"{g.community.name} / {g.name}") for g in grids.order_by("code")]),
        (
            _("部门"),
            [
                (f"department:{d.pk}", d.name)
                for d in Department.objects.filter(jurisdiction=jurisdiction).order_by("code")
            ],
        ),
        (
            _("检查片区"),
            [(f"area:{a.pk}", a.name) for a in InspectionArea.objects.filter(jurisdiction=jurisdiction)],
        ),
    ]
    for unit in staffing.scope_units():
        rows.append(
            (unit.label, [(f"unit:{unit.key}:{pk}", label) for pk, label in unit.choices(jurisdiction)])
        )
    groups.extend((label, items) for label, items in rows if items)
    return groups


class RoleForm(forms.Form):
    """One role and its scope."""

    role = forms.ChoiceField(label=gettext_lazy("角色"), required=False)
    scope = forms.ChoiceField(label=gettext_lazy("范围"), required=False)
    can_reveal_pii = forms.BooleanField(label=gettext_lazy("可查看完整个人信息"), required=False)

    def __init__(self, *args: Any, scopes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—"), *staff_role_choices()]  # type: ignore[attr-defined]
        self.fields["scope"].choices = scopes  # type: ignore[attr-defined]
        for name in ("role", "scope"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["can_reveal_pii"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("role") and (data.get("scope") or data.get("can_reveal_pii")):
            self.add_error("role", _("请选择角色"))
        return data


def role_formset(
    jurisdiction: Jurisdiction,
    *,
    data: Any = None,
    initial: list[dict[str, Any]] | None = None,
    scopes: list[Any] | None = None,
) -> Any:
    """The bound or initial formset; `initial` rows plus SPARE_ROWS empty ones."""
    cls = formset_factory(RoleForm, extra=SPARE_ROWS, can_delete=True)
    return cls(
        data=data,
        initial=initial,
        prefix=PREFIX,
        form_kwargs={"scopes": scopes if scopes is not None else scope_choices(jurisdiction)},
    )


def empty_row(jurisdiction: Jurisdiction, index: int) -> forms.Form:
    """One more empty row, numbered `index`, with the formset's 删除 box (the htmx button)."""
    scopes = scope_choices(jurisdiction)
    formset = role_formset(jurisdiction, scopes=scopes)
    row = RoleForm(
        prefix=formset.add_prefix(index), empty_permitted=True, use_required_attribute=False, scopes=scopes
    )
    formset.add_fields(row, index)
    return row


def role_specs(formset: Any, jurisdiction: Jurisdiction) -> list[RoleSpec]:
    """The valid formset's rows as role specs. Rows of one role that name registered units, and
    that role's whole-jurisdiction row, become one spec holding all those units."""
    specs: list[RoleSpec] = []
    by_role: dict[str, RoleSpec] = {}
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("role"):
            continue
        role, reveal = data["role"], bool(data.get("can_reveal_pii"))
        kind, _sep, rest = (data.get("scope") or WHOLE).partition(":")
        if kind in _MODELS:
            spec = RoleSpec(role, can_reveal_pii=reveal)
            setattr(
                spec,
                _FIELD[kind],
                _MODELS[kind].objects.filter(jurisdiction=jurisdiction, pk=int(rest)).first(),
            )
            specs.append(spec)
            continue
        held = by_role.get(role)
        if held is None:
            held = by_role[role] = RoleSpec(role)
            specs.append(held)
        spec = held
        spec.can_reveal_pii = spec.can_reveal_pii or reveal
        if kind == "unit":
            key, _sep, pk = rest.partition(":")
            spec.units.setdefault(key, set()).add(int(pk))
    return specs


def initial_rows(person: User, jurisdiction: Jurisdiction) -> list[dict[str, Any]]:
    """The person's roles in this jurisdiction as formset rows (one row per held unit)."""
    rows: list[dict[str, Any]] = []
    held_units = [(unit, unit.held(person, jurisdiction)) for unit in staffing.scope_units()]
    assignments = RoleAssignment.objects.filter(user=person, jurisdiction=jurisdiction).order_by("pk")
    for ra in assignments:
        reveal = ra.can_reveal_pii
        narrowed = [
            (f, getattr(ra, f"{f}_id")) for f in ("community", "grid", "department", "inspection_area")
        ]
        named = [(f, pk) for f, pk in narrowed if pk]
        if named:
            field, pk = named[0]
            kind = "area" if field == "inspection_area" else field
            rows.append({"role": ra.role, "scope": f"{kind}:{pk}", "can_reveal_pii": reveal})
            continue
        units = [(unit, ids) for unit, ids in held_units if ra.role in unit.roles and ids]
        if not units:
            rows.append({"role": ra.role, "scope": WHOLE, "can_reveal_pii": reveal})
        for unit, ids in units:
            rows.extend(
                {"role": ra.role, "scope": f"unit:{unit.key}:{pk}", "can_reveal_pii": reveal}
                for pk in sorted(ids)
            )
    return rows
