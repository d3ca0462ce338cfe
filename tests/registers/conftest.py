"""Register users on top of tests/conftest.py: project officers (wide and department-scoped),
an inspector, and a project officer of the other jurisdiction; plus helpers to make records."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from jiedao.core.models import Department, Jurisdiction, Role, RoleAssignment, User
from jiedao.registers import actions

PASSWORD = "pass12345"


def _make(username: str, display: str, role: str, jurisdiction: Jurisdiction, **scope: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=display)
    RoleAssignment.objects.create(user=user, role=role, jurisdiction=jurisdiction, **scope)
    return user


@pytest.fixture
def reg_users(users: dict[str, User], jurisdiction: Jurisdiction) -> dict[str, User]:
    dept = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    return {
        **users,
        "project_officer": _make("project_officer", "陈招商", Role.PROJECT_OFFICER, jurisdiction),
        "project_officer_dept": _make(
            "project_officer_dept", "林专员", Role.PROJECT_OFFICER, jurisdiction, department=dept
        ),
        "inspector": _make("inspector", "何检查", Role.INSPECTOR, jurisdiction),
    }


@pytest.fixture
def other_officer(other_jurisdiction: Jurisdiction) -> User:
    return _make("other_officer", "郑招商", Role.PROJECT_OFFICER, other_jurisdiction)


@pytest.fixture
def make_project(reg_users: dict[str, User]) -> Callable[..., Any]:
    def make(name: str = "院士岛产业化项目", **kw: Any) -> Any:
        data = actions.ProjectInput(name=name, investment=Decimal(kw.pop("investment", "5000")), **kw)
        return actions.create_project(acting_user=reg_users["project_officer"], data=data)

    return make


def xlsx(rows: list[list[Any]]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "import.xlsx"
    return out


def d(text: str) -> date:
    return date.fromisoformat(text)
