"""土地: land parcels from agreement to sale or acquisition, area in 亩."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Community, Department
from jiedao.registers.models.base import MilestoneBase, StagedRecord
from jiedao.registers.stages import LAND, Flow


class LandParcel(StagedRecord):
    """A parcel of (mostly collective) land the sub-district signs, clears, stores and hands on."""

    name = models.CharField(_("地块名称"), max_length=120)
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("所在村社")
    )
    area_mu = models.DecimalField(_("面积（亩）"), max_digits=12, decimal_places=2)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("责任单位"),
    )
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("地块")
        verbose_name_plural = _("地块")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["jurisdiction", "stage"], name="reg_parcel_stage")]

    def __str__(self) -> str:
        return self.name

    @property
    def flow(self) -> Flow:
        return LAND


class ParcelMilestone(MilestoneBase):
    """A parcel's planned and actual date of one stage."""

    record = models.ForeignKey(LandParcel, on_delete=models.CASCADE, related_name="milestones")

    class Meta:
        verbose_name = _("地块节点")
        verbose_name_plural = _("地块节点")
        constraints = [models.UniqueConstraint(fields=["record", "stage"], name="reg_parcel_ms_uniq")]
        indexes = [models.Index(fields=["stage", "actual_date"], name="reg_parcel_ms_date")]

    def __str__(self) -> str:
        return f"{self.record_id}:{self.stage}"
