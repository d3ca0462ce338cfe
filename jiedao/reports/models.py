"""Report templates (data admins edit) and the Word drafts generated from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Jurisdiction


class ReportTemplate(models.Model):
    """The layout and phrases of the year-end report; one per jurisdiction, else the shared one."""

    jurisdiction = models.OneToOneField(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("街道"),
        help_text=_("留空表示所有街道共用的模板"),
    )
    name = models.CharField(_("名称"), max_length=100)
    body = models.JSONField(_("模板内容"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("年度总结模板")
        verbose_name_plural = _("年度总结模板")
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(jurisdiction=None), name="report_template_shared_uniq"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from jiedao.reports.layout import parse_layout

        parse_layout(self.body)


class GeneratedReport(models.Model):
    """A generated Word draft of one year's report, kept so it can be downloaded again."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(upload_to="reports/%Y/")
    figures = models.PositiveSmallIntegerField(_("数字个数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已生成的年度总结")
        verbose_name_plural = _("已生成的年度总结")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["jurisdiction", "-created_at"], name="report_list_idx")]

    def __str__(self) -> str:
        return self.title
