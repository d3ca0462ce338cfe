"""The shared fixtures build what other areas' tests rely on."""

from jiedao.core.models import AuditEntry, Category, Department, Platform, RoleAssignment, SLAPolicy, Tag
from tests.conftest import PASSWORD


def test_jurisdiction_has_default_config_and_grids(jurisdiction, grids, communities):
    assert set(grids) == {"G1", "G2", "G3", "G4"}
    assert grids["G1"].community.code == "C1"
    assert grids["G3"].community.code == "C2"
    assert set(communities) == {"C1", "C2"}
    names = set(Platform.objects.filter(jurisdiction=jurisdiction).values_list("name", flat=True))
    assert names == {"综治工作", "市场监管", "综合执法", "便民服务"}
    assert Department.objects.get(jurisdiction=jurisdiction, code="enforcement").name == "综合执法队"
    assert Category.objects.filter(jurisdiction=jurisdiction, parent__isnull=False).count() >= 24
    assert SLAPolicy.objects.filter(jurisdiction=jurisdiction, category__isnull=True).count() == 3
    assert Tag.objects.filter(jurisdiction=jurisdiction, tag_set="key_group").count() == 8
    assert AuditEntry.objects.filter(action="import", jurisdiction_id=jurisdiction.pk).exists()


def test_users_have_scoped_roles(users, grids):
    assert set(users) == {
        "grid_worker",
        "grid_worker_b",
        "grid_leader",
        "dispatcher",
        "handler",
        "handler_b",
        "leader",
        "admin",
    }
    ra = RoleAssignment.objects.get(user=users["grid_worker"])
    assert ra.grid == grids["G1"]
    dept = RoleAssignment.objects.get(user=users["handler"]).department
    assert dept is not None
    assert dept.code == "enforcement"
    assert users["admin"].check_password(PASSWORD)


def test_other_jurisdiction_is_separate(jurisdiction, other_jurisdiction, other_dispatcher):
    assert other_jurisdiction.pk != jurisdiction.pk
    assert other_jurisdiction.grids.get().community.name == "南山社区"
    assert RoleAssignment.objects.get(user=other_dispatcher).jurisdiction == other_jurisdiction


def test_client_for_logs_in(users, client_for):
    response = client_for(users["dispatcher"]).get("/")
    assert response.status_code == 200
