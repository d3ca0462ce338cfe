"""Report pages: the list with the "生成年度总结" button, downloads, and the web version.

Only leaders and admins of a jurisdiction see its reports; anything else answers 403 (the page)
or 404 (a report of another jurisdiction), the same as a report that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiedao.core.models import Jurisdiction
from jiedao.reports.access import chosen, report_jurisdictions
from jiedao.reports.actions import check_year, generate_report, report_for
from jiedao.reports.appendix import appendix_rows
from jiedao.reports.models import GeneratedReport

LIST_SIZE = 50


def _jurisdictions(request: HttpRequest) -> QuerySet[Jurisdiction]:
    allowed = report_jurisdictions(request.user)  # type: ignore[arg-type]
    if allowed is None:
        raise PermissionDenied
    return allowed


def _chosen(allowed: QuerySet[Jurisdiction], value: str | None) -> Jurisdiction:
    found = chosen(allowed, value)
    if found is None:
        raise Http404
    return found


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - 6, -1))


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    allowed = _jurisdictions(request)
    reports = (
        GeneratedReport.objects.filter(jurisdiction__in=allowed)
        .select_related("jurisdiction", "created_by")
        .order_by("-created_at", "-id")[:LIST_SIZE]
    )
    context = {"reports": reports, "jurisdictions": list(allowed), "years": _years()}
    return render(request, "reports/list.html", context)


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    allowed = _jurisdictions(request)
    jurisdiction = _chosen(allowed, request.POST.get("jurisdiction"))
    try:
        year = int(request.POST.get("year", ""))
        check_year(year)
    except (ValueError, ValidationError):
        messages.error(request, _("请选择有效的年度。"))
        return redirect("reports:list")
    stored = generate_report(acting_user=request.user, jurisdiction=jurisdiction, year=year)  # type: ignore[arg-type]
    messages.success(
        request, _("已生成《%(title)s》，含 %(n)d 个数字。") % {"title": stored.title, "n": stored.figures}
    )
    return redirect("reports:list")


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    allowed = _jurisdictions(request)
    stored = GeneratedReport.objects.filter(pk=pk, jurisdiction__in=allowed).first()
    if stored is None:
        raise Http404
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=f"{stored.title}.docx")


@login_required
@require_GET
def year_view(request: HttpRequest, year: int) -> HttpResponse:
    allowed = _jurisdictions(request)
    jurisdiction = _chosen(allowed, request.GET.get("jurisdiction"))
    try:
        check_year(year)
    except ValidationError:
        raise Http404 from None
    report = report_for(jurisdiction, year)
    rows = appendix_rows(report)
    context = {"report": report, "appendix": list(zip(report.figures, rows[1:], strict=True))}
    return render(request, "reports/year.html", context)
