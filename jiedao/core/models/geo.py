"""Jurisdictions, communities and grids (with versioned boundary generations)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.workhours import DEFAULT_TEXT, validate_working_hours


class Jurisdiction(models.Model):
    """A sub-district (街道); everything else belongs to exactly one, fully isolated."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    config_name = models.CharField(_("配置"), max_length=60, default="default")
    case_prefix = models.CharField(_("编号前缀"), max_length=8, default="SJ")
    working_hours = models.CharField(
        _("工作时间"),
        max_length=100,
        default=DEFAULT_TEXT,
        validators=[validate_working_hours],
        help_text=_(
            "按“工作小时”计的时限只在工作日（含调休上班日，不含法定节假日）的这些时段内计时，"
            "北京时间，如 08:30-12:00,13:30-17:30；只影响此后开始计时的案件。"
        ),
    )

    class Meta:
        verbose_name = _("街道")
        verbose_name_plural = _("街道")

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """A village or residential community (村/社区) inside a jurisdiction."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="communities")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)

    class Meta:
        verbose_name = _("村社")
        verbose_name_plural = _("村社")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="community_code_uniq")]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class BoundarySet(models.Model):
    """One generation of grid boundaries; old cases keep the grid of their day."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="boundary_sets")
    version = models.PositiveIntegerField(_("版本"))
    source = models.CharField(_("来源"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    active = models.BooleanField(_("当前"), default=False)

    class Meta:
        verbose_name = _("网格边界版本")
        verbose_name_plural = _("网格边界版本")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "version"], name="boundaryset_version_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} v{self.version}"


class Grid(models.Model):
    """A grid (网格): a polygon inside a community, in one boundary generation."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="grids")
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="grids")
    boundary_set = models.ForeignKey(BoundarySet, on_delete=models.PROTECT, related_name="grids")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=100)
    geometry = models.JSONField(_("边界"), help_text=_("GeoJSON Polygon 或 MultiPolygon（经纬度）"))
    centroid_lat = models.FloatField(default=0)
    centroid_lng = models.FloatField(default=0)

    class Meta:
        verbose_name = _("网格")
        verbose_name_plural = _("网格")
        constraints = [models.UniqueConstraint(fields=["boundary_set", "code"], name="grid_code_uniq")]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
