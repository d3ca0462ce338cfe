"""Who may open a page: declared once on its view, enforced by the view and read by every link.

    @login_required
    @require_GET
    @page_access(Role.DISPATCHER, Role.ADMIN)
    def petition_create(request): ...

The view refuses (403) a user whose scope does not allow it; the navigation, the menus and the
buttons on other pages ask `may_open(scope, "petitions:create")`, which reads the same
declaration — so a link is shown exactly to those the page will serve.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.functional import Promise

from jiedao.core.scope import Scope, scope_of

ATTRIBUTE = "jiedao_access"
View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Access:
    roles: frozenset[str]
    check: Callable[[Scope], bool] | None = None  # a further condition on the scope
    denied: Promise | str = ""  # the reason the 403 page gives when `check` fails

    def allows(self, scope: Scope) -> bool:
        return bool(scope.user_id) and scope.has(*self.roles) and (self.check is None or self.check(scope))


def page_access(
    *roles: str, check: Callable[[Scope], bool] | None = None, denied: Promise | str = ""
) -> Callable[[View], View]:
    """Declare (and enforce) the roles that may open the decorated view; put it under login_required."""
    access = Access(frozenset(roles), check, denied)

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            scope = scope_of(request.user)  # type: ignore[arg-type]
            if not access.allows(scope):
                reason = str(access.denied) if scope.has(*access.roles) and access.denied else ""
                raise PermissionDenied(reason)
            return view(request, *args, **kwargs)

        setattr(guarded, ATTRIBUTE, access)  # functools.wraps carries it out through outer decorators
        return guarded

    return decorate


@lru_cache(maxsize=1024)
def _access_at(path: str) -> Access | None:
    try:
        view = resolve(path).func
    except Resolver404:
        return None
    found: Access | None = getattr(view, ATTRIBUTE, None)
    return found


def access_of(url_name: str, *args: Any) -> Access | None:
    """The declared access of the page `url_name` (None: any signed-in user, or no such page)."""
    try:
        return _access_at(reverse(url_name, args=args or None))
    except NoReverseMatch:
        return None


def may_open_path(scope: Scope | None, path: str) -> bool:
    """`may_open` for a path already reversed (the navigation reverses each entry once)."""
    if scope is None or not scope.user_id:
        return False
    access = _access_at(path)
    return access is None or access.allows(scope)


def may_open(scope: Scope | None, url_name: str, *args: Any) -> bool:
    """Whether a link to `url_name` should be shown to this scope: the page would serve it."""
    if scope is None or not scope.user_id:
        return False
    access = access_of(url_name, *args)
    return access is None or access.allows(scope)
