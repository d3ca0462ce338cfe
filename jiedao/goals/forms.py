"""Forms of the goals pages; they parse input, the actions validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jiedao.goals.models import AREA_CHOICES, Direction, TargetKind


class Styled(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs.setdefault("class", css)


MONTHS = [(0, _("全年"))] + [(m, _("%(m)s月") % {"m": m}) for m in range(1, 13)]


class PeriodFields(Styled):
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label=_("月份"), choices=MONTHS, coerce=int, initial=0)


class ManualIndicatorForm(Styled):
    code = forms.CharField(label=_("指标代码"), max_length=60, help_text=_("如 stats.gdp"))
    label = forms.CharField(label=_("指标名称"), max_length=100)
    unit = forms.CharField(label=_("单位"), max_length=20)
    area = forms.ChoiceField(label=_("所属板块"), choices=AREA_CHOICES)
    description = forms.CharField(label=_("说明"), max_length=300, required=False)


class ManualValueForm(PeriodFields):
    value = forms.DecimalField(label=_("数值"), max_digits=16, decimal_places=4)
    source = forms.CharField(label=_("数据来源"), max_length=100, help_text=_("如 统计局"))
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class LockForm(PeriodFields):
    pass


class PlanForm(Styled):
    year = forms.IntegerField(label=_("目标年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=100, required=False)
    text = forms.CharField(label=_("计划文本"), widget=forms.Textarea(attrs={"rows": 12}))


class TargetForm(Styled):
    kind = forms.ChoiceField(label=_("目标类型"), choices=TargetKind.choices)
    subject = forms.CharField(label=_("目标事项"), max_length=200)
    quantity = forms.DecimalField(label=_("目标值"), max_digits=16, decimal_places=4, required=False)
    unit = forms.CharField(label=_("单位"), max_length=20, required=False)
    direction = forms.ChoiceField(label=_("方向"), choices=Direction.choices)
    deadline = forms.DateField(
        label=_("完成时限"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    indicator_code = forms.ChoiceField(label=_("对应指标"), required=False)

    def __init__(self, *args: object, indicators: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("（不对应指标）")), *indicators]


class DoneForm(Styled):
    done = forms.BooleanField(label=_("已完成"), required=False)
    evidence = forms.CharField(label=_("完成情况说明"), max_length=500, required=False)
