"""The inputs the engine's own effects read (cases/effects.py): a kind's transition table names
these beside its own, so 派发 asks for a department the same way in every kind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiedao.cases.inputs import FormContext, Input
from jiedao.cases.models import Rating
from jiedao.core.models import Department
from jiedao.core.models.org import Urgency


def departments(ctx: FormContext) -> list[tuple[str, str]]:
    """The case's jurisdiction's departments (read once per page)."""
    return ctx.once(
        "departments",
        lambda: [
            (str(d.pk), d.name)
            for d in Department.objects.filter(jurisdiction_id=ctx.case.jurisdiction_id).order_by("code")
        ],
    )


def _department_initial(ctx: FormContext) -> str:
    return str(ctx.case.department_id or "")


DEPARTMENT = Input(
    "department", _("处置部门"), "select", "int", choices=departments, initial=_department_initial
)
URGENCY = Input(
    "urgency",
    _("紧急程度"),
    "select",
    required=False,
    choices=lambda ctx: [(str(v), str(label)) for v, label in Urgency.choices],
    initial=lambda ctx: ctx.case.urgency,
)
RESULT = Input("result", _("处置结果"), "textarea")
DAYS = Input("days", _("延期天数（工作日）"), "number", "int")
RATING = Input(
    "rating",
    _("评价"),
    "radio",
    "int",
    choices=lambda ctx: [(str(v), str(label)) for v, label in sorted(Rating.choices, reverse=True)],
)
RATING_NOTE = Input("rating_note", _("评价意见"), required=False)
TARGET = Input("target", _("合并到的案件编号"))
