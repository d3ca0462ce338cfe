"""Form input of petition pages → the plain dicts intake and filters take (one definition each)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import TimeStatus
from jiedao.core.models import Department
from jiedao.petitions import categories
from jiedao.petitions.kind import STATES
from jiedao.petitions.models import PetitionChannel, PetitionType, Stage

PEOPLE_FIELDS = ("name", "id_number", "phone", "address")
FLAG_LABELS = {
    "collective": _("集体访"),
    "over_level": _("越级访"),
    "repeat": _("重复信访"),
    "backlog": _("积案"),
    "overdue": _("超期未办结"),
    "extension": _("延期待审批"),
    "backlog_open": _("积案未化解"),
}


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", _("全部")), *choices]


class PetitionFilterForm(forms.Form):
    """Draws the list page's filter bar; PetitionFilter parses what it submits."""

    q = forms.CharField(label=_("搜索（编号、标题、信访人姓名、身份证号或电话）"), required=False)
    state = forms.ChoiceField(label=_("状态"), required=False)
    channel = forms.ChoiceField(label=_("信访形式"), required=False)
    petition_type = forms.ChoiceField(label=_("信访类型"), required=False)
    category = forms.ChoiceField(label=_("内容分类"), required=False)
    stage = forms.ChoiceField(label=_("办理阶段"), required=False)
    department = forms.ChoiceField(label=_("责任单位"), required=False)
    time_status = forms.ChoiceField(label=_("时效"), required=False)
    flag = forms.ChoiceField(label=_("标记"), required=False)
    date_from = forms.DateField(
        label=_("登记起"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("登记止"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, jurisdiction_ids: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deps = Department.objects.order_by("code")
        if jurisdiction_ids is not None:
            deps = deps.filter(jurisdiction_id__in=jurisdiction_ids)
        choice: dict[str, list[tuple[str, Any]]] = {
            "state": [(code, s.label) for code, s in STATES.items()],
            "channel": list(PetitionChannel.choices),
            "petition_type": list(PetitionType.choices),
            "category": categories.choices(),
            "stage": list(Stage.choices),
            "department": [(str(d.pk), d.name) for d in deps],
            "time_status": list(TimeStatus.choices),
            "flag": list(FLAG_LABELS.items()),
        }
        for name, values in choice.items():
            self.fields[name].choices = _blank(values)  # type: ignore[attr-defined]
        for f in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(f, forms.ChoiceField)
                else "form-control form-control-sm"
            )
            f.widget.attrs["class"] = css


def intake_data(post: QueryDict) -> dict[str, Any]:
    """The intake form's fields; petitioner rows come as parallel lists, empty rows dropped."""
    rows = zip(*(post.getlist(f"petitioner_{name}") for name in PEOPLE_FIELDS), strict=False)
    people = [dict(zip(PEOPLE_FIELDS, row, strict=True)) for row in rows if any(v.strip() for v in row)]
    data: dict[str, Any] = {
        name: post.get(name, "")
        for name in (
            "title",
            "content",
            "channel",
            "petition_type",
            "content_category",
            "person_count",
            "over_level",
            "repeat_of",
        )
    }
    data["petitioners"] = people
    return data
