"""Users, their roles with scopes, and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.models.geo import Community, Grid, Jurisdiction
from jiedao.core.models.org import Department


class Role(models.TextChoices):
    RESIDENT = "resident", _("居民")
    GRID_WORKER = "grid_worker", _("网格员")
    GRID_LEADER = "grid_leader", _("网格长")
    DISPATCHER = "dispatcher", _("受理员")
    HANDLER = "handler", _("部门处置人员")
    MEDIATOR = "mediator", _("调解员")
    INSPECTOR = "inspector", _("检查员")
    PROJECT_OFFICER = "project_officer", _("招商专员")
    LEADER = "leader", _("领导")
    ADMIN = "admin", _("管理员")


class User(AbstractUser):
    """A person who signs in; what they may see and do comes from their role assignments."""

    display_name = models.CharField(_("姓名"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """A role held by a user within a scope: jurisdiction, and optionally community/grid/department."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grid = models.ForeignKey(Grid, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    can_reveal_pii = models.BooleanField(_("可查看完整个人信息"), default=False)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")

    def __str__(self) -> str:
        scope = self.grid or self.community or self.department or self.jurisdiction
        return f"{self.get_role_display()} @ {scope}"


class ApiToken(models.Model):
    """An API token; only its keyed hash is stored, so a check costs one HMAC, not a password hash."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=60, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
