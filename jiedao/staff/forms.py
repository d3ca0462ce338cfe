"""Forms of the staff pages. They parse; the checks that matter live in `staff.checks`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.core import staffing
from jiedao.core.models import Community, Department, Jurisdiction, User
from jiedao.staff.checks import PersonData
from jiedao.staff.queries import StaffFilters
from jiedao.staff.roles_form import staff_role_choices


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put an action's {field: [messages]} on the form; unknown fields go to the top."""
    for name, messages in exc.message_dict.items():
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)


class PersonForm(forms.Form):
    """A person's facts. The phone is never shown back: empty on edit means "unchanged"."""

    display_name = forms.CharField(label=gettext_lazy("姓名"), required=False)
    username = forms.CharField(label=gettext_lazy("登录账号"), required=False)
    phone = forms.CharField(label=gettext_lazy("手机号"), required=False)
    clear_phone = forms.BooleanField(label=gettext_lazy("清除已登记的手机号"), required=False)
    department = forms.ModelChoiceField(
        label=gettext_lazy("所在单位"), queryset=Department.objects.none(), required=False
    )
    post = forms.CharField(label=gettext_lazy("职务"), required=False)

    def __init__(self, *args: Any, jurisdiction: Jurisdiction, person: User | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.person = person
        department = self.fields["department"]
        department.queryset = Department.objects.filter(jurisdiction=jurisdiction).order_by("code")  # type: ignore[attr-defined]
        department.empty_label = _("（无）")  # type: ignore[attr-defined]
        for name, size in (("display_name", 60), ("username", 150), ("phone", 30), ("post", 60)):
            self.fields[name].widget.attrs.update({"class": "form-control", "maxlength": str(size)})
        department.widget.attrs["class"] = "form-select"
        self.fields["username"].widget.attrs["autocomplete"] = "off"
        phone = self.fields["phone"]
        phone.widget.attrs.update({"autocomplete": "off", "inputmode": "tel"})
        if person is not None and person.phone:
            phone.help_text = _("已登记：%(masked)s。留空表示不变；填写新号码即替换。") % {
                "masked": person.phone.masked
            }
        else:
            phone.help_text = _("11位手机号码或带区号的固定电话，可不填。")
        if person is None or not person.phone:
            del self.fields["clear_phone"]
        else:
            self.fields["clear_phone"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("clear_phone") and (data.get("phone") or "").strip():
            self.add_error("phone", _("填写了新号码就不能同时清除，请二选一"))
        return data

    def person_data(self) -> PersonData:
        data = self.cleaned_data
        phone = (data.get("phone") or "").strip()
        if not phone and self.person is not None and self.person.phone and not data.get("clear_phone"):
            phone = self.person.phone.reveal()  # unchanged: the stored number goes back as it is
        return PersonData(
            username=data.get("username") or "",
            display_name=data.get("display_name") or "",
            phone=phone,
            department=data.get("department"),
            post=data.get("post") or "",
        )


STATUS_CHOICES = [
    ("", gettext_lazy("全部状态")),
    ("active", gettext_lazy("在用")),
    ("inactive", gettext_lazy("已停用")),
    ("must_change", gettext_lazy("待修改密码")),
]


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("搜索"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("角色"), required=False)
    community = forms.TypedChoiceField(
        label=gettext_lazy("村社"), required=False, coerce=int, empty_value=None
    )
    department = forms.TypedChoiceField(
        label=gettext_lazy("部门"), required=False, coerce=int, empty_value=None
    )
    unit = forms.ChoiceField(label=gettext_lazy("其他范围"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("状态"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args: Any, jurisdictions: list[Jurisdiction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [j.pk for j in jurisdictions]
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "type": "search", "placeholder": _("姓名、登录账号或完整手机号")}
        )
        self.fields["role"].choices = [("", _("全部角色")), *staff_role_choices()]  # type: ignore[attr-defined]
        self.fields["community"].choices = [("", _("全部村社"))] + [  # type: ignore[attr-defined]
            (c.pk, c.name)
            for c in Community.objects.filter(jurisdiction_id__in=ids).order_by("jurisdiction", "code")
        ]
        self.fields["department"].choices = [("", _("全部部门"))] + [  # type: ignore[attr-defined]
            (d.pk, d.name)
            for d in Department.objects.filter(jurisdiction_id__in=ids).order_by("jurisdiction", "code")
        ]
        units: list[Any] = []
        for unit in staffing.scope_units():
            if unit.holders is None:
                continue
            items = [(f"{unit.key}:{pk}", label) for j in jurisdictions for pk, label in unit.choices(j)]
            if items:
                units.append((unit.label, items))
        self.fields["unit"].choices = [("", _("全部（调解室等）")), *units]  # type: ignore[attr-defined]
        self.fields["unit"].label = " / ".join(str(u.label) for u in staffing.scope_units()) or _("其他范围")
        for name in ("role", "community", "department", "unit", "status"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def filters(self) -> StaffFilters:
        """The valid parts of the query (a stale or foreign value is simply ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        unit = None
        if data.get("unit"):
            key, _sep, pk = str(data["unit"]).partition(":")
            unit = (key, int(pk))
        status = data.get("status") or ""
        return StaffFilters(
            q=data.get("q") or "",
            role=data.get("role") or "",
            community=data.get("community"),
            department=data.get("department"),
            unit=unit,
            active={"active": True, "inactive": False}.get(status),
            must_change=status == "must_change",
        )


class OwnPasswordForm(PasswordChangeForm):
    """Django's change form (current password, then the new one twice through the configured
    validators), which also refuses keeping the old password."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    def clean_new_password1(self) -> str:
        new = self.cleaned_data.get("new_password1") or ""
        if new and self.user.check_password(new):
            raise ValidationError(_("新密码不能与当前密码相同"), code="password_unchanged")
        return new
