"""Every register's list, detail, form and export pages, with query counts pinned on lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jiedao.registers import actions
from jiedao.registers.models import LedgerType

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(reg_users, communities, grids, jurisdiction):
    officer, dispatcher = reg_users["project_officer"], reg_users["dispatcher"]
    kinds = list(LedgerType.objects.filter(jurisdiction=jurisdiction, levels=[]))
    made = {"projects": [], "land": [], "structures": [], "ledger": []}
    for i in range(23):
        made["projects"].append(
            actions.create_project(
                acting_user=officer,
                data=actions.ProjectInput(name=f"项目{i}", kind="public_work" if i % 2 else "investment"),
            )
        )
        made["land"].append(
            actions.create_parcel(
                acting_user=officer,
                data=actions.ParcelInput(
                    name=f"地块{i}", community=communities["C2"], area_mu=Decimal(10 + i)
                ),
            )
        )
        made["structures"].append(
            actions.create_structure(
                acting_user=dispatcher,
                data=actions.StructureInput(
                    address=f"违建{i}", area_m2=Decimal(50), grid=grids[f"G{i % 4 + 1}"]
                ),
            )
        )
        made["ledger"].append(
            actions.create_entry(
                acting_user=dispatcher,
                data=actions.LedgerInput(
                    type=kinds[i % len(kinds)],
                    date=date(2022, 1, 1 + i),
                    title=f"台账{i}",
                    quantity=Decimal(2),
                ),
            )
        )
    return made


@pytest.mark.parametrize("key", ["projects", "land", "structures", "ledger"])
def test_list_and_api_query_counts_are_pinned(
    key, filled, client_for, reg_users, django_assert_max_num_queries
):
    c = client_for(reg_users["admin"])
    with django_assert_max_num_queries(12):
        r = c.get(f"/registers/{key}/?page=2")
    assert r.status_code == 200
    assert "第 2 / 2 页" in r.content.decode()
    with django_assert_max_num_queries(7):
        r = c.get(f"/api/registers/{key}/?limit=100")
    assert r.json()["count"] == 23


@pytest.mark.parametrize("key", ["projects", "land", "structures", "ledger"])
def test_detail_edit_and_export_pages_open(key, filled, client_for, reg_users):
    c = client_for(reg_users["admin"])
    obj = filled[key][0]
    page = c.get(f"/registers/{key}/{obj.pk}/").content.decode()
    assert str(obj) in page
    assert "变更记录" in page
    assert ("变更阶段" in page) == (key != "ledger")
    assert c.get(f"/registers/{key}/{obj.pk}/edit/").status_code == 200
    assert c.get(f"/registers/{key}/new/").status_code == 200
    assert c.get(f"/registers/{key}/export/").status_code == 200


def test_grid_worker_list_shows_only_own_grid(filled, client_for, reg_users):
    page = client_for(reg_users["grid_worker"]).get("/registers/structures/").content.decode()
    mine = [s for s in filled["structures"] if s.grid.code == "G1"]
    assert f"共 {len(mine)} 条" in page
    r = client_for(reg_users["grid_worker"]).get("/api/registers/structures/")
    assert r.json()["count"] == len(mine)


def test_planned_dates_are_saved_and_audited(filled, client_for, reg_users):
    project = next(p for p in filled["projects"] if p.kind == "investment")
    c = client_for(reg_users["project_officer"])
    r = c.post(
        f"/registers/projects/{project.pk}/plan/",
        {"planned_signed": "2023-03-01", "planned_landed": "2023-09-01", "version": project.version},
    )
    assert r.status_code == 302
    page = c.get(f"/registers/projects/{project.pk}/").content.decode()
    assert "2023-03-01" in page
    assert "修改计划日期" in page
