"""Page-test users on top of the shared fixtures (tests/conftest.py): every role, plus edge cases.

Adds to the shared ``users`` a resident, a mediator, a user with no role, a superuser and the
other jurisdiction's dispatcher, all keyed by name; ``login_as(key)`` gives a signed-in client.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from tests.conftest import PASSWORD

ROLE_KEYS = [
    "grid_worker",
    "grid_leader",
    "dispatcher",
    "handler",
    "leader",
    "admin",
    "resident",
    "mediator",
    "other_dispatcher",
    "nobody",
    "root",
]


@pytest.fixture
def web_users(jurisdiction: Jurisdiction, users: dict[str, User], other_dispatcher: User) -> dict[str, User]:
    out = dict(users)
    out["other_dispatcher"] = other_dispatcher
    for key, display, role in (("resident", "陈居民", Role.RESIDENT), ("mediator", "冯调解", Role.MEDIATOR)):
        user = User.objects.create_user(username=key, password=PASSWORD, display_name=display)
        RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction)
        out[key] = user
    out["nobody"] = User.objects.create_user(username="nobody", password=PASSWORD)
    out["root"] = User.objects.create_superuser(username="root", password=PASSWORD)
    return out


@pytest.fixture
def login_as(web_users: dict[str, User], client_for: Callable[[User], Client]) -> Callable[[str], Client]:
    def make(key: str) -> Client:
        return client_for(web_users[key])

    return make
