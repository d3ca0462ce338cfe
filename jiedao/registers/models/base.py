"""What every register row shares: jurisdiction, version for stale-edit checks, stage and milestones."""

from __future__ import annotations

from abc import abstractmethod

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Jurisdiction
from jiedao.registers.stages import Flow


class VersionedRecord(models.Model):
    """A register row of one jurisdiction; `version` grows with every saved change."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class StagedRecord(VersionedRecord):
    """A register row that moves through a flow of stages (see stages.py)."""

    stage = models.CharField(_("阶段"), max_length=20)

    class Meta:
        abstract = True

    @property
    @abstractmethod
    def flow(self) -> Flow:
        """The stage flow this row moves through; each register names its own."""

    @property
    def stage_label(self) -> str:
        return self.flow.label(self.stage)


class MilestoneBase(models.Model):
    """Planned and actual date of one stage of one record."""

    stage = models.CharField(_("阶段"), max_length=20)
    planned_date = models.DateField(_("计划日期"), null=True, blank=True)
    actual_date = models.DateField(_("实际日期"), null=True, blank=True)

    class Meta:
        abstract = True


class StageChange(models.Model):
    """One stage move of a register row, for the human history on its page."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=60)
    object_id = models.PositiveIntegerField()
    from_stage = models.CharField(_("原阶段"), max_length=20)
    to_stage = models.CharField(_("新阶段"), max_length=20)
    on = models.DateField(_("日期"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")
        indexes = [models.Index(fields=["object_type", "object_id"], name="reg_stagechange_obj")]
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id} {self.from_stage}→{self.to_stage}"
