"""Helpers for the staff page tests: the admin of the other jurisdiction, and form posts."""

from __future__ import annotations

from typing import Any

import pytest

from jiedao.core.models import Jurisdiction, Role, RoleAssignment, User
from tests.conftest import PASSWORD


@pytest.fixture
def other_admin(other_jurisdiction: Jurisdiction) -> User:
    user = User.objects.create_user(username="other_admin", password=PASSWORD, display_name="冯管理")
    RoleAssignment.objects.create(user=user, role=Role.ADMIN, jurisdiction=other_jurisdiction)
    return user


def person_post(
    *, roles: list[tuple[str, str]] | None = None, extra_rows: int = 1, **fields: Any
) -> dict[str, Any]:
    """The create/edit form's POST body: person fields and one formset row per (role, scope)."""
    rows = roles or []
    body: dict[str, Any] = {
        "display_name": "",
        "username": "",
        "phone": "",
        "department": "",
        "post": "",
        "roles-TOTAL_FORMS": str(len(rows) + extra_rows),
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        **{k: v for k, v in fields.items() if v is not None},
    }
    for i, (role, scope) in enumerate(rows):
        body[f"roles-{i}-role"] = role
        body[f"roles-{i}-scope"] = scope
    return body
