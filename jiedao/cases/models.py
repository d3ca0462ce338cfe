"""The shared case engine's tables: one Case row per case of any kind, its timeline and files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core.crypto import KIND_PHONE
from jiedao.core.fields import EncryptedField
from jiedao.core.models import Category, Community, Department, Grid, Jurisdiction, Platform
from jiedao.core.models.org import Urgency


class Channel(models.TextChoices):
    GRID = "grid", _("网格上报")
    HOTLINE = "hotline", _("12345热线转办")
    CALL = "call", _("来电")
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    WEB = "web", _("网上")
    DEPARTMENT = "department", _("部门移交")
    SENSOR = "sensor", _("传感器")
    LEADER = "leader", _("领导交办")


class TimeStatus(models.TextChoices):
    NONE = "none", _("无时限")
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("临期")
    RED = "red", _("超期")


class Rating(models.IntegerChoices):
    UNSATISFIED = 1, _("不满意")
    BASIC = 2, _("基本满意")
    SATISFIED = 3, _("满意")


class Case(models.Model):
    """A case of any kind (event, petition, dispute, hazard); its kind owns its state machine."""

    # Foreign keys led by a composite index below carry no single-column index of their own:
    # every index is written on each create (measured: ~38 WAL pages per event before).
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(_("类型"), max_length=20)
    number = models.CharField(_("编号"), max_length=32)
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("描述"))
    state = models.CharField(_("状态"), max_length=20)
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    platform = models.ForeignKey(Platform, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    grid = models.ForeignKey(
        Grid, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lng = models.FloatField(_("经度"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    reporter_name = models.CharField(_("反映人"), max_length=60, blank=True)
    reporter_phone = EncryptedField(_("联系电话"), kind=KIND_PHONE)
    anonymous = models.BooleanField(_("匿名"), default=False)
    rating_code_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("上报时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("归档时间"), null=True, blank=True)
    sign_due = models.DateTimeField(_("签收时限"), null=True, blank=True)
    resolve_due = models.DateTimeField(_("办结时限"), null=True, blank=True)
    # The deadline the sweep watches now and when it turns yellow; both null when no clock runs.
    due_at = models.DateTimeField(null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    due_estimated = models.BooleanField(_("时限为估算"), default=False)
    time_status = models.CharField(
        _("时效"), max_length=6, choices=TimeStatus.choices, default=TimeStatus.NONE
    )
    result = models.TextField(_("处置结果"), blank=True)
    rating = models.PositiveSmallIntegerField(_("评价"), null=True, blank=True, choices=Rating.choices)
    rating_note = models.CharField(_("评价意见"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates", db_index=False
    )
    pending_extension_days = models.PositiveSmallIntegerField(null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("已延期工作日"), default=0)
    extension_reason = models.CharField(max_length=500, blank=True)
    supervision_count = models.PositiveSmallIntegerField(_("督办次数"), default=0)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "number"], name="case_number_uniq")]
        indexes = [
            models.Index(fields=["jurisdiction", "kind", "-created_at"], name="case_list_idx"),
            models.Index(fields=["jurisdiction", "kind", "state", "-created_at"], name="case_state_idx"),
            # Dashboards: one index-only pass over a period, and overdue cases by department.
            models.Index(
                fields=[
                    "jurisdiction",
                    "kind",
                    "created_at",
                    "state",
                    "time_status",
                    "platform",
                    "department",
                ],
                name="case_dash_idx",
            ),
            models.Index(
                fields=["jurisdiction", "kind", "time_status", "created_at", "state", "department"],
                name="case_overdue_idx",
            ),
            # Columns empty when a case is created are indexed only once set: an intake then
            # writes none of these (each index entry is a b-tree insert and a WAL page at commit).
            # A comparison on the column implies IS NOT NULL, so SQLite and PostgreSQL use them.
            models.Index(
                fields=["jurisdiction", "kind", "resolved_at"],
                name="case_resolved_idx",
                condition=models.Q(resolved_at__isnull=False),
            ),
            models.Index(fields=["grid", "-created_at"], name="case_grid_idx"),
            models.Index(fields=["community", "-created_at"], name="case_community_idx"),
            models.Index(fields=["department", "state"], name="case_department_idx"),
            models.Index(fields=["due_at"], name="case_due_idx", condition=models.Q(due_at__isnull=False)),
            models.Index(fields=["warn_at"], name="case_warn_idx", condition=models.Q(warn_at__isnull=False)),
            models.Index(
                fields=["merged_into"], name="case_merged_idx", condition=models.Q(merged_into__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Action(models.Model):
    """One entry of a case's timeline: who did what, when, with a note and attachments."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions", db_index=False)
    verb = models.CharField(_("操作"), max_length=30)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=60, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["case", "at"], name="action_case_idx"),
            # Only dispatching actions name a department (see Case's indexes on empty columns).
            models.Index(
                fields=["department"],
                name="action_department_idx",
                condition=models.Q(department__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.verb}"


class Attachment(models.Model):
    """A photo or PDF attached to a case, optionally to one timeline entry."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(upload_to="cases/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:attachment", args=[self.pk])


class CardColor(models.TextChoices):
    YELLOW = "yellow", _("黄牌")
    RED = "red", _("红牌")


class DepartmentCard(models.Model):
    """A yellow (nearly due) or red (overdue) warning counted against a department for one case."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="cards")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="cards")
    color = models.CharField(max_length=6, choices=CardColor.choices)
    issued_at = models.DateTimeField()

    class Meta:
        verbose_name = _("红黄牌")
        verbose_name_plural = _("红黄牌")
        constraints = [models.UniqueConstraint(fields=["case", "department", "color"], name="card_once_uniq")]

    def __str__(self) -> str:
        return f"{self.department} {self.color} {self.case_id}"


class Sequence(models.Model):
    """A gap-free counter per jurisdiction, name and year (case numbers, document 文号)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "name", "year"], name="sequence_uniq")]

    def __str__(self) -> str:
        return f"{self.name}-{self.year}: {self.value}"


class RuleProfileSetting(models.Model):
    """The statutory rule profile (config/rules/<code>.json) new cases of a jurisdiction follow."""

    jurisdiction = models.OneToOneField(
        Jurisdiction, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    profile = models.CharField(_("时限规则"), max_length=40)

    class Meta:
        verbose_name = _("法定时限规则")
        verbose_name_plural = _("法定时限规则")

    def __str__(self) -> str:
        return f"{self.jurisdiction_id}: {self.profile}"
