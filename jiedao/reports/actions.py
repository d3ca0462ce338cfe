"""Generating a year's report: build it, write the Word draft, keep it, audit it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.core import audit, filestore
from jiedao.core.models import Jurisdiction, User
from jiedao.reports.builder import Report, build_report
from jiedao.reports.models import GeneratedReport
from jiedao.reports.store import layout_for
from jiedao.reports.word import render_docx

FIRST_YEAR = 2000


def check_year(year: int) -> None:
    """A report covers a past year or the current one (a draft in December)."""
    last = timezone.localdate().year
    if not FIRST_YEAR <= year <= last:
        raise ValidationError(
            _("年度须在 %(first)d 至 %(last)d 之间。") % {"first": FIRST_YEAR, "last": last}, code="year"
        )


def report_for(jurisdiction: Jurisdiction, year: int) -> Report:
    """The report as it reads now (the web version and the draft are built from this)."""
    return build_report(jurisdiction, year, layout_for(jurisdiction))


def generate_report(*, acting_user: User | None, jurisdiction: Jurisdiction, year: int) -> GeneratedReport:
    """Write the Word draft of `year` and keep it; the audit entry names the numbers it holds."""
    check_year(year)
    report = report_for(jurisdiction, year)
    content = render_docx(report)
    with filestore.atomic():
        stored = GeneratedReport(
            jurisdiction=jurisdiction,
            year=year,
            title=report.title,
            figures=len(report.figures),
            created_by=acting_user if acting_user and acting_user.pk else None,
        )
        filestore.save(stored.file, f"{jurisdiction.code}-{year}.docx", ContentFile(content))
        stored.save()
        audit.record(
            stored,
            "create",
            acting_user=acting_user,
            after={"year": year, "figures": [[f.code, f.form, str(f.value)] for f in report.figures]},
        )
    return stored
