"""工作台账: a typed ledger of everything else the year-end report counts; types are data."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Community, Department, Jurisdiction
from jiedao.registers.models.base import VersionedRecord


class LedgerType(models.Model):
    """A kind of ledger entry (文章发布, 媒体报道, 三会一课 …) loaded from configuration."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=60)
    unit = models.CharField(_("单位"), max_length=10)
    levels = models.JSONField(_("级别"), default=list, blank=True)  # [{"code": ..., "name": ...}]
    attendance = models.BooleanField(_("记录参加人数"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("台账类型")
        verbose_name_plural = _("台账类型")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="reg_ledgertype_uniq")]
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def level_name(self, code: str) -> str:
        levels: list[dict[str, Any]] = self.levels or []
        return next((str(lv["name"]) for lv in levels if lv.get("code") == code), code)


class LedgerEntry(VersionedRecord):
    """One ledger line: on a date, so many of a type (with level, attendance and evidence)."""

    type = models.ForeignKey(LedgerType, on_delete=models.PROTECT, related_name="+", verbose_name=_("类型"))
    date = models.DateField(_("日期"))
    title = models.CharField(_("事项"), max_length=200)
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10)
    level = models.CharField(_("级别"), max_length=20, blank=True)
    attendance = models.PositiveIntegerField(_("参加人数"), null=True, blank=True)
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("村社")
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("部门")
    )
    note = models.TextField(_("备注"), blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to="registers/%Y/%m/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = _("台账记录")
        verbose_name_plural = _("台账记录")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["jurisdiction", "type", "date"], name="reg_ledger_type_date")]

    def __str__(self) -> str:
        return self.title
