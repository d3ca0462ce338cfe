"""Staff import from Excel, through the command and through the page as the admin.

A sheet with bad rows is refused with 第N行“列”：原因 and writes nothing; the corrected sheet
imports; the same sheet again changes nothing (no audit entry either).
"""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jiedao.core.models import AuditEntry, RoleAssignment, User
from jiedao.mediation.models import Room, RoomMember
from jiedao.staff.signin_audit import SIGN_IN_ACTIONS

HEADERS = [
    "姓名",
    "用户名",
    "手机号码",
    "所在单位(部门代码)",
    "职务",
    "角色",
    "网格代码",
    "村社代码",
    "调解室代码",
]
GOOD: list[list[Any]] = [
    ["周网格", "zhou_gw", "13800138001", "", "专职网格员", "网格员", "G1、G2", "", ""],
    ["吴网格长", "wu_gl", 13800138002, "", "", "网格长", "", "C1", ""],
    ["郑执法", "zheng_h", "138 0013 8003", "enforcement", "队员", "部门处置人员", "", "", ""],
    ["冯调解", "feng_m", "", "", "", "调解员", "", "", "qiao，min"],
    ["陈网格", "chen_gw", "13800138005", "", "", "网格员、调解员", "G3", "", "gong"],
    ["褚受理", "chu_d", "", "", "", "受理员", "", "", ""],
]
BAD_ROWS: dict[int, list[Any]] = {  # Excel row number -> the bad version of that row
    6: ["陈网格", "chen_gw", "1380013800", "", "", "网格员、调解员", "G9", "", "gong"],
    7: ["褚受理", "ZHOU_GW", "", "", "", "受理员", "", "", ""],
}
EXPECTED_ERRORS = [
    "第6行“手机号码”：“1380013800”不是11位手机号码",
    "第6行“网格代码”：未知的代码“G9”",
    "第7行“用户名”：与第2行的用户名“ZHOU_GW”重复",
]


