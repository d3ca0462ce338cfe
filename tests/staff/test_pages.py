"""Staff list, create and edit through HTTP as the admin; everyone else is refused."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jiedao.core.models import AuditEntry, Department, Role, RoleAssignment, User
from jiedao.mediation.models import Room, RoomMember
from jiedao.staff import actions
from jiedao.staff.actions import PersonData, RoleSpec
from tests.staff.conftest import person_post

LIST = "/staff/"


def test_only_an_admin_opens_the_staff_pages(users, client_for) -> None:
    for key in ("dispatcher", "grid_worker", "leader", "handler"):
        client = client_for(users[key])
        assert client.get(LIST).status_code == 403, key
        assert client.get(reverse("staff:create")).status_code == 403, key
        assert client.get(reverse("staff:detail", args=[users["grid_worker"].pk])).status_code == 403, key
        assert "人员与权限" not in client.get("/").content.decode(), key
    admin = client_for(users["admin"])
    page = admin.get("/").content.decode()
    assert 'href="/staff/"' in page
    assert "系统管理" in page
    assert admin.get(LIST).status_code == 200


def test_list_searches_and_filters(jurisdiction, users, grids, client_for) -> None:
    room = Room.objects.filter(jurisdiction=jurisdiction).first()
    assert room is not None
    actions.create_person(
        acting_user=users["admin"],
        jurisdiction=jurisdiction,
        data=PersonData(username="mediator_a", display_name="陈调解", phone="13912345678"),
        roles=[RoleSpec(Role.MEDIATOR, units={"room": {room.pk}})],
    )
    actions.deactivate(acting_user=users["admin"], jurisdiction=jurisdiction, person=users["handler_b"])
    admin = client_for(users["admin"])

    def names(**params: object) -> set[str]:
        response = admin.get(LIST, params)
        assert response.status_code == 200
        people = User.objects.filter(display_name__in=["王网格", "李网格", "张网格长", "赵受理", "钱执法"])
        text = response.content.decode()
        shown = {p.display_name for p in people if f'data-person="{p.username}"' in text}
        shown |= {"陈调解"} if 'data-person="mediator_a"' in text else set()
        shown |= {"孙市监"} if 'data-person="handler_b"' in text else set()
        return shown

    assert names(q="网格") == {"王网格", "李网格", "张网格长"}
    assert names(q="dispatch") == {"赵受理"}
    assert names(q="13912345678") == {"陈调解"}  # exact phone through the blind index
    assert names(q="139 1234 5678") == {"陈调解"}
    assert names(q="1391234") == set()  # a part of a number matches nothing
    assert names(role="grid_worker") == {"王网格", "李网格"}
    assert names(community=grids["G1"].community_id) == {"王网格", "张网格长"}
    enforcement = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    assert names(department=enforcement.pk) == {"钱执法"}
    assert names(unit=f"room:{room.pk}") == {"陈调解"}
    assert names(status="inactive") == {"孙市监"}
    assert "孙市监" not in names(status="active")
    response = admin.get(LIST, {"q": "陈调解"}).content.decode()
    assert "139****5678" in response
    assert "13912345678" not in response
    assert room.name in response  # the mediator's room is their scope


def test_list_is_paginated_with_a_fixed_number_of_queries(jurisdiction, users, grids, client_for) -> None:
    rooms = list(Room.objects.filter(jurisdiction=jurisdiction))
    for i in range(30):
        roles = [RoleSpec(Role.GRID_WORKER, grid=grids[f"G{i % 4 + 1}"])]
        if i % 3 == 0:
            roles.append(RoleSpec(Role.MEDIATOR, units={"room": {rooms[i % len(rooms)].pk}}))
        actions.create_person(
            acting_user=users["admin"],
            jurisdiction=jurisdiction,
            data=PersonData(
                username=f"worker{i:02d}", display_name=f"网格员{i:02d}", phone=f"1380000{i:04d}"
            ),
            roles=roles,
        )
    admin = client_for(users["admin"])
    admin.get(LIST)  # warm up session and content types
    with CaptureQueriesContext(connection) as first:
        page1 = admin.get(LIST).content.decode()
    with CaptureQueriesContext(connection) as second:
        page2 = admin.get(LIST, {"page": 2}).content.decode()
    assert page1.count('data-person="') == 20
    assert "第 1 / 2 页" in page1
    assert "共 38 人" in page1
    assert 'data-person="' in page2
    assert page2.count('data-person="') == 18
    assert len(first.captured_queries) == len(second.captured_queries)
    # session, user, roles, managed jurisdictions, the filter choices (communities, departments,
    # rooms), count, page, the page's roles, their rooms and room names, the nav: 12.
    assert len(first.captured_queries) <= 12, [q["sql"] for q in first.captured_queries]


def test_an_admin_of_another_jurisdiction_sees_none_of_ours(users, other_admin, client_for) -> None:
    theirs = client_for(other_admin)
    ours = users["grid_worker"]
    assert "王网格" not in theirs.get(LIST).content.decode()
    assert theirs.get(LIST, {"q": "王网格"}).content.decode().count('data-person="') == 0
    assert theirs.get(reverse("staff:detail", args=[ours.pk])).status_code == 404
    assert theirs.get(reverse("staff:edit", args=[ours.pk])).status_code == 404
    for action in ("deactivate", "reset_password", "require_password_change"):
        assert theirs.post(reverse(f"staff:{action}", args=[ours.pk])).status_code == 404
    assert theirs.get(reverse("core:history", args=["core.user", ours.pk])).status_code == 404
    ours.refresh_from_db()
    assert ours.is_active
    assert not ours.must_change_password


def test_create_a_grid_worker_shows_the_one_time_password_once(
    jurisdiction, users, grids, client_for
) -> None:
    admin = client_for(users["admin"])
    body = person_post(
        display_name="刘新员",
        username="liu_g2",
        phone="13612345678",
        post="专职网格员",
        roles=[(Role.GRID_WORKER, f"grid:{grids['G2'].pk}")],
    )
    response = admin.post(reverse("staff:create"), body)
    assert response.status_code == 200, response.content.decode()
    person = User.objects.get(username="liu_g2")
    text = response.content.decode()
    raw = text.split('id="one-time-password">')[1].split("<")[0].strip()
    assert len(raw) == 12
    assert person.check_password(raw)
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    assert person.must_change_password
    assert person.post == "专职网格员"
    assert list(RoleAssignment.objects.filter(user=person).values_list("role", "grid__code")) == [
        ("grid_worker", "G2")
    ]
    detail = admin.get(reverse("staff:detail", args=[person.pk])).content.decode()
    assert raw not in detail
    assert "136****5678" in detail
    assert "13612345678" not in detail
    assert "网格员 · 第2网格" in detail
    entry = AuditEntry.objects.get(object_type="core.user", object_id=str(person.pk), action="create")
    assert entry.user == users["admin"]
    assert raw not in str(entry.before) + str(entry.after)
    assert "13612345678" not in str(entry.after)


def test_bad_input_gets_chinese_errors_and_writes_nothing(
    jurisdiction, other_jurisdiction, users, grids, client_for
) -> None:
    admin = client_for(users["admin"])
    foreign = other_jurisdiction.grids.first()
    before = (User.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count())
    response = admin.post(
        reverse("staff:create"),
        person_post(
            display_name="",
            username="dispatcher",
            phone="123",
            roles=[(Role.GRID_WORKER, ""), (Role.HANDLER, "")],
        ),
    )
    assert response.status_code == 400
    text = response.content.decode()
    for message in (
        "请填写姓名",
        "登录账号“dispatcher”已被使用",
        "电话号码格式不正确",
        "网格员必须指定网格",
        "部门处置人员必须指定部门",
    ):
        assert message in text, message
    response = admin.post(
        reverse("staff:create"),
        person_post(
            display_name="外人", username="foreign1", roles=[(Role.GRID_WORKER, f"grid:{foreign.pk}")]
        ),
    )
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    response = admin.post(reverse("staff:create"), person_post(display_name="无角色", username="norole"))
    assert response.status_code == 400
    assert "请至少授予一个角色" in response.content.decode()
    assert (User.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count()) == before


def test_edit_never_shows_the_phone_and_keeps_clears_or_replaces_it(
    users, jurisdiction, grids, client_for
) -> None:
    person, _raw = actions.create_person(
        acting_user=users["admin"],
        jurisdiction=jurisdiction,
        data=PersonData(username="zhou_g1", display_name="周网格", phone="13700001111"),
        roles=[RoleSpec(Role.GRID_WORKER, grid=grids["G1"])],
    )
    admin = client_for(users["admin"])
    url = reverse("staff:edit", args=[person.pk])
    page = admin.get(url).content.decode()
    assert "13700001111" not in page
    assert "137****1111" in page
    rows = [(Role.GRID_WORKER, f"grid:{grids['G1'].pk}")]
    keep = person_post(display_name="周网格", username="zhou_g1", post="组长", roles=rows)
    assert admin.post(url, keep).status_code == 302
    person.refresh_from_db()
    assert person.phone.reveal() == "13700001111"
    assert person.post == "组长"
    # Another number whose mask is the same is still a change, and is audited.
    same_mask = person_post(
        display_name="周网格", username="zhou_g1", post="组长", phone="13788881111", roles=rows
    )
    assert admin.post(url, same_mask).status_code == 302
    person.refresh_from_db()
    assert person.phone.reveal() == "13788881111"
    assert AuditEntry.objects.filter(object_id=str(person.pk), action="update").count() == 2
    both = person_post(
        display_name="周网格", username="zhou_g1", phone="13700002222", clear_phone="on", roles=rows
    )
    assert admin.post(url, both).status_code == 400
    clear = person_post(display_name="周网格", username="zhou_g1", post="组长", clear_phone="on", roles=rows)
    assert admin.post(url, clear).status_code == 302
    person.refresh_from_db()
    assert person.phone is None


def test_edit_roles_moves_a_grid_and_gives_rooms(users, jurisdiction, grids, client_for) -> None:
    person = users["grid_worker"]
    rooms = list(Room.objects.filter(jurisdiction=jurisdiction)[:2])
    admin = client_for(users["admin"])
    url = reverse("staff:edit", args=[person.pk])
    page = admin.get(url).content.decode()
    assert f'value="grid:{grids["G1"].pk}" selected' in page
    body = person_post(
        display_name="王网格",
        username="grid_worker",
        roles=[
            (Role.GRID_WORKER, f"grid:{grids['G2'].pk}"),
            (Role.MEDIATOR, f"unit:room:{rooms[0].pk}"),
            (Role.MEDIATOR, f"unit:room:{rooms[1].pk}"),
        ],
    )
    assert admin.post(url, body).status_code == 302
    assert set(RoleAssignment.objects.filter(user=person).values_list("role", "grid__code")) == {
        ("grid_worker", "G2"),
        ("mediator", None),
    }
    assert set(RoomMember.objects.filter(user=person).values_list("room_id", flat=True)) == {
        r.pk for r in rooms
    }
    entry = AuditEntry.objects.get(object_id=str(person.pk), object_type="core.user", action="roles")
    assert entry.before["roles"][0]["grid"] == grids["G1"].pk
    page = admin.get(url).content.decode()  # the editor reads the rooms back, one row each
    assert page.count(f'value="unit:room:{rooms[0].pk}" selected') == 1
    assert page.count(f'value="unit:room:{rooms[1].pk}" selected') == 1
    # Removing a row (删除) takes the role away; nothing else is touched.
    body["roles-1-DELETE"] = "on"
    body["roles-2-DELETE"] = "on"
    assert admin.post(url, body).status_code == 302
    assert not RoomMember.objects.filter(user=person).exists()
    assert list(RoleAssignment.objects.filter(user=person).values_list("role", flat=True)) == ["grid_worker"]


def test_add_another_role_row_without_a_page_reload(users, client_for) -> None:
    admin = client_for(users["admin"])
    response = admin.get(reverse("staff:role_row"), {"roles-TOTAL_FORMS": "3"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'name="roles-3-role"' in text
    assert 'name="roles-3-scope"' in text
    assert 'name="roles-3-DELETE"' in text
    assert 'id="id_roles-TOTAL_FORMS" hx-swap-oob="true"' in text
    assert 'value="4"' in text
    assert admin.get(reverse("staff:role_row"), {"roles-TOTAL_FORMS": "x"}).status_code == 404
    assert client_for(users["dispatcher"]).get(reverse("staff:role_row")).status_code == 403


def test_history_page_shows_every_change_for_the_admin_only(users, jurisdiction, client_for) -> None:
    person = users["grid_worker"]
    admin = client_for(users["admin"])
    admin.post(reverse("staff:deactivate", args=[person.pk]))
    admin.post(reverse("staff:reactivate", args=[person.pk]))
    detail = admin.get(reverse("staff:detail", args=[person.pk])).content.decode()
    assert "停用账号" in detail
    assert "重新启用" in detail
    assert "吴管理" in detail
    history_url = reverse("core:history", args=["core.user", person.pk])
    assert history_url in detail
    page = admin.get(history_url)
    assert page.status_code == 200
    assert "is_active: False" in page.content.decode()
    assert client_for(users["dispatcher"]).get(history_url).status_code == 404


def test_an_admin_cannot_deactivate_themselves(users, client_for) -> None:
    admin = client_for(users["admin"])
    response = admin.post(reverse("staff:deactivate", args=[users["admin"].pk]), follow=True)
    assert "不能停用自己的账号" in response.content.decode()
    users["admin"].refresh_from_db()
    assert users["admin"].is_active


def test_staff_pages_read_in_english(users, client_for) -> None:
    admin = client_for(users["admin"])
    admin.post("/i18n/setlang/", {"language": "en", "next": LIST})
    page = admin.get(LIST).content.decode()
    for text in ("Staff and roles", "Add a person", "All roles", "Roles and scopes", "Grid worker"):
        assert text in page, text
    assert "新增人员" not in page
    form = admin.get(reverse("staff:create")).content.decode()
    for text in (
        "Add another role",
        "Whole sub-district",
        "May reveal full personal data",
        "Create with a one-time",
    ):
        assert text in form, text
    detail = admin.get(reverse("staff:detail", args=[users["grid_worker"].pk])).content.decode()
    assert "Reset password" in detail
    assert "Deactivate account" in detail


def test_a_superuser_manages_every_jurisdiction_and_picks_one_to_create_in(
    users, other_jurisdiction, other_dispatcher, client_for
) -> None:
    root = User.objects.create_superuser(username="root", password="x-12345678", display_name="总管理")
    client = client_for(root)
    page = client.get(LIST).content.decode()
    assert 'data-person="other_dispatcher"' in page
    assert 'data-person="dispatcher"' in page
    assert "受理员 · 另一街道" in page
    assert "网格员 · 测试街道 · 第1网格" in page  # with several jurisdictions, each scope says which
    form = client.get(reverse("staff:create"), {"j": other_jurisdiction.pk}).content.decode()
    assert "全街道（另一街道）" in form
    foreign_grid = other_jurisdiction.grids.get()
    body = person_post(
        j=other_jurisdiction.pk,
        display_name="南山网格员",
        username="ns_g1",
        roles=[(Role.GRID_WORKER, f"grid:{foreign_grid.pk}")],
    )
    assert client.post(reverse("staff:create"), body).status_code == 200
    created = User.objects.get(username="ns_g1")
    assert list(RoleAssignment.objects.filter(user=created).values_list("jurisdiction_id", flat=True)) == [
        other_jurisdiction.pk
    ]
    # Our admin does not see the person made in the other jurisdiction.
    assert client_for(users["admin"]).get(reverse("staff:detail", args=[created.pk])).status_code == 404
