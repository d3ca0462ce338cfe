"""Which jurisdiction a user acts in: decided here, once, for every page and the API.

A user may act in the jurisdictions their role assignments name (a superuser: in every one).
A page that needs certain roles asks with them (`roles=`): a leader's pages are those of the
jurisdictions the user leads. Of those, the user acts in the one they chose — with the picker of
the navigation (kept in the session), or per API call with the `X-Jurisdiction: <id>` header —
else in the lowest-numbered one. A choice they may no longer act in (a role withdrawn since) is
forgotten; one they never held is refused (403) when it is made.

Reading is a separate matter: what a user may *see* is their scope (`jiedao.core.scope`), the
union of all their roles. The acting jurisdiction says where new records go and which
jurisdiction a one-jurisdiction page (a dashboard, a registration form, a workload) shows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jiedao.core.ints import parse_int
from jiedao.core.models import Jurisdiction, RoleAssignment, User
from jiedao.core.scope import assignments_of

SESSION_KEY = "jiedao_acting_jurisdiction"
HEADER = "X-Jurisdiction"
_CHOICE = "_jiedao_acting_choice"  # the choice of this request, remembered on the user instance
_EVERY = "_jiedao_every_jurisdiction"  # a superuser's list, read once per request

Roles = Collection[str] | None


def _signed_in(user: User | None) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


def _held(user: User, roles: Roles) -> list[RoleAssignment]:
    return [ra for ra in assignments_of(user) if roles is None or ra.role in roles]


def jurisdictions(user: User | None, roles: Roles = None) -> list[Jurisdiction]:
    """The jurisdictions `user` may act in (through `roles`, when given), lowest pk first."""
    if not _signed_in(user):
        return []
    if user.is_superuser:
        every: list[Jurisdiction] | None = getattr(user, _EVERY, None)
        if every is None:
            every = list(Jurisdiction.objects.order_by("pk"))
            setattr(user, _EVERY, every)
        return every
    # The assignments carry their jurisdictions (select_related, or the token's join): no query.
    held = {ra.jurisdiction_id: ra.jurisdiction for ra in _held(user, roles)}
    return [held[pk] for pk in sorted(held)]


def jurisdiction_ids(user: User | None, roles: Roles = None) -> list[int]:
    """The pks of `jurisdictions(user, roles)`."""
    if _signed_in(user) and not user.is_superuser:
        return sorted({ra.jurisdiction_id for ra in _held(user, roles)})
    return [j.pk for j in jurisdictions(user, roles)]


def may_act_in(user: User | None, jurisdiction_id: int, roles: Roles = None) -> bool:
    return jurisdiction_id in jurisdiction_ids(user, roles)


def acting_jurisdiction(user: User | None, roles: Roles = None) -> Jurisdiction | None:
    """The one the user chose, if they may act in it (through `roles`), else the lowest pk of
    those they may act in; None when there is none."""
    held = jurisdictions(user, roles)
    if not held:
        return None
    chosen = getattr(user, _CHOICE, None)
    return next((j for j in held if j.pk == chosen), held[0])


def acting_id(user: User | None, roles: Roles = None) -> int | None:
    found = acting_jurisdiction(user, roles)
    return None if found is None else found.pk


def _parse(value: object) -> int | None:
    return parse_int(value)


def remember(user: User | None, value: object) -> bool:
    """Take `value` as this request's choice; False (and no change) for a jurisdiction the user
    may not act in, or for anything that names no jurisdiction."""
    pk = _parse(value)
    if pk is None or not may_act_in(user, pk):
        return False
    setattr(user, _CHOICE, pk)
    return True


def choose(request: HttpRequest, value: object) -> Jurisdiction:
    """The picker's choice: kept in the session for the following requests; 403 for a
    jurisdiction the user may not act in (nothing is changed then)."""
    user: User = request.user  # type: ignore[assignment]
    if not remember(user, value):
        raise PermissionDenied
    chosen = acting_jurisdiction(user)
    assert chosen is not None
    request.session[SESSION_KEY] = chosen.pk
    return chosen


def from_session(request: HttpRequest) -> None:
    """Apply the choice kept in the session to the signed-in user of this request."""
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return
    user = request.user
    if user.is_authenticated and not remember(user, session[SESSION_KEY]):
        del session[SESSION_KEY]  # no longer held: forget it rather than ignore it every request


class ActingJurisdictionMiddleware:
    """Carries the picker's choice from the session to the request's user (after authentication).

    Token calls do not pass here (`jiedao.core.api.handler`): their header is read where the
    token is (`jiedao.core.api.auth`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from_session(request)
        return self.get_response(request)
