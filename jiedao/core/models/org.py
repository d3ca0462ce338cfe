"""Departments, platforms, the category tree, SLA policies and tags — all per jurisdiction."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models.geo import Jurisdiction


class Department(models.Model):
    """A department or station that handles cases (综合执法队, 市场监管所 …)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="departments")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="department_code_uniq")]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Platform(models.Model):
    """One of the governance platforms (四平台), configured per jurisdiction."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="platforms")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("平台")
        verbose_name_plural = _("平台")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="platform_code_uniq")]
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """A node of the event category tree under a platform."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="categories")
    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="categories")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)
    keywords = models.CharField(_("关键词"), max_length=400, blank=True)
    default_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("事件分类")
        verbose_name_plural = _("事件分类")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="category_code_uniq")]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Urgency(models.TextChoices):
    URGENT = "urgent", _("紧急")
    NORMAL = "normal", _("一般")
    COMPLEX = "complex", _("复杂")


class DurationUnit(models.TextChoices):
    HOURS = "hours", _("工作小时")  # counted in the jurisdiction's working hours only
    CLOCK_HOURS = "clock_hours", _("小时（全天候）")  # 24×7, for 紧急 rules
    WORKING_DAYS = "working_days", _("工作日")
    CALENDAR_DAYS = "calendar_days", _("自然日")


class SLAPolicy(models.Model):
    """Deadlines for a category (or the jurisdiction default when category is empty) × urgency."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="sla_policies")
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="sla"
    )
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices)
    sign_amount = models.PositiveIntegerField(_("签收时限"))
    sign_unit = models.CharField(max_length=15, choices=DurationUnit.choices, default=DurationUnit.HOURS)
    resolve_amount = models.PositiveIntegerField(_("办结时限"))
    resolve_unit = models.CharField(
        max_length=15, choices=DurationUnit.choices, default=DurationUnit.WORKING_DAYS
    )

    class Meta:
        verbose_name = _("时限规则")
        verbose_name_plural = _("时限规则")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "category", "urgency"], name="sla_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.category or '*'} / {self.get_urgency_display()}"


class Tag(models.Model):
    """A configurable tag in a named set (e.g. resident groups 新岛民/原岛民/侨胞/重点人群)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="tags")
    tag_set = models.CharField(_("标签组"), max_length=40)
    tag_set_name = models.CharField(_("标签组名称"), max_length=60, blank=True)
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=60)

    class Meta:
        verbose_name = _("标签")
        verbose_name_plural = _("标签")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "tag_set", "code"], name="tag_code_uniq")
        ]
        ordering = ["tag_set", "code"]

    def __str__(self) -> str:
        return self.name
