"""项目招引库: investment projects and public works, with their milestone tables."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Community, Department, Tag
from jiedao.registers.models.base import MilestoneBase, StagedRecord
from jiedao.registers.stages import INVESTMENT, PROJECT_FLOWS, PUBLIC_WORK, Flow, all_stage_choices

SECTOR_TAG_SET = "project_sector"
SOURCE_TAG_SET = "project_source"


class ProjectKind(models.TextChoices):
    INVESTMENT = INVESTMENT.code, _("招引项目")
    PUBLIC_WORK = PUBLIC_WORK.code, _("公建配套")


class Project(StagedRecord):
    """A project in the register: an investment being attracted, or a public work being built."""

    name = models.CharField(_("项目名称"), max_length=120)
    kind = models.CharField(_("项目类型"), max_length=20, choices=ProjectKind.choices)
    sector = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("产业领域")
    )
    source = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("项目来源")
    )
    investment = models.DecimalField(_("投资额（万元）"), max_digits=14, decimal_places=2, default=Decimal(0))
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("责任领导"),
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("责任单位"),
    )
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("村社")
    )
    parcels = models.ManyToManyField(
        "registers.LandParcel", blank=True, related_name="projects", verbose_name=_("关联地块")
    )
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["jurisdiction", "stage"], name="reg_project_stage")]

    def __str__(self) -> str:
        return self.name

    @property
    def flow(self) -> Flow:
        return PROJECT_FLOWS[self.kind]


class ProjectMilestone(MilestoneBase):
    """A project's planned and actual date of one stage."""

    record = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")

    class Meta:
        verbose_name = _("项目节点")
        verbose_name_plural = _("项目节点")
        constraints = [models.UniqueConstraint(fields=["record", "stage"], name="reg_project_ms_uniq")]
        indexes = [models.Index(fields=["stage", "actual_date"], name="reg_project_ms_date")]

    def __str__(self) -> str:
        return f"{self.record_id}:{self.stage}"


PROJECT_STAGE_CHOICES = all_stage_choices(INVESTMENT, PUBLIC_WORK)
