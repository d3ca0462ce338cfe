"""Who may manage staff where: the admin role of a jurisdiction (a superuser: every one)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from jiedao.core.models import Jurisdiction, Role, User
from jiedao.core.scope import assignments_of


def managed_jurisdictions(user: User | None) -> QuerySet[Jurisdiction]:
    """The jurisdictions whose staff `user` may list and change."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Jurisdiction.objects.none()
    if user.is_superuser:
        return Jurisdiction.objects.all()
    ids = {ra.jurisdiction_id for ra in assignments_of(user) if ra.role == Role.ADMIN}
    return Jurisdiction.objects.filter(pk__in=ids)


def staff_of(jurisdiction: Jurisdiction) -> QuerySet[User]:
    """Everyone holding any role in the jurisdiction, or whose unit belongs to it."""
    within = Q(roles__jurisdiction=jurisdiction) | Q(department__jurisdiction=jurisdiction)
    return User.objects.filter(within).distinct()
