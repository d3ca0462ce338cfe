"""Petition-kind tables beyond the shared case engine: the petition's own fields and petitioners."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case
from jiedao.core.crypto import KIND_ID_NUMBER, KIND_PHONE
from jiedao.core.fields import BlindIndexedModel, EncryptedField, blind_index_field

COLLECTIVE_MIN = 5  # 集体访: five or more people


class PetitionChannel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    CALL = "call", _("来电")
    WEB = "web", _("网上信访")
    SUPERIOR = "superior", _("上级交办")


class PetitionType(models.TextChoices):
    SUGGESTION = "suggestion", _("建议意见")
    ACCUSATION = "accusation", _("检举控告")
    CLAIM = "claim", _("申诉求决")


class Stage(models.TextChoices):
    INITIAL = "initial", _("初次办理")
    REVIEW = "review", _("复查")
    RECHECK = "recheck", _("复核")


class BacklogOutcome(models.TextChoices):
    SETTLED = "settled", _("停访息诉")
    OTHER = "other", _("其他化解")


class Petition(models.Model):
    """A 信访件: the kind's fields next to its Case (one to one)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="petition")
    profile = models.CharField(_("时限规则"), max_length=40)
    channel = models.CharField(_("信访形式"), max_length=10, choices=PetitionChannel.choices)
    petition_type = models.CharField(_("信访类型"), max_length=12, choices=PetitionType.choices)
    content_category = models.CharField(_("内容分类"), max_length=40)
    stage = models.CharField(_("办理阶段"), max_length=8, choices=Stage.choices, default=Stage.INITIAL)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="follow_ups"
    )
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats"
    )
    person_count = models.PositiveSmallIntegerField(_("人数"), default=1)
    collective = models.BooleanField(_("集体访"), default=False)
    over_level = models.BooleanField(_("越级访"), default=False)
    tokens = models.TextField(blank=True)  # jieba tokens of title + content, for repeat suggestions
    accept_due = models.DateTimeField(_("受理告知时限"), null=True, blank=True)
    decided_at = models.DateTimeField(_("受理决定时间"), null=True, blank=True)
    transferred_to = models.CharField(_("转送机关"), max_length=100, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    on_time = models.BooleanField(_("按期办结"), null=True, blank=True)
    follow_up_until = models.DateTimeField(_("复查/复核申请期限"), null=True, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    backlog = models.BooleanField(_("积案"), default=False)
    backlog_level = models.CharField(_("积案级别"), max_length=20, blank=True)
    backlog_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("包案领导"),
    )
    backlog_outcome = models.CharField(
        _("化解结果"), max_length=10, choices=BacklogOutcome.choices, blank=True
    )
    backlog_resolved_on = models.DateField(_("化解日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("信访件")
        verbose_name_plural = _("信访件")
        indexes = [
            models.Index(fields=["content_category"], name="petition_category_idx"),
            models.Index(fields=["backlog", "backlog_resolved_on"], name="petition_backlog_idx"),
        ]

    def __str__(self) -> str:
        return str(self.case_id)


class Petitioner(BlindIndexedModel):
    """One person behind a petition; ID number and phone encrypted, searchable by exact value."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    jurisdiction_id_ref = models.PositiveIntegerField(db_index=True)  # for identity search per 街道
    name = models.CharField(_("姓名"), max_length=60)
    id_number = EncryptedField(_("身份证号"), kind=KIND_ID_NUMBER, index_field="id_number_bidx")
    id_number_bidx = blind_index_field()
    phone = EncryptedField(_("联系电话"), kind=KIND_PHONE, index_field="phone_bidx")
    phone_bidx = blind_index_field()
    address = models.CharField(_("住址"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("信访人")
        verbose_name_plural = _("信访人")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name
