"""Admin site for configuration: an admin edits their own jurisdiction's platforms, categories, SLA,
tags, departments and the holiday schedule. Every save goes through core actions (audited);
the audit log itself is read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from jiedao.core.actions import delete_config_object, save_config_object
from jiedao.core.models import (
    AuditEntry,
    BoundarySet,
    Category,
    Community,
    Department,
    Grid,
    HolidayDay,
    HolidayYear,
    Jurisdiction,
    Platform,
    Role,
    RoleAssignment,
    SLAPolicy,
    Tag,
    User,
)

admin.site.site_header = _("街道智治 配置管理")
admin.site.site_title = _("街道智治")
admin.site.index_title = _("配置管理")


def admin_jurisdictions(request: HttpRequest) -> set[int] | None:
    """Jurisdiction ids the user administers; None means all of them (superuser)."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    cached: set[int] | None = getattr(request, "_jiedao_admin_jurs", None)
    if cached is None:
        cached = set(
            RoleAssignment.objects.filter(user_id=user.pk, role=Role.ADMIN).values_list(
                "jurisdiction_id", flat=True
            )
        )
        request._jiedao_admin_jurs = cached  # type: ignore[attr-defined]
    return cached


class AuditedAdmin(admin.ModelAdmin):
    """Allowed to jurisdiction admins; saves and deletes go through the audited core actions."""

    read_only = False

    def _allowed(self, request: HttpRequest) -> bool:
        jurs = admin_jurisdictions(request)
        return jurs is None or bool(jurs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return not self.read_only and self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.read_only and self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self.read_only and self._allowed(request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_config_object(acting_user=_user(request), obj=obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_config_object(acting_user=_user(request), obj=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            delete_config_object(acting_user=_user(request), obj=obj)


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class ScopedAdmin(AuditedAdmin):
    """Rows of the jurisdictions the user administers; foreign-key choices limited likewise."""

    jurisdiction_field = "jurisdiction"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        jurs = admin_jurisdictions(request)
        return qs if jurs is None else qs.filter(**{f"{self.jurisdiction_field}__in": jurs})

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        jurs = admin_jurisdictions(request)
        if jurs is not None:
            related = db_field.related_model
            if related is Jurisdiction:
                kwargs["queryset"] = Jurisdiction.objects.filter(pk__in=jurs)
            elif isinstance(related, type) and any(f.name == "jurisdiction" for f in related._meta.fields):
                kwargs["queryset"] = related._default_manager.filter(jurisdiction__in=jurs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Jurisdiction)
class JurisdictionAdmin(ScopedAdmin):
    list_display = ("code", "name", "config_name", "case_prefix", "working_hours")
    jurisdiction_field = "pk"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ("code", "name", "jurisdiction")
    search_fields = ("code", "name")


@admin.register(Platform)
class PlatformAdmin(ScopedAdmin):
    list_display = ("code", "name", "order", "jurisdiction")


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = ("code", "name", "platform", "parent", "default_department")
    list_filter = ("platform",)
    search_fields = ("code", "name", "keywords")


@admin.register(SLAPolicy)
class SLAPolicyAdmin(ScopedAdmin):
    list_display = ("category", "urgency", "sign_amount", "sign_unit", "resolve_amount", "resolve_unit")
    list_filter = ("urgency",)


@admin.register(Tag)
class TagAdmin(ScopedAdmin):
    list_display = ("tag_set_name", "tag_set", "code", "name")
    list_filter = ("tag_set_name",)


@admin.register(Community)
class CommunityAdmin(ScopedAdmin):
    list_display = ("code", "name", "jurisdiction")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BoundarySet)
class BoundarySetAdmin(ScopedAdmin):
    list_display = ("jurisdiction", "version", "active", "source", "imported_at")
    read_only = True


@admin.register(Grid)
class GridAdmin(ScopedAdmin):
    """Boundaries change only through `grids import` (a new generation), so grids are read-only."""

    list_display = ("code", "name", "community", "boundary_set")
    list_filter = ("boundary_set__active",)
    read_only = True


@admin.register(HolidayDay)
class HolidayDayAdmin(AuditedAdmin):
    list_display = ("date", "is_workday", "name")
    date_hierarchy = "date"


@admin.register(HolidayYear)
class HolidayYearAdmin(AuditedAdmin):
    list_display = ("year", "complete", "note")


@admin.register(AuditEntry)
class AuditEntryAdmin(ScopedAdmin):
    list_display = ("at", "user", "action", "object_type", "object_id", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "object_id", "request_id")
    jurisdiction_field = "jurisdiction_id"
    read_only = True
