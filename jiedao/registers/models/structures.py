"""拆违: illegal structures from discovery to demolition, area in m², located in a grid."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Community, Grid
from jiedao.registers.models.base import MilestoneBase, StagedRecord
from jiedao.registers.stages import STRUCTURE, Flow


class IllegalStructure(StagedRecord):
    """An illegal structure (违章建筑) found, confirmed, noticed and demolished."""

    address = models.CharField(_("地址"), max_length=200)
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("村社")
    )
    grid = models.ForeignKey(
        Grid, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("网格")
    )
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lng = models.FloatField(_("经度"), null=True, blank=True)
    area_m2 = models.DecimalField(_("面积（平方米）"), max_digits=12, decimal_places=2)
    description = models.TextField(_("情况描述"), blank=True)
    notice_deadline = models.DateField(_("限期拆除日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("违章建筑")
        verbose_name_plural = _("违章建筑")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["jurisdiction", "stage"], name="reg_structure_stage")]

    def __str__(self) -> str:
        return self.address

    @property
    def flow(self) -> Flow:
        return STRUCTURE


class StructureMilestone(MilestoneBase):
    """A structure's planned and actual date of one stage."""

    record = models.ForeignKey(IllegalStructure, on_delete=models.CASCADE, related_name="milestones")

    class Meta:
        verbose_name = _("拆违节点")
        verbose_name_plural = _("拆违节点")
        constraints = [models.UniqueConstraint(fields=["record", "stage"], name="reg_structure_ms_uniq")]
        indexes = [models.Index(fields=["stage", "actual_date"], name="reg_structure_ms_date")]

    def __str__(self) -> str:
        return f"{self.record_id}:{self.stage}"
