"""Admins edit a jurisdiction's document templates; a template that does not render is refused.
Deleting an override resets the document type to the template kept in the repository."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from jiedao.core.admin import ScopedAdmin
from jiedao.core.errors import InvalidInput
from jiedao.core.models import User
from jiedao.documents.checks import check_template, preview_html
from jiedao.documents.markup import TemplateProblem
from jiedao.documents.models import DocumentTemplate, IssuedDocument
from jiedao.documents.registry import all_document_types, get_document_type
from jiedao.documents.template_actions import reset_template, save_template, validate_template
from jiedao.documents.templates_source import default_text


def _type_choices() -> list[tuple[str, str]]:
    return [(d.code, f"{d.label}（{d.code}）") for d in all_document_types()]


class DocumentTemplateForm(forms.ModelForm):
    code = forms.ChoiceField(label=_("文书类型"), choices=_type_choices)

    class Meta:
        model = DocumentTemplate
        fields = ["jurisdiction", "code", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 24, "cols": 90, "style": "font-family:monospace"})}
        help_texts = {
            "text": _(
                "每行一段。# 标题；@number 文号；## 小标题；>> 右对齐（署名、日期）；[seal] 盖章处；"
                "| 甲 | 乙 | 表格行。可用 {{ number }}、{{ jurisdiction }}、{{ today }}、{{ today_upper }} "
                "及本文书的字段。"
            )
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        current = self.instance if self.instance.pk else None
        jurisdiction = data.get("jurisdiction") or (current.jurisdiction if current else None)
        code, text = data.get("code") or (current.code if current else None), data.get("text")
        if jurisdiction and code and text:
            try:
                validate_template(jurisdiction, code, text)
            except InvalidInput as exc:
                raise forms.ValidationError({exc.field or "text": exc.message}) from exc
        return data


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(ScopedAdmin):
    form = DocumentTemplateForm
    list_display = ["code", "type_label", "jurisdiction", "updated_by", "updated_at"]
    list_filter = ["jurisdiction"]
    readonly_fields = ["preview", "default_template"]
    actions = ["reset_to_default"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # An override stays the one of its jurisdiction and type; reset it to start another.
        return [*self.readonly_fields, "jurisdiction", "code"] if obj else list(self.readonly_fields)

    @admin.display(description=_("文书名称"))
    def type_label(self, obj: DocumentTemplate) -> str:
        doc = get_document_type(obj.code)
        return str(doc.label) if doc else "—"

    @admin.display(description=_("预览（示例数据）"))
    def preview(self, obj: DocumentTemplate) -> SafeString | str:
        doc = get_document_type(obj.code) if obj.pk else None
        if doc is None:
            return "—"
        try:
            return preview_html(check_template(obj.jurisdiction, doc, obj.text))
        except TemplateProblem as exc:
            return format_html('<span style="color:#b00">{}</span>', str(exc))

    @admin.display(description=_("仓库默认模板"))
    def default_template(self, obj: DocumentTemplate) -> SafeString | str:
        doc = get_document_type(obj.code) if obj.pk else None
        return format_html("<pre>{}</pre>", default_text(doc)) if doc else "—"

    def save_model(self, request: HttpRequest, obj: DocumentTemplate, form: Any, change: bool) -> None:
        user: User = request.user  # type: ignore[assignment]
        saved = save_template(obj.jurisdiction, obj.code, obj.text, acting_user=user)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: DocumentTemplate) -> None:
        reset_template(obj, acting_user=request.user)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        for obj in queryset:
            reset_template(obj, acting_user=request.user)  # type: ignore[arg-type]

    @admin.action(description=_("恢复为默认模板"))
    def reset_to_default(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        self.delete_queryset(request, queryset)


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ScopedAdmin):
    read_only = True
    list_display = ["number", "label", "case", "created_by", "created_at"]
    list_filter = ["jurisdiction", "code", "year"]
    search_fields = ["number"]
    readonly_fields = [f.name for f in IssuedDocument._meta.fields]
