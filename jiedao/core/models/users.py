"""Users, their roles with scopes, and API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import password_validation
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiedao.core import crypto
from jiedao.core.fields import BlindIndexedModel, EncryptedField, blind_index_field
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


class StaffUserManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra_fields: Any
    ) -> User:
        # `createsuperuser --noinput` (DJANGO_SUPERUSER_PASSWORD) skips the validators; this
        # does not: no administrator account with a weak password.
        if password is not None:
            password_validation.validate_password(password, self.model(username=username))
        return super().create_superuser(username, email, password, **extra_fields)


class User(BlindIndexedModel, AbstractUser):
    """A person who signs in; what they may see and do comes from their role assignments.

    Staff are never deleted (cases keep their actors): leaving the office is `is_active=False`.
    """

    display_name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = EncryptedField(_("手机号码"), kind=crypto.KIND_PHONE, index_field="phone_bidx")
    phone_bidx = blind_index_field()
    department = models.ForeignKey(
        Department,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    post = models.CharField(_("职务"), max_length=60, blank=True)
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码设置时间"), null=True, blank=True)

    objects: ClassVar[StaffUserManager] = StaffUserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    def set_password(self, raw_password: str | None) -> None:
        """Also notes when, for the password's maximum age (jiedao.staff.passwords)."""
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()


class InspectionArea(models.Model):
    """An inspector's area (检查片区): a named set of grids of one jurisdiction."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="inspection_areas")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("检查片区"), max_length=60)
    grids = models.ManyToManyField(Grid, verbose_name=_("网格"), related_name="inspection_areas", blank=True)

    class Meta:
        verbose_name = _("检查片区")
        verbose_name_plural = _("检查片区")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="inspection_area_code_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A role held by a user within a scope: jurisdiction, and optionally one narrower unit
    (community, grid, department or inspection area). A mediator's rooms are kept by the
    mediation app (`RoomMember`), which lies above this one."""

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
    inspection_area = models.ForeignKey(
        InspectionArea,
        verbose_name=_("检查片区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    can_reveal_pii = models.BooleanField(_("可查看完整个人信息"), default=False)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")

    def __str__(self) -> str:
        scope = self.grid or self.community or self.department or self.inspection_area or self.jurisdiction
        return f"{self.get_role_display()} @ {scope}"


class ApiToken(models.Model):
    """An API token; only its keyed hash is stored, so a check costs one HMAC, not a password hash."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=60, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    # Written at most once every few minutes per token (see jiedao.core.api.tokens), not per request.
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
