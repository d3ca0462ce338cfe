"""Report pages: the list with the "生成年度总结" button, downloads, and the web version.

Only leaders and admins of a jurisdiction see its reports; anything else answers 403 (the page)
or 404 (a report of another jurisdiction), the same as a report that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiedao.core.models import Jurisdiction, User
from jiedao.reports.access import chosen, readable_reports, report_by_id, report_jurisdictions
from jiedao.reports.actions import check_year, generate_report, report_for
from jiedao.reports.appendix import appendix_rows

LIST_SIZE = 50


def _user(request: HttpRequest) -> User:
    """The signed-in user, refused (403) unless they read some jurisdiction's reports."""
    user: User = request.user  # type: ignore[assignment]
    if not report_jurisdictions(user):
        raise PermissionDenied
    return user


def _chosen(user: User, value: str | None) -> Jurisdiction:
    found = chosen(user, value)
    if found is None:
        raise Http404
    return found


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - 6, -1))


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    reports = readable_reports(user).select_related("jurisdiction", "created_by")
    context = {
        "reports": reports.order_by("-created_at", "-id")[:LIST_SIZE],
        "jurisdictions": report_jurisdictions(user),
        "acting": chosen(user, None),
        "years": _years(),
    }
    return render(request, "reports/list.html", context)


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    jurisdiction = _chosen(user, request.POST.get("jurisdiction"))
    try:
        year = int(request.POST.get("year", ""))
        check_year(year)
    except (ValueError, ValidationError):
        messages.error(request, _("请选择有效的年度。"))
        return redirect("reports:list")
    stored = generate_report(acting_user=user, jurisdiction=jurisdiction, year=year)
    messages.success(
        request, _("已生成《%(title)s》，含 %(n)d 个数字。") % {"title": stored.title, "n": stored.figures}
    )
    return redirect("reports:list")


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    stored = report_by_id(_user(request), pk)
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=f"{stored.title}.docx")


@login_required
@require_GET
def year_view(request: HttpRequest, year: int) -> HttpResponse:
    jurisdiction = _chosen(_user(request), request.GET.get("jurisdiction"))
    try:
        check_year(year)
    except ValidationError:
        raise Http404 from None
    report = report_for(jurisdiction, year)
    rows = appendix_rows(report)
    context = {"report": report, "appendix": list(zip(report.figures, rows[1:], strict=True))}
    return render(request, "reports/year.html", context)