def xlsx(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    book = Workbook()
    sheet: Any = book.active
    sheet.append(HEADERS if headers is None else headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bad_sheet() -> bytes:
    return xlsx([BAD_ROWS.get(i, row) for i, row in enumerate(GOOD, start=2)])


def written() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        RoomMember.objects.count(),
        AuditEntry.objects.exclude(action__in=SIGN_IN_ACTIONS).count(),  # signing in is not a write
    )


def run(tmp_path: Path, data: bytes, code: str = "test-jd") -> str:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(data)
    out = StringIO()
    call_command("staff", "import", str(path), "--jurisdiction", code, stdout=out)
    return out.getvalue()


def held(username: str, jurisdiction: Any) -> set[tuple[str, str]]:
    person = User.objects.get(username=username)
    out = set()
    for ra in RoleAssignment.objects.filter(user=person, jurisdiction=jurisdiction):
        unit = ra.grid or ra.community or ra.department or ra.inspection_area
        out.add((ra.role, getattr(unit, "code", "")))
    rooms = RoomMember.objects.filter(user=person).values_list("room__code", flat=True)
    return out | {("room", code) for code in rooms}


def test_the_command_refuses_a_bad_sheet_then_imports_it_corrected_then_changes_nothing(
    tmp_path, jurisdiction, users, other_dispatcher
) -> None:
    before = written()
    with pytest.raises(CommandError) as refused:
        run(tmp_path, bad_sheet())
    message = str(refused.value)
    assert "未写入任何数据" in message
    # Every bad cell, and nothing of the good rows.
    assert [line.removeprefix("  - ") for line in message.splitlines()[1:]] == EXPECTED_ERRORS
    assert written() == before

    out = run(tmp_path, xlsx(GOOD))
    assert "新建 6 人，更新 0 人，无变化 0 人" in out
    passwords = {
        line.split("\t")[0].strip(): line.split("\t")[2] for line in out.splitlines() if "\t" in line
    }
    assert set(passwords) == {row[1] for row in GOOD}
    for username, raw in passwords.items():
        person = User.objects.get(username=username)
        assert person.must_change_password
        assert person.check_password(raw)
    assert held("zhou_gw", jurisdiction) == {("grid_worker", "G1"), ("grid_worker", "G2")}
    assert held("wu_gl", jurisdiction) == {("grid_leader", "C1")}
    assert held("zheng_h", jurisdiction) == {("handler", "enforcement")}
    assert held("feng_m", jurisdiction) == {("mediator", ""), ("room", "qiao"), ("room", "min")}
    assert held("chen_gw", jurisdiction) == {("grid_worker", "G3"), ("mediator", ""), ("room", "gong")}
    assert held("chu_d", jurisdiction) == {("dispatcher", "")}
    zheng = User.objects.get(username="zheng_h")
    assert zheng.phone.reveal() == "13800138003"
    assert zheng.department is not None
    assert zheng.department.code == "enforcement"
    assert zheng.post == "队员"
    assert User.objects.get(username="wu_gl").phone.reveal() == "13800138002"  # a number cell
    created = AuditEntry.objects.filter(object_type="core.user", action="create")
    assert created.count() == 6
    assert all(e.user is None for e in created)  # the command acts as the system

    after_import = written()
    ids = sorted(RoleAssignment.objects.values_list("pk", flat=True))
    out = run(tmp_path, xlsx(GOOD))
    assert "新建 0 人，更新 0 人，无变化 6 人" in out
    assert "一次性密码" not in out
    assert written() == after_import
    assert sorted(RoleAssignment.objects.values_list("pk", flat=True)) == ids


def test_a_sheet_updates_only_what_differs_for_the_jurisdictions_own_people(
    tmp_path, jurisdiction, users
) -> None:
    worker = users["grid_worker"]  # 王网格, grid worker of G1
    out = run(tmp_path, xlsx([["王网格", "GRID_WORKER", "", "", "组长", "网格员", "G1", "", ""]]))
    assert "新建 0 人，更新 1 人，无变化 0 人" in out
    worker.refresh_from_db()
    assert worker.post == "组长"
    assert not worker.must_change_password  # an existing account keeps its password
    entries = AuditEntry.objects.filter(object_type="core.user", object_id=str(worker.pk))
    assert [(e.action, (e.after or {}).get("post")) for e in entries] == [
        ("update", "组长")
    ]  # roles unchanged
    out = run(tmp_path, xlsx([["王网格", "grid_worker", "", "", "组长", "网格员", "G1、G2", "", ""]]))
    assert "更新 1 人" in out
    assert held("grid_worker", jurisdiction) == {("grid_worker", "G1"), ("grid_worker", "G2")}
    assert entries.filter(action="roles").count() == 1


def test_row_level_checks(tmp_path, jurisdiction, users, other_dispatcher) -> None:
    rows = [
        ["", "new1", "", "", "", "网格员", "G1", "", ""],
        ["甲", "other_dispatcher", "", "", "", "受理员", "", "", ""],
        ["乙", "new2", "", "", "", "队长", "", "", ""],
        ["丙", "new3", "", "", "", "网格员", "", "", ""],
        ["丁", "new4", "", "nowhere", "", "受理员", "", "C1", ""],
        ["戊", "new 5", "", "", "", "调解员", "", "", "nope"],
        ["己", "new6", "010-62345678", "", "", "部门处置人员", "", "", ""],
    ]
    before = written()
    with pytest.raises(CommandError) as refused:
        run(tmp_path, xlsx(rows))
    message = str(refused.value)
    for expected in (
        "第2行“姓名”：必填",
        "第3行“用户名”：用户名“other_dispatcher”已被本街道以外的人员使用",
        "第4行“角色”：未知角色“队长”",
        "第5行“网格代码”：网格员须填写网格代码",
        "第6行“所在单位(部门代码)”：未知的部门代码“nowhere”",
        "第6行“村社代码”：此列只用于网格长，本行没有该角色",
        "第7行“调解室代码”：未知的代码“nope”",
        "第7行“用户名”：登录账号只能包含字母",
        "第8行“手机号码”：“010-62345678”不是11位手机号码",
        "第8行“部门代码”：部门处置人员须填写部门代码",
    ):
        assert expected in message, (expected, message)
    assert written() == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "文件是空的"),
        (b"name,username\n", "不是有效的 Excel 表格"),
        (b"PK\x03\x04broken", "不是有效的 Excel 表格"),
        (xlsx([], headers=["名字", "账号"]), "第1行：未知的列“名字”"),
        (xlsx([["甲", "jia"]], headers=["姓名", "用户名"]), "第1行：缺少必填列“角色”"),
        (xlsx([]), "表格中没有人员"),
        (xlsx([], headers=[]), "第1行应为表头"),
    ],
)
def test_a_bad_file_gets_a_clear_message(tmp_path, jurisdiction, data, expected) -> None:
    with pytest.raises(CommandError, match=expected):
        run(tmp_path, data)


