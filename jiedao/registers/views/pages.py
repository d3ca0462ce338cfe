"""Register pages that read: list with filters and pagination, detail with history, export, evidence."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jiedao.core.audit import history
from jiedao.registers import access as acc
from jiedao.registers.actions.base import stage_history
from jiedao.registers.catalog import LEDGER, RegisterDef
from jiedao.registers.choices import filter_choices
from jiedao.registers.excel.export import export_workbook
from jiedao.registers.forms import PlannedForm, StageForm
from jiedao.registers.views.common import cell, register_for, user_of

PAGE_SIZE = 20


def _cell(value: Any) -> tuple[str, bool]:
    """Display text and whether it is a number (numbers align right)."""
    return cell(value), isinstance(value, int | Decimal) and not isinstance(value, bool)


@login_required
@require_GET
def register_list(request: HttpRequest, key: str) -> HttpResponse:
    rdef = register_for(request, key)
    user = user_of(request)
    qs, flt = rdef.rows(user, request.GET)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    columns = [c for c in rdef.columns if c.in_list]
    rows = [(obj, [_cell(c.value(obj)) for c in columns]) for obj in page.object_list]
    query = flt.as_query()
    context = {
        "rdef": rdef,
        "columns": columns,
        "rows": rows,
        "page": page,
        "query": query,
        "choices": filter_choices(user, rdef),
        "can_add": acc.can_add(user, rdef.access),
        "can_import": rdef.key != "structures" and acc.can_add(user, rdef.access),
        "detail_url": f"registers:{rdef.key}_detail",
    }
    return render(request, "registers/list.html", context)


@login_required
@require_GET
def register_export(request: HttpRequest, key: str) -> HttpResponse:
    rdef = register_for(request, key)
    qs, _flt = rdef.rows(user_of(request), request.GET)
    data = export_workbook(rdef, qs)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{rdef.key}-{stamp}.xlsx"'
    return response


def detail_context(request: HttpRequest, rdef: RegisterDef, obj: Any, **forms: Any) -> dict[str, Any]:
    user = user_of(request)
    can_edit = acc.can_edit(user, obj, rdef.access)
    staged = bool(rdef.flows)
    context: dict[str, Any] = {
        "rdef": rdef,
        "obj": obj,
        "fields": [(c.header, cell(c.value(obj))) for c in rdef.columns if not c.milestone],
        "can_edit": can_edit,
        "history": history(obj)[:50],
        "object_type": obj._meta.label_lower,
        "edit_url": f"registers:{rdef.key}_edit",
    }
    if staged:
        flow = obj.flow
        ms = {m.stage: m for m in obj.milestones.all()}
        context["milestones"] = [(s, ms.get(s.code)) for s in flow.stages]
        context["stage_changes"] = [
            (c, flow.label(c.from_stage), flow.label(c.to_stage)) for c in stage_history(obj)
        ]
        if can_edit:
            following = flow.following(obj.stage)
            initial = {
                "version": obj.version,
                "stage": following[0].code if following else obj.stage,
                "on": timezone.localdate(),
            }
            context["stage_form"] = forms.get("stage_form") or StageForm(initial=initial, flow=flow)
            planned = {f"planned_{k}": m.planned_date for k, m in ms.items()}
            context["planned_form"] = forms.get("planned_form") or PlannedForm(
                initial={"version": obj.version, **planned}, flow=flow
            )
    return context


@login_required
@require_GET
def register_detail(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    rdef = register_for(request, key)
    obj = rdef.get(user_of(request), pk)
    return render(request, "registers/detail.html", detail_context(request, rdef, obj))


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A ledger entry's evidence, only to those who may read the entry (never public media)."""
    entry = LEDGER.get(user_of(request), pk)
    if not entry.evidence:
        raise Http404
    inline = entry.evidence_type.startswith("image/") or entry.evidence_type == "application/pdf"
    response = FileResponse(
        entry.evidence.open("rb"), content_type=entry.evidence_type, as_attachment=not inline
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response
