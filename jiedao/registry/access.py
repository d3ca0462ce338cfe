"""Who reads the registry (人地事物组织), declared once for its queries, pages and menu.

The people who keep the registry up to date (grid workers, grid leaders, the command centre) and
the leader read residents, households and organisations, each in their scope; an inspector also
reads the places of their inspection area (an inspection is of places, not of people). A mediator,
a handler or a project officer reads none of it: their pages answer 403 and the API lists nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model

from jiedao.core.models import Role, User
from jiedao.core.scope import Scope, scope_of
from jiedao.registry.models import Household, Organisation, Place, Resident

KEEPERS = (Role.GRID_WORKER, Role.GRID_LEADER, Role.DISPATCHER, Role.LEADER, Role.ADMIN)
PLACE_READERS = (*KEEPERS, Role.INSPECTOR)
READERS: dict[type[Model], tuple[str, ...]] = {
    Resident: KEEPERS,
    Household: KEEPERS,
    Organisation: KEEPERS,
    Place: PLACE_READERS,
}


def reading_scope(user: User | None, model: type[Model]) -> Scope:
    return scope_of(user).through(READERS[model])


def keeping_scope(user: User | None) -> Scope:
    """Where the user keeps records (the choices of the registry's forms)."""
    return scope_of(user).through(KEEPERS)


def require(user: User, roles: tuple[str, ...]) -> None:
    if not scope_of(user).has(*roles):
        raise PermissionDenied