def test_the_command_names_an_unknown_jurisdiction(tmp_path, jurisdiction) -> None:
    with pytest.raises(CommandError, match="找不到代码为 nowhere 的街道"):
        run(tmp_path, xlsx(GOOD), code="nowhere")


def test_the_template_lists_the_columns_and_the_jurisdictions_codes(tmp_path, jurisdiction) -> None:
    path = tmp_path / "template.xlsx"
    out = StringIO()
    call_command("staff", "template", str(path), "--jurisdiction", "test-jd", stdout=out)
    book = load_workbook(path)
    people, guide = book.worksheets
    headers = [c.value for c in people[1]]
    for header in (
        "姓名",
        "用户名",
        "手机号码",
        "所在单位(部门代码)",
        "职务",
        "角色",
        "村社代码",
        "网格代码",
    ):
        assert header in headers
    assert "调解室代码" in headers  # contributed by the mediation app
    assert "必填" in people["A1"].comment.text
    text = "\n".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    for value in ("网格员", "G1", "东湖社区", "enforcement", "综合执法队", "qiao", "侨调室"):
        assert value in text
    # The empty template is a valid sheet with no one in it; filled, it imports.
    with pytest.raises(CommandError, match="表格中没有人员"):
        run(tmp_path, path.read_bytes())
    people.append({headers.index(h) + 1: v for h, v in zip(HEADERS, GOOD[0], strict=True) if v})
    filled = io.BytesIO()
    book.save(filled)
    assert "新建 1 人" in run(tmp_path, filled.getvalue())


# --- the page ------------------------------------------------------------------------------


PAGE = "/staff/import/"


def upload(client: Any, data: bytes, name: str = "人员.xlsx") -> Any:
    return client.post(PAGE, {"file": SimpleUploadedFile(name, data)})


def test_the_page_refuses_then_imports_then_changes_nothing(jurisdiction, users, client_for) -> None:
    admin = client_for(users["admin"])
    assert 'href="/staff/import/"' in admin.get("/staff/").content.decode()  # 批量导入 on the list
    page = admin.get(PAGE)
    assert page.status_code == 200
    assert f'href="/staff/import/template.xlsx?j={jurisdiction.pk}"' in page.content.decode()
    template = admin.get(reverse("staff:import_template"), {"j": jurisdiction.pk})
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "staff-import-test-jd.xlsx" in template["Content-Disposition"]

    before = written()
    refused = upload(admin, bad_sheet())
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "未导入任何数据" in text
    for expected in EXPECTED_ERRORS:
        assert expected.replace("“", "&ldquo;") in text or expected in text, expected
    assert written() == before

    done = upload(admin, xlsx(GOOD))
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    text = done.content.decode()
    assert "新建 6 人，更新 0 人，无变化 0 人" in text
    for row in GOOD:
        person = User.objects.get(username=row[1])
        assert f'data-person="{row[1]}"' in text
        entry = AuditEntry.objects.get(object_type="core.user", object_id=str(person.pk), action="create")
        assert entry.user == users["admin"]  # audited as the admin who imported
    passwords = [line.split(">")[1].split("<")[0] for line in text.split("data-password")[1:]]
    assert len(passwords) == 6
    feng = User.objects.get(username="feng_m")
    assert any(feng.check_password(p) for p in passwords)
    assert not any(p in str(e.after) for e in AuditEntry.objects.all() for p in passwords)
    assert set(RoomMember.objects.filter(user=feng).values_list("room__code", flat=True)) == {"qiao", "min"}

    after_import = written()
    again = upload(admin, xlsx(GOOD))
    assert again.status_code == 200
    assert "新建 0 人，更新 0 人，无变化 6 人" in again.content.decode()
    assert "data-password" not in again.content.decode()
    assert written() == after_import


