"""Shared helpers for petition tests: intake through the engine and legal paths of the table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jiedao.cases import actions
from jiedao.cases.models import Case
from jiedao.core.models import Department, User
from jiedao.petitions.intake import register_petition, validate_petition

ID_A = "110101199003074514"
ID_B = "11010119900307651X"
PHONE_A = "13800138000"


def petition_data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "小区物业乱收停车费",
        "content": "东湖社区某小区物业公司擅自上调停车费，业主多次反映未果，请求街道协调处理。",
        "channel": "visit",
        "petition_type": "claim",
        "content_category": "urban.property",
        "petitioners": [{"name": "陈信访", "id_number": ID_A, "phone": PHONE_A, "address": "东湖社区1幢"}],
    }
    data.update(over)
    return data


def register(users: dict[str, User], jurisdiction: Any, now: datetime, **over: Any) -> Case:
    draft = validate_petition(petition_data(**over), jurisdiction=jurisdiction)
    return register_petition(draft, acting_user=users["dispatcher"], now=now)


def department(users: dict[str, User], key: str = "handler") -> Department:
    dep = users[key].roles.get().department
    assert dep is not None
    return dep


def to_reply(users: dict[str, User], case: Case, start: datetime, replied: datetime) -> Case:
    """受理 → 交办 → 答复 at the given moments."""
    actions.perform(case.pk, "accept", acting_user=users["dispatcher"], now=start)
    dep = department(users)
    actions.perform(
        case.pk, "assign", acting_user=users["dispatcher"], payload={"department": dep.pk}, now=start
    )
    return actions.perform(
        case.pk,
        "reply",
        acting_user=users["handler"],
        payload={"result": "经调查，已责成物业整改。"},
        now=replied,
    )
