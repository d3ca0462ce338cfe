from __future__ import annotations

from django.db import models


class Row(models.Model):
    """One inserted row of twelve columns, text included: what a bare create costs."""

    kind = models.CharField(max_length=20)
    number = models.CharField(max_length=32)
    title = models.CharField(max_length=200)
    description = models.TextField()
    state = models.CharField(max_length=20)
    channel = models.CharField(max_length=20)
    urgency = models.CharField(max_length=10)
    lat = models.FloatField(null=True)
    lng = models.FloatField(null=True)
    address = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects: models.Manager[Row] = models.Manager()

    def __str__(self) -> str:
        return self.number