def test_only_an_admin_imports(jurisdiction, users, client_for) -> None:
    before = written()
    for key in ("dispatcher", "grid_worker", "leader", "handler"):
        client = client_for(users[key])
        assert client.get(PAGE).status_code == 403, key
        assert client.get(reverse("staff:import_template")).status_code == 403, key
        assert upload(client, xlsx(GOOD)).status_code == 403, key
    assert written() == before
    assert client_for(users["admin"]).get(PAGE).status_code == 200


def test_the_page_imports_into_the_admins_own_jurisdiction_only(
    jurisdiction, other_jurisdiction, users, client_for
) -> None:
    admin = client_for(users["admin"])
    response = admin.post(
        PAGE, {"file": SimpleUploadedFile("a.xlsx", xlsx(GOOD)), "j": other_jurisdiction.pk}
    )
    assert response.status_code == 200  # a foreign `j` falls back to the admin's own
    person = User.objects.get(username="chu_d")
    assert RoleAssignment.objects.get(user=person).jurisdiction == jurisdiction


def test_the_page_says_what_is_wrong_with_a_file_that_is_not_a_sheet(jurisdiction, users, client_for) -> None:
    admin = client_for(users["admin"])
    response = upload(admin, b"not a workbook", name="staff.xls")
    assert response.status_code == 400
    assert "不是有效的 Excel 表格" in response.content.decode()
    assert admin.post(PAGE, {}).status_code == 400  # no file chosen


def test_roles_held_in_another_order_are_unchanged(tmp_path, jurisdiction, grids, users) -> None:
    from jiedao.staff import actions
    from jiedao.staff.actions import PersonData, RoleSpec

    room = Room.objects.get(jurisdiction=jurisdiction, code="gong")
    actions.create_person(
        acting_user=users["admin"],
        jurisdiction=jurisdiction,
        data=PersonData(username="chen_gw", display_name="陈网格", phone="13800138005"),
        roles=[RoleSpec("mediator", units={"room": {room.pk}}), RoleSpec("grid_worker", grid=grids["G3"])],
    )
    before = written()
    out = run(tmp_path, xlsx([GOOD[4]]))  # 网格员、调解员: the same roles, listed the other way round
    assert "无变化 1 人" in out
    assert written() == before


def test_the_import_pages_read_in_english(jurisdiction, users, client_for) -> None:
    from jiedao.staff.imports.columns import columns
    from tests.web.test_english import chinese_left, jurisdiction_data

    admin = client_for(users["admin"])
    admin.post("/i18n/setlang/", {"language": "en", "next": PAGE})
    # The column headers and the yes/no a sheet carries are the sheet's format, Chinese in every
    # language; the rest of the page is English.
    data = [*jurisdiction_data(jurisdiction), *(c.header for c in columns()), "是", "否", "、"]
    page = admin.get(PAGE).content.decode()
    assert "Download the import template" in page
    assert chinese_left(page, data) == []
    refused = upload(admin, bad_sheet()).content.decode()
    assert "Row 6, column &quot;网格代码&quot;: unknown code &quot;G9&quot;" in refused
    assert chinese_left(refused, data) == []
    done = upload(admin, xlsx(GOOD), name="staff.xlsx").content.decode()
    assert "6 created, 0 updated, 0 unchanged" in done
    assert chinese_left(done, [*data, *(row[0] for row in GOOD)]) == []
