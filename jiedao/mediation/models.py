"""Mediation tables beyond the shared case engine: rooms, their mediators, the dispute's own
fields (one row per case of kind "mediation"), its parties and its sessions (调解笔录)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case
from jiedao.core.crypto import KIND_ID_NUMBER, KIND_PHONE
from jiedao.core.fields import EncryptedField
from jiedao.core.models import Jurisdiction


class Room(models.Model):
    """A mediation room (侨调室, 民调室 …) of a jurisdiction, loaded from configuration."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("调解室"), max_length=60)
    brand = models.CharField(_("特色品牌"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("调解室")
        verbose_name_plural = _("调解室")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="mediation_room_uniq")]

    def __str__(self) -> str:
        return self.name


class RoomMember(models.Model):
    """A mediator's membership of a room: they see and mediate that room's disputes."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("调解室成员")
        verbose_name_plural = _("调解室成员")
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="mediation_member_uniq")]

    def __str__(self) -> str:
        return f"{self.room_id}/{self.user_id}"


class DisputeType(models.Model):
    """A type of dispute (婚姻家庭, 邻里, 劳资 …), configuration data per jurisdiction."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("纠纷类型"), max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("纠纷类型")
        verbose_name_plural = _("纠纷类型")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="mediation_type_uniq")]

    def __str__(self) -> str:
        return self.name


class SharedCourt(models.Model):
    """A 共享法庭 disputes that fail mediation can be referred to (reference data)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("代码"), max_length=40)
    name = models.CharField(_("共享法庭"), max_length=100)

    class Meta:
        verbose_name = _("共享法庭")
        verbose_name_plural = _("共享法庭")
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "code"], name="mediation_court_uniq")]

    def __str__(self) -> str:
        return self.name


class Outcome(models.TextChoices):
    NONE = "", _("未调结")
    SUCCESS = "success", _("调解成功")
    FAILED = "failed", _("调解不成")


class FailureRoute(models.TextChoices):
    NONE = "", "—"
    LITIGATION = "litigation", _("引导诉讼")
    COURT = "court", _("转共享法庭")


class Fulfilment(models.TextChoices):
    NONE = "", _("未登记")
    FULFILLING = "fulfilling", _("履行中")
    FULFILLED = "fulfilled", _("已履行")
    UNFULFILLED = "unfulfilled", _("未履行")


class Ruling(models.TextChoices):
    NONE = "", "—"
    CONFIRMED = "confirmed", _("确认有效")
    DENIED = "denied", _("不予确认")


class Dispute(models.Model):
    """The mediation fields of one case of kind "mediation"; the engine's Case holds the rest."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="mediation")
    profile = models.CharField(_("时限规则"), max_length=40)
    dispute_type = models.ForeignKey(
        DisputeType, on_delete=models.PROTECT, related_name="+", verbose_name=_("纠纷类型")
    )
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("调解室")
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_event = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="mediation_from"
    )
    request = models.TextField(_("申请调解事项"), blank=True)
    outcome = models.CharField(_("调解结果"), max_length=10, choices=Outcome.choices, blank=True)
    failure_route = models.CharField(
        _("调解不成去向"), max_length=12, choices=FailureRoute.choices, blank=True
    )
    court = models.ForeignKey(SharedCourt, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    court_reference = models.CharField(_("法庭案号"), max_length=60, blank=True)
    court_result = models.TextField(_("法庭处理结果"), blank=True)
    agreement_terms = models.TextField(_("协议内容"), blank=True)
    agreement_effective = models.DateField(_("协议生效日期"), null=True, blank=True)
    fulfilment = models.CharField(_("履行情况"), max_length=12, choices=Fulfilment.choices, blank=True)
    confirmation_due = models.DateTimeField(_("司法确认申请期限"), null=True, blank=True)
    confirmation_applied_on = models.DateField(_("司法确认申请日期"), null=True, blank=True)
    confirmation_court = models.CharField(_("受理法院"), max_length=100, blank=True)
    ruling = models.CharField(_("法院裁定"), max_length=10, choices=Ruling.choices, blank=True)
    ruling_on = models.DateField(_("裁定日期"), null=True, blank=True)
    ruling_reference = models.CharField(_("裁定书文号"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")
        indexes = [models.Index(fields=["room", "outcome"], name="mediation_room_idx")]

    def __str__(self) -> str:
        return str(self.case_id)


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")


class Party(models.Model):
    """A party to a dispute; ID number and phone encrypted at rest, masked wherever shown."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("当事人身份"), max_length=12, choices=PartyRole.choices)
    name = models.CharField(_("姓名或名称"), max_length=60)
    id_number = EncryptedField(_("身份证号码"), kind=KIND_ID_NUMBER)
    phone = EncryptedField(_("联系电话"), kind=KIND_PHONE)
    address = models.CharField(_("住址"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["role", "order", "id"]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One mediation session and its 调解笔录 (record text, attendees, date)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    seq = models.PositiveSmallIntegerField(_("次序"))
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("调解地点"), max_length=100, blank=True)
    attendees = models.CharField(_("参加人员"), max_length=500)
    record = models.TextField(_("笔录内容"))
    mediator_name = models.CharField(_("调解员"), max_length=60, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("调解笔录")
        verbose_name_plural = _("调解笔录")
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["dispute", "seq"], name="mediation_session_uniq")]

    def __str__(self) -> str:
        return f"{self.dispute_id}#{self.seq}"
