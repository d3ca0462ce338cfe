"""Excel: the export opens with openpyxl and holds the filtered rows as numbers and dates; an
import with any bad cell names row and column and writes nothing; a good file writes every row."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jiedao.core.models import AuditEntry, Community
from jiedao.registers.models import LandParcel, LedgerEntry, ParcelMilestone, Project
from jiedao.staff.signin_audit import SIGN_IN_ACTIONS
from tests.registers.conftest import d, xlsx

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_project_export_has_the_filtered_rows_as_numbers_and_dates(client_for, reg_users, make_project):
    make_project(
        "院士岛", investment="32000.5", dates={"negotiating": d("2022-01-05"), "signed": d("2022-04-01")}
    )
    make_project("康养中心", investment="8000")
    header, rows = _sheet(client_for(reg_users["leader"]).get("/registers/projects/export/?stage=signed"))
    assert header[:5] == ("项目名称", "项目类型", "产业领域", "项目来源", "投资额（万元）")
    assert [r[0] for r in rows] == ["院士岛"]
    row = dict(zip(header, rows[0], strict=True))
    assert row["投资额（万元）"] == 32000.5
    assert row["当前阶段"] == "签约"
    assert row["签约日期"] == datetime(2022, 4, 1)  # a real date cell, not text
    assert row["落地日期"] is None


def test_ledger_export_respects_scope(client_for, reg_users, other_officer, jurisdiction):
    from jiedao.registers import actions
    from jiedao.registers.models import LedgerType

    kind = LedgerType.objects.get(jurisdiction=jurisdiction, code="articles")
    actions.create_entry(
        acting_user=reg_users["dispatcher"],
        data=actions.LedgerInput(type=kind, date=d("2022-05-01"), title="掌上鹿城推文", quantity=Decimal(12)),
    )
    _h, rows = _sheet(client_for(reg_users["leader"]).get("/registers/ledger/export/"))
    assert rows == [
        (datetime(2022, 5, 1), "文章发布", "掌上鹿城推文", 12, "篇", None, None, None, None, None)
    ]
    assert client_for(other_officer).get("/registers/ledger/export/").status_code == 200
    _h, rows = _sheet(client_for(other_officer).get("/registers/ledger/export/"))
    assert rows == []


def _post(client, key, rows):
    return client.post(f"/registers/{key}/import/", {"file": xlsx(rows)})


LAND_HEADER = ["地块名称", "所在村社", "面积（亩）", "协议签订日期", "腾空日期"]


def test_land_import_with_a_hectare_cell_writes_nothing(client_for, reg_users, communities):
    audits = AuditEntry.objects.exclude(action__in=SIGN_IN_ACTIONS).count()
    r = _post(
        client_for(reg_users["project_officer"]),
        "land",
        [
            LAND_HEADER,
            ["老涂村一号地块", "东湖社区", 120, "2022-03-01", None],
            ["上沙地块", "西山村", "12公顷", None, None],
        ],
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert "第3行“面积（亩）”列" in page
    assert "单位应为亩" in page
    assert "180" in page
    assert not LandParcel.objects.exists()
    assert AuditEntry.objects.exclude(action__in=SIGN_IN_ACTIONS).count() == audits


def test_project_import_refuses_yi_in_a_wan_yuan_column(client_for, reg_users):
    r = _post(
        client_for(reg_users["project_officer"]),
        "projects",
        [["项目名称", "投资额（万元）"], ["鹿泰总部科创园", "3.2亿"], ["华商中心", "5000万"]],
    )
    assert r.status_code == 400
    assert "第2行“投资额（万元）”列" in r.content.decode()
    assert "32000" in r.content.decode()
    assert not Project.objects.exists()


def test_import_reports_every_bad_row(client_for, reg_users, communities):
    r = _post(
        client_for(reg_users["project_officer"]),
        "land",
        [LAND_HEADER, ["甲", "不存在村", 1, None, None], ["乙", "东湖社区", 2, None, "2022-01-01"]],
    )
    page = r.content.decode()
    assert "第2行“所在村社”列" in page
    assert "第3行“协议签订日期”列" in page
    assert "不能跳过" in page
    assert not LandParcel.objects.exists()


def test_good_land_import_writes_every_row_with_milestones(client_for, reg_users, communities):
    r = _post(
        client_for(reg_users["project_officer"]),
        "land",
        [
            LAND_HEADER,
            ["老涂村一号地块", "东湖社区", "120.5亩", datetime(2022, 3, 1), datetime(2022, 6, 1)],
            ["樟里村地块", "西山村", 80, "2022年5月1日", None],
        ],
    )
    assert r.status_code == 302
    parcels = {p.name: p for p in LandParcel.objects.all()}
    assert parcels["老涂村一号地块"].area_mu == Decimal("120.50")
    assert parcels["老涂村一号地块"].stage == "cleared"
    assert parcels["樟里村地块"].stage == "signed"
    assert parcels["樟里村地块"].community == Community.objects.get(name="西山村")
    assert ParcelMilestone.objects.filter(stage="signed", actual_date=d("2022-05-01")).count() == 1
    assert AuditEntry.objects.filter(object_type="registers.landparcel", action="create").count() == 2


def test_ledger_import_checks_unit_and_level(client_for, reg_users):
    c = client_for(reg_users["dispatcher"])
    header = ["日期", "类型", "事项", "数量", "单位", "级别"]
    r = _post(c, "ledger", [header, ["2022-06-01", "媒体宣传", "光明日报头版", 1, "篇", "中央级"]])
    assert r.status_code == 400
    assert "第2行“单位”列" in r.content.decode()
    r = _post(c, "ledger", [header, ["2022-06-01", "媒体宣传", "光明日报头版", 1, "次", "乡级"]])
    assert r.status_code == 400
    assert "第2行“级别”列" in r.content.decode()
    assert not LedgerEntry.objects.exists()
    r = _post(c, "ledger", [header, ["2022-06-01", "媒体宣传", "光明日报头版", 1, "次", "中央级"]])
    assert r.status_code == 302
    assert LedgerEntry.objects.get().level == "central"


def test_export_can_be_imported_again(client_for, reg_users, make_project):
    make_project(
        "院士岛", investment="32000", dates={"negotiating": d("2022-01-05"), "signed": d("2022-04-01")}
    )
    c = client_for(reg_users["project_officer"])
    data = io.BytesIO(c.get("/registers/projects/export/").content)
    data.name = "projects.xlsx"
    Project.objects.all().delete()
    r = c.post("/registers/projects/import/", {"file": data})
    assert r.status_code == 302, r.content.decode()
    project = Project.objects.get()
    assert (project.name, project.stage, project.investment) == ("院士岛", "signed", 32000)


def test_not_an_excel_file(client_for, reg_users):
    f = io.BytesIO(b"hello")
    f.name = "x.xlsx"
    r = client_for(reg_users["project_officer"]).post("/registers/projects/import/", {"file": f})
    assert r.status_code == 400
    assert "不是有效的 Excel" in r.content.decode()


def test_leader_cannot_import(client_for, reg_users):
    r = _post(client_for(reg_users["leader"]), "projects", [["项目名称", "投资额（万元）"], ["甲", 1]])
    assert r.status_code == 403
    assert not Project.objects.exists()
