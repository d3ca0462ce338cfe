"""Forms of the registry pages: they parse and check formats, then hand an *Input to an action.

Edit forms never carry plaintext personal data: ID and phone fields start empty and an empty
value on edit means "keep the stored number".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jiedao.core import crypto
from jiedao.core.models import Community, Grid, Tag, User
from jiedao.registry import queries
from jiedao.registry.actions import HouseholdInput, OrganisationInput, PlaceInput, ResidentInput
from jiedao.registry.models import (
    ORGANISATION_KIND_TAG_SETS,
    PLACE_KIND_TAG_SETS,
    RESIDENT_TAG_SETS,
    Household,
    ResidenceType,
    RiskColour,
)
from jiedao.registry.validators import validate_credit_code

NO_AUTOFILL = forms.TextInput(attrs={"autocomplete": "off"})


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes that carry their group's label, so a template can head each tag set."""

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        groups = super().optgroups(name, value, attrs)
        for group_name, options, _index in groups:
            for option in options:
                option["group"] = group_name or ""
        return groups


def group_tags(field: forms.Field, tags: QuerySet[Tag], order: tuple[str, ...]) -> None:
    """Offer `tags` in the field grouped by tag set (in the registry's declared order), each
    group labelled with the set's configured name; validation still goes through `tags`."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = tags
    groups: dict[str, list[tuple[int, str]]] = {}
    names: dict[str, str] = {}
    for tag in tags:
        groups.setdefault(tag.tag_set, []).append((tag.pk, tag.name))
        names.setdefault(tag.tag_set, tag.tag_set_name or tag.tag_set)
    rank = {code: i for i, code in enumerate(order)}
    grouped: list[Any] = [
        (names[code], groups[code]) for code in sorted(groups, key=lambda c: (rank.get(c, len(rank)), c))
    ]
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + grouped


class BootstrapMixin:
    """Adds Bootstrap 5 classes to every widget."""

    fields: dict[str, forms.Field]

    def style(self) -> None:
        for f in self.fields.values():
            w = f.widget
            if isinstance(w, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                w.attrs.setdefault("class", "form-check-input")
            elif isinstance(w, forms.Select):
                w.attrs.setdefault("class", "form-select")
            else:
                w.attrs.setdefault("class", "form-control")


class LocatedForm(BootstrapMixin, forms.Form):
    """Community and grid choices limited to where the user works."""

    community = forms.ModelChoiceField(
        label=_("村社"), queryset=Community.objects.none(), required=False, empty_label=_("（由网格确定）")
    )
    grid = forms.ModelChoiceField(
        label=_("网格"),
        queryset=Grid.objects.none(),
        required=False,
        empty_label=_("（不指定网格）"),
        help_text=_("选择网格后村社自动确定"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["community"].queryset = queries.communities_for(user)  # type: ignore[attr-defined]
        self.fields["grid"].queryset = queries.grids_for(user)  # type: ignore[attr-defined]


class VersionedForm(LocatedForm):
    """An edit form: carries the version the editor loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResidentForm(VersionedForm):
    field_order = ["name", "id_number", "phone", "clear_phone", "residence_type"]
    name = forms.CharField(label=_("姓名"), max_length=60)
    id_number = forms.CharField(
        label=_("身份证号码"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    clear_phone = forms.BooleanField(label=_("清除联系电话"), required=False)
    residence_type = forms.ChoiceField(
        label=_("人口类型"), choices=ResidenceType.choices, initial=ResidenceType.REGISTERED
    )
    household = forms.ModelChoiceField(
        label=_("所属户"), queryset=Household.objects.none(), required=False, empty_label=_("（无）")
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("标签"),
        queryset=Tag.objects.none(),
        required=False,
        widget=GroupedCheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.editing = editing
        self.fields["household"].queryset = queries.households_for(user)  # type: ignore[attr-defined]
        group_tags(self.fields["tags"], queries.resident_tags_for(user), RESIDENT_TAG_SETS)
        if editing:
            keep = _("留空则保持原号码不变")
            self.fields["id_number"].help_text = keep
            self.fields["phone"].help_text = keep
        else:
            del self.fields["clear_phone"]
        self.style()

    def clean_id_number(self) -> str:
        value = self.cleaned_data["id_number"].strip()
        return crypto.validate_id_number(value) if value else ""

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return crypto.validate_phone(value) if value else ""

    def to_input(self) -> ResidentInput:
        d = self.cleaned_data
        id_number: str | None = d["id_number"]
        phone: str | None = d["phone"]
        if self.editing:
            id_number = id_number or None
            phone = "" if d.get("clear_phone") else (phone or None)
        return ResidentInput(
            name=d["name"],
            community=d["community"],
            grid=d["grid"],
            id_number=id_number,
            phone=phone,
            household=d["household"],
            residence_type=d["residence_type"],
            tags=list(d["tags"]),
            note=d["note"],
        )


class HouseholdForm(VersionedForm):
    field_order = ["address", "number"]
    number = forms.CharField(label=_("户号"), max_length=40, required=False)
    address = forms.CharField(label=_("地址"), max_length=200)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.style()

    def to_input(self) -> HouseholdInput:
        d = self.cleaned_data
        return HouseholdInput(
            address=d["address"], number=d["number"], community=d["community"], grid=d["grid"], note=d["note"]
        )


class PlaceForm(VersionedForm):
    field_order = ["name", "kind", "address"]
    name = forms.CharField(label=_("名称"), max_length=120)
    kind = forms.ModelChoiceField(label=_("类型"), queryset=Tag.objects.none())
    address = forms.CharField(label=_("地址"), max_length=200)
    lat = forms.FloatField(label=_("纬度"), required=False, min_value=-90, max_value=90)
    lng = forms.FloatField(label=_("经度"), required=False, min_value=-180, max_value=180)
    risk_colour = forms.ChoiceField(
        label=_("风险等级"), choices=[("", _("未评定")), *RiskColour.choices], required=False
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        group_tags(self.fields["kind"], queries.place_kinds_for(user), PLACE_KIND_TAG_SETS)
        self.style()

    def to_input(self) -> PlaceInput:
        d = self.cleaned_data
        return PlaceInput(
            name=d["name"],
            kind=d["kind"],
            address=d["address"],
            community=d["community"],
            grid=d["grid"],
            lat=d["lat"],
            lng=d["lng"],
            risk_colour=d["risk_colour"],
            note=d["note"],
        )


class OrganisationForm(VersionedForm):
    field_order = ["name", "credit_code", "kind"]
    name = forms.CharField(label=_("名称"), max_length=120)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=30, required=False)
    kind = forms.ModelChoiceField(label=_("类型"), queryset=Tag.objects.none(), required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=60, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        group_tags(self.fields["kind"], queries.organisation_kinds_for(user), ORGANISATION_KIND_TAG_SETS)
        self.style()

    def clean_credit_code(self) -> str:
        value = self.cleaned_data["credit_code"].strip()
        return validate_credit_code(value) if value else ""

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return crypto.validate_phone(value) if value else ""

    def to_input(self) -> OrganisationInput:
        d = self.cleaned_data
        return OrganisationInput(
            name=d["name"],
            credit_code=d["credit_code"],
            kind=d["kind"],
            address=d["address"],
            contact_person=d["contact_person"],
            phone=d["phone"],
            community=d["community"],
            grid=d["grid"],
            note=d["note"],
        )


class ResidentFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=60)
    community = forms.ModelChoiceField(
        label=_("村社"), queryset=Community.objects.none(), required=False, empty_label=_("全部村社")
    )
    grid = forms.ModelChoiceField(
        label=_("网格"), queryset=Grid.objects.none(), required=False, empty_label=_("全部网格")
    )
    tag = forms.ModelChoiceField(
        label=_("标签"), queryset=Tag.objects.none(), required=False, empty_label=_("全部标签")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("姓名，或完整身份证号/手机号")
        self.fields["community"].queryset = queries.communities_for(user)  # type: ignore[attr-defined]
        self.fields["grid"].queryset = queries.grids_for(user)  # type: ignore[attr-defined]
        group_tags(self.fields["tag"], queries.resident_tags_for(user), RESIDENT_TAG_SETS)
        self.style()

    def filters(self) -> dict[str, Any]:
        """The chosen filters as ids (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"],
            "community": d["community"].pk if d["community"] else None,
            "grid": d["grid"].pk if d["grid"] else None,
            "tag": d["tag"].pk if d["tag"] else None,
        }


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show an action's field errors on the form (unknown fields become form-wide errors)."""
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
