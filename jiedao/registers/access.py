"""Who may read and who may edit each register, and where (rule 4: scope in one place).

Reading goes through `readable(...)`, a queryset restricted by the scope the user holds
through the register's reading roles; editing checks the scope of the editing roles alone,
so a leader who reads everything edits nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from jiedao.core import acting
from jiedao.core.errors import DomainError
from jiedao.core.models import Role, User
from jiedao.core.scope import Scope, role_scope

M = TypeVar("M", bound=models.Model)


class NotAllowed(DomainError):
    """The user may read the record but not change it (or may not add one there)."""

    status = 403
    code = "forbidden"


@dataclass(frozen=True)
class Access:
    read: tuple[str, ...]
    write: tuple[str, ...]
    community: str | None = "community"
    grid: str | None = None
    department: str | None = "department"

    def filter_q(self, scope: Scope) -> models.Q:
        return scope.filter_q(community=self.community, grid=self.grid, department=self.department)


PROJECTS = Access(
    read=(Role.PROJECT_OFFICER, Role.LEADER, Role.ADMIN),
    write=(Role.PROJECT_OFFICER, Role.ADMIN),
)
LAND = PROJECTS
STRUCTURES = Access(
    read=(Role.INSPECTOR, Role.GRID_WORKER, Role.GRID_LEADER, Role.DISPATCHER, Role.LEADER, Role.ADMIN),
    write=(Role.INSPECTOR, Role.GRID_WORKER, Role.GRID_LEADER, Role.DISPATCHER, Role.ADMIN),
    grid="grid",
    department=None,
)
LEDGER = Access(
    read=(Role.DISPATCHER, Role.PROJECT_OFFICER, Role.GRID_LEADER, Role.LEADER, Role.ADMIN),
    write=(Role.DISPATCHER, Role.PROJECT_OFFICER, Role.GRID_LEADER, Role.ADMIN),
)


def can_read(user: User, access: Access) -> bool:
    return role_scope(user, access.read).has(*access.read)


def can_add(user: User, access: Access) -> bool:
    return role_scope(user, access.write).has(*access.write)


def readable(user: User, model: type[M], access: Access) -> models.QuerySet[M]:
    """The rows of `model` this user may read (none for a user without a reading role)."""
    scope = role_scope(user, access.read)
    if not scope.has(*access.read):
        return model._default_manager.none()
    return model._default_manager.filter(access.filter_q(scope))


def get_for(user: User, qs: models.QuerySet[M], pk: Any, access: Access) -> M:
    """One readable row, or 404 for a missing and a forbidden one alike."""
    scope = role_scope(user, access.read)
    obj = qs.filter(pk=pk).filter(access.filter_q(scope)).first() if scope.has(*access.read) else None
    if obj is None:
        raise Http404
    return obj


def covers(scope: Scope, obj: Any, access: Access) -> bool:
    """Whether a record with `obj`'s location falls inside `scope` (checked in memory)."""
    if scope.superuser or obj.jurisdiction_id in scope.jurisdictions:
        return True
    for attr, allowed in (
        (access.community, scope.communities),
        (access.grid, scope.grids),
        (access.department, scope.departments),
    ):
        if attr and getattr(obj, f"{attr}_id", None) in allowed:
            return True
    return False


def can_edit(user: User, obj: Any, access: Access) -> bool:
    scope = role_scope(user, access.write)
    return scope.has(*access.write) and covers(scope, obj, access)


def check_edit(user: User, obj: Any, access: Access) -> None:
    if not can_edit(user, obj, access):
        raise NotAllowed(_("您无权在此范围内修改该台账。"))


def jurisdiction_ids(user: User, access: Access, *, write: bool = False) -> list[int]:
    """The jurisdictions where the user holds a reading (or editing) role of the register."""
    return acting.jurisdiction_ids(user, access.write if write else access.read)


def home_jurisdiction(user: User, access: Access) -> int:
    """The jurisdiction a new record of this user goes into: the one they act in, among those
    where they hold an editing role (`jiedao.core.acting`)."""
    found = acting.acting_id(user, access.write)
    if found is None:
        raise NotAllowed(_("您无权新增该台账记录。"))
    return found
