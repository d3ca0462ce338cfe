"""Who may generate and read year-end reports: leaders and admins, in their own jurisdictions."""

from __future__ import annotations

from django.db.models import QuerySet

from jiedao.core.models import Jurisdiction, Role, User
from jiedao.core.scope import assignments_of

ROLES = (Role.LEADER, Role.ADMIN)


def report_jurisdictions(user: User) -> QuerySet[Jurisdiction] | None:
    """The jurisdictions whose reports `user` may generate and read; None when there are none."""
    qs = Jurisdiction.objects.order_by("code")
    if user.is_superuser:
        return qs
    ids = {ra.jurisdiction_id for ra in assignments_of(user) if ra.role in ROLES}
    return qs.filter(pk__in=ids) if ids else None


def chosen(allowed: QuerySet[Jurisdiction], code: str | None) -> Jurisdiction | None:
    """The jurisdiction named by `code` among `allowed` (the first one when no code is given)."""
    return allowed.filter(code=code).first() if code else allowed.first()
