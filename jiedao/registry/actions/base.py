"""Shared checks of registry actions: write permission by location, input helpers, versioned saves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiedao.core.audit import record, snapshot
from jiedao.core.models import Community, Grid, Role, RoleAssignment, Tag, User
from jiedao.registry.models import RegistryRecord

R = TypeVar("R", bound=RegistryRecord)

# Roles that keep the registry up to date, and those of them that may do so jurisdiction-wide.
WRITER_ROLES = (Role.GRID_WORKER, Role.GRID_LEADER, Role.DISPATCHER, Role.ADMIN)
JURISDICTION_WRITER_ROLES = (Role.DISPATCHER, Role.ADMIN)
# Roles whose work reads the registry's lists (a leader reads, does not write).
READER_ROLES = (*WRITER_ROLES, Role.LEADER)


class StaleEditError(Exception):
    """Someone saved the record after this editor loaded it; nothing was written."""

    def __init__(self) -> None:
        super().__init__(str(_("该记录已被他人修改，请刷新页面后重新编辑")))


# --- shared checks -----------------------------------------------------------------------------


def can_write(user: User, jurisdiction_id: int, community_id: int, grid_id: int | None) -> bool:
    if user.is_superuser:
        return True
    where = Q(role__in=JURISDICTION_WRITER_ROLES) | Q(community__isnull=True, grid__isnull=True)
    where |= Q(community_id=community_id, grid__isnull=True)
    if grid_id:
        where |= Q(grid_id=grid_id)
    return (
        RoleAssignment.objects.filter(user=user, jurisdiction_id=jurisdiction_id, role__in=WRITER_ROLES)
        .filter(department__isnull=True)
        .filter(where)
        .exists()
    )


def locate(
    user: User, community: Community | None, grid: Grid | None, errors: dict[str, list[Any]]
) -> tuple[Community, Grid | None] | None:
    """Resolve community from grid, check they agree and that the user may write there."""
    if grid is not None:
        if community is not None and grid.community_id != community.pk:
            errors.setdefault("grid", []).append(_("所选网格不属于所选村社"))
            return None
        community = grid.community
    if community is None:
        errors.setdefault("community", []).append(_("请选择村社或网格"))
        return None
    if not can_write(user, community.jurisdiction_id, community.pk, grid.pk if grid else None):
        raise PermissionDenied(_("您无权在该村社或网格登记信息"))
    return community, grid


def check_write_existing(user: User, obj: RegistryRecord) -> None:
    if not can_write(user, obj.jurisdiction_id, obj.community_id, obj.grid_id):
        raise PermissionDenied(_("您无权修改该记录"))


def required(value: str, name: str, label: Any, errors: dict[str, list[Any]]) -> str:
    value = (value or "").strip()
    if not value:
        errors.setdefault(name, []).append(_("%(label)s不能为空") % {"label": label})
    return value


def protected_input(
    value: str | None, name: str, check: Callable[[str], str], errors: dict[str, list[Any]]
) -> str | None:
    """Validated, normalised personal-data input; None means 'keep the stored value'."""
    if value is None:
        return None
    if not value.strip():
        return ""
    try:
        return check(value)
    except ValidationError as exc:
        errors.setdefault(name, []).extend(exc.messages)
        return value


def tag_check(
    tag: Tag | None, tag_sets: tuple[str, ...], jurisdiction_id: int, name: str, errors: dict[str, list[Any]]
) -> None:
    """Refuse a tag outside the record's jurisdiction or outside the sets this field reads."""
    if tag is not None and (tag.tag_set not in tag_sets or tag.jurisdiction_id != jurisdiction_id):
        errors.setdefault(name, []).append(_("所选类型不可用"))


def raise_errors(errors: dict[str, list[Any]]) -> None:
    if errors:
        raise ValidationError(errors)


def lock(obj: R, expected_version: int) -> R:
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if locked.version != expected_version:
        raise StaleEditError
    return locked


def set_location(obj: RegistryRecord, community: Community, grid: Grid | None) -> None:
    obj.jurisdiction_id = community.jurisdiction_id
    obj.community = community
    obj.grid = grid


def create_record(user: User, obj: R, apply: Callable[[], None], fields: list[str]) -> R:
    with transaction.atomic():
        apply()
        obj.save()
        record(obj, "create", acting_user=user, after=snapshot(obj, fields))
    return obj


def update_record(user: User, obj: R, version: int, apply: Callable[[R], None], fields: list[str]) -> R:
    with transaction.atomic():
        locked = lock(obj, version)
        check_write_existing(user, locked)
        before = snapshot(locked, fields)
        apply(locked)
        locked.version += 1
        locked.save()
        record(locked, "update", acting_user=user, before=before, after=snapshot(locked, fields))
    return locked


def set_archived(user: User, obj: R, version: int, snap: Callable[[R], dict[str, Any]]) -> R:
    with transaction.atomic():
        locked = lock(obj, version)
        check_write_existing(user, locked)
        before = snap(locked)
        locked.archived = True
        locked.version += 1
        locked.save(update_fields=["archived", "version", "updated_at"])
        record(locked, "archive", acting_user=user, before=before, after=snap(locked))
    return locked
