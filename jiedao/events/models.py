"""Event-kind tables beyond the shared case engine."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models import Jurisdiction


class DashboardSnapshot(models.Model):
    """The event dashboard's figures for one jurisdiction and period, counted by the task queue."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=10)
    computed_at = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        verbose_name = _("驾驶舱快照")
        verbose_name_plural = _("驾驶舱快照")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "period"], name="dashboard_snapshot_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id}/{self.period}@{self.computed_at}"
