"""Forms of the mediation pages. They draw controls and keep what the user typed; the rules live
in `jiedao.mediation.intake` and the effects, so the page and the API refuse the same input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import TimeStatus
from jiedao.core.models import Role, RoleAssignment, User
from jiedao.mediation.kind import STATES
from jiedao.mediation.models import DisputeType, Outcome, Room

ANY = [("", _("全部"))]
SELECT = {"class": "form-select form-select-sm"}
TEXT = {"class": "form-control"}


def _rooms(jurisdiction_id: int) -> list[tuple[str, str]]:
    return [(str(r.pk), r.name) for r in Room.objects.filter(jurisdiction_id=jurisdiction_id, active=True)]


def _types(jurisdiction_id: int) -> list[tuple[str, str]]:
    return [(str(t.pk), t.name) for t in DisputeType.objects.filter(jurisdiction_id=jurisdiction_id)]


class FilterForm(forms.Form):
    """The list page's filter controls; values are parsed by MediationFilter."""

    q = forms.CharField(
        label=_("搜索"),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "type": "search", "placeholder": _("编号或概要")}
        ),
    )
    room = forms.ChoiceField(label=_("调解室"), required=False, widget=forms.Select(attrs=SELECT))
    dispute_type = forms.ChoiceField(label=_("纠纷类型"), required=False, widget=forms.Select(attrs=SELECT))
    state = forms.ChoiceField(label=_("状态"), required=False, widget=forms.Select(attrs=SELECT))
    mediator = forms.ChoiceField(label=_("调解员"), required=False, widget=forms.Select(attrs=SELECT))
    outcome = forms.ChoiceField(label=_("调解结果"), required=False, widget=forms.Select(attrs=SELECT))
    time_status = forms.ChoiceField(label=_("时效"), required=False, widget=forms.Select(attrs=SELECT))
    basis = forms.ChoiceField(
        label=_("期间按"),
        required=False,
        choices=[("received", _("登记日期")), ("concluded", _("调结日期"))],
        widget=forms.Select(attrs=SELECT),
    )
    date_from = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control form-control-sm", "type": "date"}),
    )
    date_to = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control form-control-sm", "type": "date"}),
    )

    def __init__(self, *args: Any, jurisdiction_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["room"].choices = [*ANY, *_rooms(jurisdiction_id), ("0", _("未分派"))]
        fields["dispute_type"].choices = [*ANY, *_types(jurisdiction_id)]
        fields["state"].choices = [*ANY, *[(s.code, s.label) for s in STATES.values()]]
        mediators = User.objects.filter(
            pk__in=RoleAssignment.objects.filter(jurisdiction_id=jurisdiction_id, role=Role.MEDIATOR).values(
                "user_id"
            )
        ).order_by("username")
        fields["mediator"].choices = [*ANY, *[(str(u.pk), str(u)) for u in mediators]]
        fields["outcome"].choices = [*ANY, *[(v, label) for v, label in Outcome.choices if v]]
        fields["time_status"].choices = [*ANY, *[(v, label) for v, label in TimeStatus.choices]]


def _party_fields(prefix: str, *, required: bool) -> dict[str, forms.Field]:
    return {
        f"{prefix}_name": forms.CharField(label=_("姓名或名称"), required=required, max_length=60),
        f"{prefix}_id_number": forms.CharField(label=_("身份证号码"), required=False, max_length=18),
        f"{prefix}_phone": forms.CharField(label=_("联系电话"), required=False, max_length=20),
        f"{prefix}_address": forms.CharField(label=_("住址"), required=False, max_length=200),
    }


class ApplicationForm(forms.Form):
    """调解登记 (walk-in) and 从事件转调解 share this form; `from_event` swaps the facts for a number."""

    event_number = forms.CharField(label=_("事件编号"), max_length=32)
    title = forms.CharField(label=_("纠纷概要"), max_length=200)
    dispute_type = forms.ChoiceField(label=_("纠纷类型"))
    room = forms.ChoiceField(label=_("调解室"), required=False)
    description = forms.CharField(label=_("纠纷事实"), widget=forms.Textarea(attrs={"rows": 4}))
    request = forms.CharField(label=_("申请调解事项"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, jurisdiction_id: int, from_event: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if from_event:
            for name in ("title", "description"):
                del self.fields[name]
            self.fields["request"].required = False
        else:
            del self.fields["event_number"]
        self.fields.update(_party_fields("applicant", required=not from_event))
        self.fields.update(_party_fields("respondent", required=False))
        fields: Any = self.fields
        fields["dispute_type"].choices = [("", _("请选择")), *_types(jurisdiction_id)]
        fields["room"].choices = [("", _("暂不分派")), *_rooms(jurisdiction_id)]
        for f in self.fields.values():
            css = "form-select" if isinstance(f.widget, forms.Select) else "form-control"
            f.widget.attrs.setdefault("class", css)

    def section(self, prefix: str) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(f"{prefix}_")]

    def main(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith(("applicant_", "respondent_"))]
