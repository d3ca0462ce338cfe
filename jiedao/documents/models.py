"""Issued documents (one row per 文号 taken) and the templates admins override per jurisdiction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiedao.cases.models import Case
from jiedao.core.models import Jurisdiction
from jiedao.documents.registry import get_document_type


class IssuedDocument(models.Model):
    """A generated document: its 文号, the .docx kept privately, and the data it was made from."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    code = models.CharField(_("文书类型"), max_length=60)
    label = models.CharField(_("文书名称"), max_length=100)
    number_prefix = models.CharField(_("文号代字"), max_length=26)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("文号"), max_length=100)
    file = models.FileField(upload_to="documents/%Y/%m/")
    size = models.PositiveIntegerField(default=0)
    context = models.JSONField(_("生成数据"), default=dict)  # personal data masked, always
    # The .docx carries full ID/phone numbers (a for-signature document issued by a user who may
    # reveal them): only such users may download it, and each download is audited.
    revealed = models.BooleanField(_("含完整个人信息"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("生成时间"))

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "number_prefix", "year", "serial"], name="document_serial_uniq"
            ),
            models.UniqueConstraint(fields=["jurisdiction", "number"], name="document_number_uniq"),
        ]
        indexes = [models.Index(fields=["case", "created_at"], name="document_case_idx")]

    def __str__(self) -> str:
        return f"{self.label} {self.number}"

    @property
    def title(self) -> str:
        """The type's label in the reader's language (`label` keeps the one it was issued under)."""
        doc = get_document_type(self.code)
        return str(doc.label) if doc is not None else self.label

    @property
    def filename(self) -> str:
        return f"{self.label}（{self.number}）.docx"


class DocumentTemplate(models.Model):
    """An admin's version of a document type's template for one jurisdiction (else the repo file)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("文书类型"), max_length=60)
    text = models.TextField(_("模板内容"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "code"], name="document_template_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} {self.code}"
