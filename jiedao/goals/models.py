"""Goals: figures entered by hand, locked periods, pasted plans, proposed and confirmed targets."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.indicators import AREAS, Period
from jiedao.core.models import Jurisdiction

AREA_LABELS = {
    "economy": _("项目招引与经济发展"),
    "environment": _("城乡建设与生态环境"),
    "safety": _("平安建设与社会治理"),
    "services": _("民生服务与基层治理"),
}
AREA_CHOICES = [(a, AREA_LABELS[a]) for a in AREAS]


class ManualIndicator(models.Model):
    """An indicator whose values people enter by hand with their source (e.g. 统计局 figures)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("指标代码"), max_length=60)
    label = models.CharField(_("指标名称"), max_length=100)
    unit = models.CharField(_("单位"), max_length=20)
    area = models.CharField(_("所属板块"), max_length=20, choices=AREA_CHOICES)
    description = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("手工指标")
        verbose_name_plural = _("手工指标")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="manual_indicator_uniq")]

    def __str__(self) -> str:
        return f"{self.label}（{self.unit}）"


class ManualValue(models.Model):
    """One hand-entered value of a manual indicator for a whole year or one month, with its source."""

    indicator = models.ForeignKey(ManualIndicator, on_delete=models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(_("月份"), default=0)  # 0: the whole year
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=4)
    source = models.CharField(_("数据来源"), max_length=100)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("填报时间"))

    class Meta:
        verbose_name = _("手工指标值")
        verbose_name_plural = _("手工指标值")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "month"], name="manual_value_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_label} = {self.value}"

    @property
    def period(self) -> Period:
        return period_of(self.year, self.month)

    @property
    def period_label(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


class PeriodLock(models.Model):
    """A closed period (a year, or one month) of a jurisdiction: its hand-entered values stay as they are."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(_("月份"), default=0)  # 0: the whole year
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("锁定时间"))

    class Meta:
        verbose_name = _("锁定期间")
        verbose_name_plural = _("锁定期间")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year", "month"], name="period_lock_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


def period_of(year: int, month: int) -> Period:
    if not month:
        return Period.year(year)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return Period(date(year, month, 1), date.fromordinal(end.toordinal() - 1))


class Plan(models.Model):
    """A pasted 工作思路 plan text for a year; the platform proposes targets from it."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("目标年度"))
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("计划文本"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("导入时间"))

    class Meta:
        verbose_name = _("工作计划")
        verbose_name_plural = _("工作计划")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("goals:plan", args=[self.pk])


class TargetKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("量化目标")
    DIRECTION = "direction", _("趋势目标")
    QUALITATIVE = "qualitative", _("定性目标")


class Direction(models.TextChoices):
    REACH = "reach", _("达到（不低于）")
    AT_MOST = "at_most", _("控制在（不超过）")
    DECREASE = "decrease", _("同比下降")
    INCREASE = "increase", _("同比上升")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已否决")


class TargetFields(models.Model):
    """What a proposal and a target share: the extracted (or edited) shape of one goal."""

    kind = models.CharField(_("目标类型"), max_length=14, choices=TargetKind.choices)
    subject = models.CharField(_("目标事项"), max_length=200)
    quantity = models.DecimalField(_("目标值"), max_digits=16, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    direction = models.CharField(_("方向"), max_length=10, choices=Direction.choices, default=Direction.REACH)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    indicator_code = models.CharField(_("对应指标"), max_length=60, blank=True)

    class Meta:
        abstract = True


class Proposal(TargetFields):
    """A target the platform read from a plan item, waiting for a person to confirm, edit or reject."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="proposals")
    order = models.PositiveSmallIntegerField()
    source_text = models.TextField(_("原文"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )

    class Meta:
        verbose_name = _("目标建议")
        verbose_name_plural = _("目标建议")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.subject


class Target(TargetFields):
    """A confirmed target of a year, with progress read from its indicator (or marked done by hand)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("目标年度"))
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="target"
    )
    source_text = models.TextField(_("原文"), blank=True)
    done = models.BooleanField(_("已完成"), default=False)
    evidence = models.CharField(_("完成情况说明"), max_length=500, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("确认时间"))

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["year", "id"]

    def __str__(self) -> str:
        return self.subject
