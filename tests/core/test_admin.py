"""The admin site: a jurisdiction admin edits configuration, audited; the audit log is read-only."""

from __future__ import annotations

from datetime import date

from jiedao.core import calendar
from jiedao.core.models import AuditEntry, Category, HolidayDay


def test_admin_edits_a_category_with_audit(users, client_for, jurisdiction):
    cat = Category.objects.get(jurisdiction=jurisdiction, code="city.garbage")
    c = client_for(users["admin"])
    page = c.get(f"/admin/core/category/{cat.pk}/change/")
    assert page.status_code == 200
    form = {
        "jurisdiction": jurisdiction.pk,
        "platform": cat.platform_id,
        "parent": cat.parent_id,
        "code": cat.code,
        "name": "垃圾乱堆乱放",
        "keywords": cat.keywords,
        "default_department": cat.default_department_id,
    }
    response = c.post(f"/admin/core/category/{cat.pk}/change/", form)
    assert response.status_code == 302
    cat.refresh_from_db()
    assert cat.name == "垃圾乱堆乱放"
    entry = AuditEntry.objects.get(action="update", object_type="core.category", object_id=str(cat.pk))
    assert entry.user == users["admin"]
    assert entry.before is not None
    assert entry.after is not None
    assert entry.before["name"] == "垃圾乱堆"
    assert entry.after["name"] == "垃圾乱堆乱放"


def test_admin_sees_only_own_jurisdiction(users, client_for, other_jurisdiction):
    foreign = Category.objects.get(jurisdiction=other_jurisdiction, code="city.garbage")
    c = client_for(users["admin"])
    listing = c.get("/admin/core/category/?q=city.garbage")
    assert listing.status_code == 200
    rows = list(listing.context["cl"].result_list)
    assert [r.jurisdiction_id for r in rows] == [users["admin"].roles.get().jurisdiction_id]
    assert c.get(f"/admin/core/category/{foreign.pk}/change/").status_code == 302  # "not found" redirect


def test_audit_log_is_read_only(users, client_for):
    c = client_for(users["admin"])
    assert c.get("/admin/core/auditentry/").status_code == 200
    assert c.get("/admin/core/auditentry/add/").status_code == 403
    entry = AuditEntry.objects.filter(jurisdiction_id__isnull=False).first()
    assert entry is not None
    page = c.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert c.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403


def test_other_roles_cannot_open_admin(users, client_for):
    for key in ("handler", "dispatcher", "leader"):
        response = client_for(users[key]).get("/admin/core/category/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_holiday_entered_in_admin_moves_deadlines(users, client_for, django_capture_on_commit_callbacks):
    heard: list[int] = []
    calendar.on_schedule_changed(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(users["admin"]).post(
                "/admin/core/holidayday/add/", {"date": "2027-03-01", "is_workday": "", "name": "特别假日"}
            )
    finally:
        calendar.remove_schedule_listener(heard.append)
    assert response.status_code == 302
    assert HolidayDay.objects.filter(date=date(2027, 3, 1)).exists()
    assert heard == [2027]
    assert not calendar.is_workday(date(2027, 3, 1))
