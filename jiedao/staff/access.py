"""Who may manage staff where: the admin role of a jurisdiction (a superuser: every one).

This is the staff app's scope (ARCHITECTURE rule 4): the staff pages read people only through
`managed_staff` / `person_for`, so an admin of another jurisdiction gets "not found".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from jiedao.core.scope import assignments_of


def managed_jurisdictions(user: User | None) -> QuerySet[Jurisdiction]:
    """The jurisdictions whose staff `user` may list and change."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Jurisdiction.objects.none()
    if user.is_superuser:
        return Jurisdiction.objects.all()
    ids = {ra.jurisdiction_id for ra in assignments_of(user) if ra.role == Role.ADMIN}
    return Jurisdiction.objects.filter(pk__in=ids)


def staff_in(jurisdiction_ids: Iterable[int]) -> QuerySet[User]:
    """Everyone holding any role in these jurisdictions, or whose unit belongs to one of them."""
    ids = list(jurisdiction_ids)
    holders = RoleAssignment.objects.filter(jurisdiction_id__in=ids).values("user_id")
    return User.objects.filter(Q(pk__in=holders) | Q(department__jurisdiction_id__in=ids))


def staff_of(jurisdiction: Jurisdiction) -> QuerySet[User]:
    """Everyone holding any role in the jurisdiction, or whose unit belongs to it."""
    return staff_in([jurisdiction.pk])


def require_manager(user: User) -> list[Jurisdiction]:
    """The jurisdictions `user` manages, ordered; PermissionDenied (403) when none."""
    managed = list(managed_jurisdictions(user).order_by("pk"))
    if not managed:
        raise PermissionDenied
    return managed


def person_for(user: User, pk: int, managed: list[Jurisdiction]) -> tuple[User, Jurisdiction]:
    """The person and the managed jurisdiction they are edited in; 404 for anyone else's."""
    person = staff_in(j.pk for j in managed).filter(pk=pk).select_related("department").first()
    if person is None:
        raise Http404
    held = set(RoleAssignment.objects.filter(user=person).values_list("jurisdiction_id", flat=True))
    if person.department is not None:
        held.add(person.department.jurisdiction_id)
    jurisdiction = next(j for j in managed if j.pk in held)
    return person, jurisdiction


def pick_jurisdiction(request: HttpRequest, managed: list[Jurisdiction]) -> Jurisdiction:
    """The managed jurisdiction a page works in (`j`), the first one by default."""
    wanted = request.POST.get("j") or request.GET.get("j") or ""
    return next((j for j in managed if str(j.pk) == wanted), managed[0])
