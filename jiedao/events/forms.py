"""Forms of the event pages. They draw the controls and collect raw values; the rules live in
`jiedao.events.intake` and the engine, so the page, the phone and the API refuse the same input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Channel, Rating, TimeStatus
from jiedao.core.models import Community, Department, Grid, Platform
from jiedao.core.models.org import Urgency
from jiedao.events.categories import category_choices as category_choices
from jiedao.events.kind import STATES

ANY = [("", _("全部"))]
FLAG_LABELS = {
    "overdue": _("超期"),
    "unresolved": _("未办结"),
    "supervised": _("督办中"),
    "extension": _("延期待审批"),
}


def _select(**attrs: str) -> forms.Select:
    return forms.Select(attrs={"class": "form-select form-select-sm", **attrs})


def active_grids(jurisdiction_ids: set[int] | None) -> Any:
    qs = Grid.objects.filter(boundary_set__active=True).select_related("community").order_by("code")
    if jurisdiction_ids is not None:
        qs = qs.filter(jurisdiction_id__in=jurisdiction_ids)
    return qs


class EventFilterForm(forms.Form):
    """The list page's filter controls; values are parsed by EventFilter, never trusted from here."""

    q = forms.CharField(
        label=_("搜索"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm",
                "placeholder": _("编号、标题或地址"),
                "type": "search",
            }
        ),
    )
    state = forms.ChoiceField(label=_("状态"), required=False, widget=_select())
    platform = forms.ChoiceField(label=_("平台"), required=False, widget=_select())
    category = forms.ChoiceField(label=_("分类"), required=False, widget=_select())
    community = forms.ChoiceField(label=_("村社"), required=False, widget=_select())
    grid = forms.ChoiceField(label=_("网格"), required=False, widget=_select())
    department = forms.ChoiceField(label=_("处置部门"), required=False, widget=_select())
    channel = forms.ChoiceField(label=_("来源渠道"), required=False, widget=_select())
    time_status = forms.ChoiceField(label=_("时效"), required=False, widget=_select())
    flag = forms.ChoiceField(label=_("标记"), required=False, widget=_select())
    date_from = forms.DateField(
        label=_("上报日期从"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
    )
    date_to = forms.DateField(
        label=_("至"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
    )

    def __init__(self, *args: Any, jurisdiction_ids: set[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        def scoped(qs: Any) -> Any:
            return qs if jurisdiction_ids is None else qs.filter(jurisdiction_id__in=jurisdiction_ids)

        f = self.fields
        f["state"].choices = ANY + [(s.code, s.label) for s in STATES.values()]  # type: ignore[attr-defined]
        f["platform"].choices = ANY + [(str(p.pk), p.name) for p in scoped(Platform.objects.all())]  # type: ignore[attr-defined]
        f["category"].choices = ANY + category_choices(jurisdiction_ids)  # type: ignore[attr-defined]
        f["department"].choices = ANY + [  # type: ignore[attr-defined]
            (str(d.pk), d.name) for d in scoped(Department.objects.all())
        ]
        f["community"].choices = ANY + [(str(c.pk), c.name) for c in scoped(Community.objects.all())]  # type: ignore[attr-defined]
        f["grid"].choices = ANY + [  # type: ignore[attr-defined]
            (str(g.pk), f"{g.community.name} · {g.name}") for g in active_grids(jurisdiction_ids)
        ]
        f["channel"].choices = ANY + list(Channel.choices)  # type: ignore[attr-defined]
        f["time_status"].choices = ANY + list(TimeStatus.choices)  # type: ignore[attr-defined]
        f["flag"].choices = ANY + list(FLAG_LABELS.items())  # type: ignore[attr-defined]


class EventIntakeForm(forms.Form):
    """上报事件: draws the intake controls; `validate_event` decides what is acceptable."""

    title = forms.CharField(
        label=_("标题"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("事件描述"), widget=forms.Textarea(attrs={"class": "form-control", "rows": 4})
    )
    category = forms.ChoiceField(
        label=_("事件分类"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    urgency = forms.ChoiceField(
        label=_("紧急程度"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    channel = forms.ChoiceField(
        label=_("来源渠道"), choices=Channel.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    lat = forms.CharField(
        label=_("纬度"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "inputmode": "decimal"}),
    )
    lng = forms.CharField(
        label=_("经度"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "inputmode": "decimal"}),
    )
    address = forms.CharField(
        label=_("地址"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    grid = forms.ChoiceField(
        label=_("网格"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    reporter_name = forms.CharField(
        label=_("反映人"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    reporter_phone = forms.CharField(
        label=_("联系电话"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "tel", "autocomplete": "off"}),
    )
    anonymous = forms.BooleanField(
        label=_("匿名反映"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )

    def __init__(
        self, *args: Any, jurisdiction_id: int, grids: QuerySet[Grid], default_channel: str, **kwargs: Any
    ) -> None:
        """`grids`: the grids the reporter may report into (`intake.reportable_grids`)."""
        super().__init__(*args, **kwargs)
        ids = {jurisdiction_id}
        self.fields["category"].choices = [("", _("请选择（可不选）")), *category_choices(ids)]  # type: ignore[attr-defined]
        self.fields["grid"].choices = [("", _("按地图选点自动确定"))] + [  # type: ignore[attr-defined]
            (str(g.pk), f"{g.community.name} · {g.name}")
            for g in grids.select_related("community").order_by("code")
        ]
        self.fields["channel"].initial = default_channel


class PublicRateForm(forms.Form):
    """The reporter's rating page: case number, the code they kept, and their rating."""

    number = forms.CharField(
        label=_("案件编号"),
        max_length=32,
        widget=forms.TextInput(attrs={"class": "form-control form-control-lg", "autocomplete": "off"}),
    )
    code = forms.CharField(
        label=_("评价码"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "off",
                "autocapitalize": "characters",
            }
        ),
    )
    rating = forms.TypedChoiceField(
        label=_("您对办理结果是否满意？"),
        coerce=int,
        choices=sorted(Rating.choices, reverse=True),
        widget=forms.RadioSelect,
    )
    rating_note = forms.CharField(
        label=_("意见或建议（可不填）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )
