"""Forms of the register pages; each turns into the action's input dataclass (checks live in actions)."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jiedao.core import acting
from jiedao.core.models import Community, Department, Grid, Tag, User
from jiedao.registers import actions
from jiedao.registers.access import Access, jurisdiction_ids
from jiedao.registers.models import SECTOR_TAG_SET, SOURCE_TAG_SET, LandParcel, LedgerType, ProjectKind
from jiedao.registers.stages import PROJECT_FLOWS, Flow

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
SMALL_DATE = forms.DateInput(
    attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
)


def style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select | forms.SelectMultiple):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.CheckboxInput | forms.HiddenInput | forms.FileInput):
            widget.attrs.setdefault("class", "form-control")


class RegisterForm(forms.Form):
    """A form bound to the jurisdictions a user may edit in (a new record: the one they act in,
    where it will be filed); subclasses narrow the choices."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, access: Access, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            self.jur_ids = jurisdiction_ids(user, access, write=True)
        else:
            home = acting.acting_id(user, access.write)
            self.jur_ids = [home] if home is not None else []
        self.editing = editing
        self.setup()
        style(self)

    def setup(self) -> None:
        for name, qs in (
            ("community", Community.objects.filter(jurisdiction_id__in=self.jur_ids)),
            ("department", Department.objects.filter(jurisdiction_id__in=self.jur_ids)),
        ):
            if name in self.fields:
                self.fields[name].queryset = qs  # type: ignore[attr-defined]

    @abstractmethod
    def to_input(self) -> Any:
        """The action's input dataclass built from cleaned_data; each register's form names its own."""

    def initial_dates(self, flow: Flow) -> dict[str, Any]:
        """The initial stage's date from the `since` field (creation only)."""
        if self.editing:
            return {}
        return {flow.initial.code: self.cleaned_data.get("since")}


def _tags(tag_set: str, jur_ids: list[int]) -> Any:
    return Tag.objects.filter(tag_set=tag_set, jurisdiction_id__in=jur_ids)


class ProjectForm(RegisterForm):
    name = forms.CharField(label=_("项目名称"), max_length=120)
    kind = forms.ChoiceField(label=_("项目类型"), choices=ProjectKind.choices)
    sector = forms.ModelChoiceField(label=_("产业领域"), queryset=Tag.objects.none(), required=False)
    source = forms.ModelChoiceField(label=_("项目来源"), queryset=Tag.objects.none(), required=False)
    investment = forms.DecimalField(label=_("投资额（万元）"), max_digits=14, decimal_places=2, min_value=0)
    leader = forms.ModelChoiceField(label=_("责任领导"), queryset=User.objects.none(), required=False)
    department = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Department.objects.none(), required=False
    )
    community = forms.ModelChoiceField(label=_("村社"), queryset=Community.objects.none(), required=False)
    parcels = forms.ModelMultipleChoiceField(
        label=_("关联地块"), queryset=LandParcel.objects.none(), required=False
    )
    since = forms.DateField(label=_("起始日期（在谈/前期）"), required=False, widget=DATE)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def setup(self) -> None:
        super().setup()
        f = self.fields
        f["sector"].queryset = _tags(SECTOR_TAG_SET, self.jur_ids)  # type: ignore[attr-defined]
        f["source"].queryset = _tags(SOURCE_TAG_SET, self.jur_ids)  # type: ignore[attr-defined]
        f["leader"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            roles__jurisdiction_id__in=self.jur_ids, roles__role="leader"
        ).distinct()
        f["parcels"].queryset = LandParcel.objects.filter(jurisdiction_id__in=self.jur_ids)  # type: ignore[attr-defined]
        if self.editing:
            del f["kind"], f["since"]

    def to_input(self, kind: str | None = None) -> actions.ProjectInput:
        d = self.cleaned_data
        kind = kind or d["kind"]
        return actions.ProjectInput(
            name=d["name"],
            kind=kind,
            sector=d["sector"],
            source=d["source"],
            investment=d["investment"],
            leader=d["leader"],
            department=d["department"],
            community=d["community"],
            parcels=list(d["parcels"]),
            note=d["note"],
            dates=self.initial_dates(PROJECT_FLOWS[kind]),
        )


class ParcelForm(RegisterForm):
    name = forms.CharField(label=_("地块名称"), max_length=120)
    community = forms.ModelChoiceField(label=_("所在村社"), queryset=Community.objects.none())
    area_mu = forms.DecimalField(label=_("面积（亩）"), max_digits=12, decimal_places=2, min_value=0)
    department = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Department.objects.none(), required=False
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def to_input(self) -> actions.ParcelInput:
        d = self.cleaned_data
        return actions.ParcelInput(
            name=d["name"],
            community=d["community"],
            area_mu=d["area_mu"],
            department=d["department"],
            note=d["note"],
        )


class StructureForm(RegisterForm):
    address = forms.CharField(label=_("地址"), max_length=200)
    community = forms.ModelChoiceField(label=_("村社"), queryset=Community.objects.none(), required=False)
    grid = forms.ModelChoiceField(label=_("网格"), queryset=Grid.objects.none(), required=False)
    lat = forms.FloatField(label=_("纬度"), required=False)
    lng = forms.FloatField(label=_("经度"), required=False)
    area_m2 = forms.DecimalField(label=_("面积（平方米）"), max_digits=12, decimal_places=2, min_value=0)
    since = forms.DateField(label=_("发现日期"), required=False, widget=DATE)
    notice_deadline = forms.DateField(label=_("限期拆除日期"), required=False, widget=DATE)
    description = forms.CharField(
        label=_("情况描述"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self) -> None:
        super().setup()
        self.fields["grid"].queryset = Grid.objects.filter(  # type: ignore[attr-defined]
            jurisdiction_id__in=self.jur_ids, boundary_set__active=True
        )
        if self.editing:
            del self.fields["since"]

    def to_input(self) -> actions.StructureInput:
        from jiedao.registers.stages import STRUCTURE

        d = self.cleaned_data
        return actions.StructureInput(
            address=d["address"],
            area_m2=d["area_m2"],
            community=d["community"],
            grid=d["grid"],
            lat=d["lat"],
            lng=d["lng"],
            description=d["description"],
            notice_deadline=d["notice_deadline"],
            dates=self.initial_dates(STRUCTURE),
        )


class LedgerForm(RegisterForm):
    type = forms.ModelChoiceField(label=_("类型"), queryset=LedgerType.objects.none())
    date = forms.DateField(label=_("日期"), widget=DATE)
    title = forms.CharField(label=_("事项"), max_length=200)
    quantity = forms.DecimalField(label=_("数量"), max_digits=12, decimal_places=2)
    level = forms.ChoiceField(label=_("级别"), required=False)
    attendance = forms.IntegerField(label=_("参加人数"), required=False, min_value=0)
    community = forms.ModelChoiceField(label=_("村社"), queryset=Community.objects.none(), required=False)
    department = forms.ModelChoiceField(label=_("部门"), queryset=Department.objects.none(), required=False)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("佐证材料（图片或 PDF）"), required=False)

    def setup(self) -> None:
        super().setup()
        types = LedgerType.objects.filter(jurisdiction_id__in=self.jur_ids)
        self.fields["type"].queryset = types  # type: ignore[attr-defined]
        levels: dict[str, str] = {}
        for t in types:
            for lv in t.levels or []:
                levels.setdefault(lv["code"], lv["name"])
        self.fields["level"].choices = [("", "—"), *levels.items()]  # type: ignore[attr-defined]

    def to_input(self) -> actions.LedgerInput:
        d = self.cleaned_data
        return actions.LedgerInput(
            type=d["type"],
            date=d["date"],
            title=d["title"],
            quantity=d["quantity"],
            level=d["level"],
            attendance=d["attendance"],
            community=d["community"],
            department=d["department"],
            note=d["note"],
            evidence=d["evidence"],
        )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("变更为"))
    on = forms.DateField(label=_("实际日期"), required=False, widget=DATE)
    reason = forms.CharField(label=_("原因（退回时必填）"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, flow: Flow, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = flow.choices()  # type: ignore[attr-defined]
        style(self)


class PlannedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, flow: Flow, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for s in flow.stages:
            self.fields[f"planned_{s.code}"] = forms.DateField(
                label=str(s.label), required=False, widget=SMALL_DATE
            )
        self.flow = flow
        style(self)

    def planned(self) -> dict[str, Any]:
        return {s.code: self.cleaned_data.get(f"planned_{s.code}") for s in self.flow.stages}
