"""Admins edit the report template (JSON checked on save) and see the generated drafts."""

from django.contrib import admin

from jiedao.core.admin import ScopedAdmin
from jiedao.reports.models import GeneratedReport, ReportTemplate


@admin.register(ReportTemplate)
class ReportTemplateAdmin(ScopedAdmin):
    list_display = ("name", "jurisdiction", "updated_at")


@admin.register(GeneratedReport)
class GeneratedReportAdmin(ScopedAdmin):
    read_only = True
    list_display = ("title", "jurisdiction", "year", "figures", "created_by", "created_at")
    list_filter = ("year",)
