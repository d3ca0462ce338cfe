"""人地事物组织: households, residents, places and organisations a grid worker keeps up to date.

Nothing here is ever deleted: records are archived. ID and phone numbers are encrypted at rest
with a blind-index companion for exact-value search (see jiedao.core.fields).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.core import crypto
from jiedao.core.fields import BlindIndexedModel, EncryptedField, blind_index_field
from jiedao.core.models import Community, Grid, Jurisdiction, Tag

# Tag sets (core.Tag.tag_set codes from config/<jurisdiction>/tags.json) this app reads its
# vocabularies from, in the order their groups are shown. A set a jurisdiction does not
# configure simply offers nothing; a set listed nowhere here is not a registry vocabulary.
RESIDENT_TAG_SETS = ("population_type", "islander", "overseas_chinese", "party_member", "key_group")
PLACE_KIND_TAG_SETS = ("place_type",)
ORGANISATION_KIND_TAG_SETS = ("organisation_type",)
# The set new place kinds belong to (jiedao.demo reads it).
PLACE_KIND_TAG_SET = PLACE_KIND_TAG_SETS[0]


class ResidenceType(models.TextChoices):
    REGISTERED = "registered", _("户籍人口")
    FLOATING = "floating", _("流动人口")
    OVERSEAS = "overseas", _("境外人员")


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class RiskColour(models.TextChoices):
    RED = "red", _("红（重大风险）")
    ORANGE = "orange", _("橙（较大风险）")
    YELLOW = "yellow", _("黄（一般风险）")
    BLUE = "blue", _("蓝（低风险）")


class RegistryRecord(models.Model):
    """Abstract base: where a record lives, its archive flag and its edit version."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="+", verbose_name=_("街道")
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="+", verbose_name=_("村社")
    )
    grid = models.ForeignKey(
        Grid, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("网格")
    )
    archived = models.BooleanField(_("已注销"), default=False)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class Household(RegistryRecord):
    """A household (户): one dwelling's family unit at an address."""

    number = models.CharField(_("户号"), max_length=40, blank=True)
    address = models.CharField(_("地址"), max_length=200)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("户")
        verbose_name_plural = _("户")
        ordering = ["address", "id"]

    def __str__(self) -> str:
        return self.number or self.address


class Resident(RegistryRecord, BlindIndexedModel):
    """A person living in the jurisdiction; ID and phone encrypted, searchable by exact value."""

    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("所属户"),
    )
    name = models.CharField(_("姓名"), max_length=60, db_index=True)
    id_number = EncryptedField(_("身份证号码"), kind=crypto.KIND_ID_NUMBER, index_field="id_number_bidx")
    id_number_bidx = blind_index_field()
    phone = EncryptedField(_("联系电话"), kind=crypto.KIND_PHONE, index_field="phone_bidx")
    phone_bidx = blind_index_field()
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    residence_type = models.CharField(
        _("人口类型"), max_length=12, choices=ResidenceType.choices, default=ResidenceType.REGISTERED
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("标签"))
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("居民")
        verbose_name_plural = _("居民")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "id_number_bidx"],
                condition=models.Q(archived=False) & ~models.Q(id_number_bidx=""),
                name="resident_id_number_uniq",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Place(RegistryRecord):
    """A place or building (出租房, 三小场所, 企业, 工地 …), optionally with a risk colour."""

    name = models.CharField(_("名称"), max_length=120, db_index=True)
    kind = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="+", verbose_name=_("类型"))
    address = models.CharField(_("地址"), max_length=200)
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lng = models.FloatField(_("经度"), null=True, blank=True)
    risk_colour = models.CharField(_("风险等级"), max_length=8, choices=RiskColour.choices, blank=True)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("场所")
        verbose_name_plural = _("场所")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Organisation(RegistryRecord, BlindIndexedModel):
    """An organisation (enterprise, social organisation …) with its contact person."""

    name = models.CharField(_("名称"), max_length=120, db_index=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    kind = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("类型")
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=60, blank=True)
    phone = EncryptedField(_("联系电话"), kind=crypto.KIND_PHONE, index_field="phone_bidx")
    phone_bidx = blind_index_field()
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
