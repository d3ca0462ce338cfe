"""Admin-maintained holiday schedule that extends or overrides the chinese-calendar package."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayYear(models.Model):
    """A year whose official holiday and 调休 schedule has been entered completely."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    complete = models.BooleanField(_("已完整录入"), default=False)
    note = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("节假日年度")
        verbose_name_plural = _("节假日年度")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class HolidayDay(models.Model):
    """One day that is a holiday (is_workday False) or a make-up working day (调休, True)."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("调休上班"), default=False)
    name = models.CharField(_("名称"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
