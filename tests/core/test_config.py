"""Configuration is data: two different platform sets load from config/ without code changes."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from jiedao.core.config import config_root, load_config
from jiedao.core.models import AuditEntry, Category, Jurisdiction, Platform, SLAPolicy, Tag


def _counts(jur):
    return (
        *tuple(m.objects.filter(jurisdiction=jur).count() for m in (Platform, Category, SLAPolicy, Tag)),
        AuditEntry.objects.exclude(action="load_config").count(),
    )


def test_loading_twice_changes_nothing(jurisdiction):
    before = _counts(jurisdiction)
    summary = load_config(jurisdiction, "default")
    assert not summary.changed
    assert _counts(jurisdiction) == before


def test_default_tree_is_two_levels_with_keywords_and_departments(jurisdiction):
    for platform in Platform.objects.filter(jurisdiction=jurisdiction):
        leaves = Category.objects.filter(platform=platform, parent__isnull=False)
        assert 6 <= leaves.count() <= 10, platform.name
        assert all(c.keywords and c.default_department_id for c in leaves)
        assert not Category.objects.filter(parent__in=leaves).exists()
    elevator = Category.objects.get(jurisdiction=jurisdiction, code="product.elevator")
    assert "电梯" in elevator.keywords.split(",")
    assert elevator.default_department is not None
    assert elevator.default_department.name == "市场监管所"
    default_urgent = SLAPolicy.objects.get(jurisdiction=jurisdiction, category=None, urgency="urgent")
    assert (default_urgent.sign_amount, default_urgent.sign_unit) == (2, "clock_hours")
    assert (default_urgent.resolve_amount, default_urgent.resolve_unit) == (1, "working_days")
    tag = Tag.objects.get(jurisdiction=jurisdiction, tag_set="islander", code="new")
    assert (tag.name, tag.tag_set_name) == ("新岛民", "岛民")


def test_zhejiang_configuration_from_the_command(db, capsys):
    call_command(
        "jurisdiction",
        "create",
        "--code",
        "zj",
        "--name",
        "浙江某街道",
        "--config",
        "zhejiang-2023",
        "--prefix",
        "ZJ",
    )
    jur = Jurisdiction.objects.get(code="zj")
    assert (jur.config_name, jur.case_prefix) == ("zhejiang-2023", "ZJ")
    names = list(Platform.objects.filter(jurisdiction=jur).values_list("name", flat=True))
    assert names == ["党建统领", "经济生态", "平安法治", "公共服务"]
    assert "已创建" in capsys.readouterr().out


def test_switching_configuration_keeps_old_rows(jurisdiction, capsys):
    call_command("jurisdiction", "load-config", "--code", jurisdiction.code, "--config", "zhejiang-2023")
    jurisdiction.refresh_from_db()
    assert jurisdiction.config_name == "zhejiang-2023"
    assert Platform.objects.filter(jurisdiction=jurisdiction).count() == 8


def test_edited_config_updates_rows_with_audit(jurisdiction, tmp_path, settings):
    shutil.copytree(config_root() / "default", tmp_path / "mine")
    path = tmp_path / "mine" / "departments.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["departments"][0]["name"] = "社会治理中心"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    settings.JIEDAO_CONFIG_DIR = tmp_path
    summary = load_config(jurisdiction, "mine")
    assert summary.updated == {"department": 1}
    assert not summary.created
    entry = AuditEntry.objects.get(action="update", object_type="core.department")
    assert entry.before == {"code": "governance_center", "name": "综治办（社会治理中心）"}
    assert entry.after is not None
    assert entry.after["name"] == "社会治理中心"


def test_bad_config_lists_problems_and_writes_nothing(db, tmp_path, settings):
    shutil.copytree(config_root() / "default", tmp_path / "broken")
    plat = tmp_path / "broken" / "platforms.json"
    data = json.loads(plat.read_text(encoding="utf-8"))
    data["platforms"][0]["categories"][0]["default_department"] = "nowhere"
    data["platforms"][1]["code"] = data["platforms"][0]["code"]
    plat.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken" / "sla.json").write_text(
        json.dumps(
            {
                "policies": [
                    {"category": None, "urgency": "urgent", "sign": [0, "weeks"], "resolve": [1, "hours"]}
                ]
            }
        ),
        encoding="utf-8",
    )
    settings.JIEDAO_CONFIG_DIR = tmp_path
    with pytest.raises(CommandError) as exc:
        call_command("jurisdiction", "create", "--code", "b", "--name", "坏配置", "--config", "broken")
    text = str(exc.value)
    assert "nowhere" in text
    assert "重复" in text
    assert "时限" in text
    assert "normal" in text
    assert not Jurisdiction.objects.filter(code="b").exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["create", "--code", "x", "--name", "某街道", "--config", "nope"], "找不到配置"),
        (["create", "--code", "x y", "--name", "某街道"], "代码"),
        (["create", "--code", "x", "--name", "某街道", "--prefix", "sj"], "前缀"),
        (["load-config", "--code", "missing", "--config", "default"], "找不到代码"),
    ],
)
def test_command_errors(db, args, fragment):
    with pytest.raises(CommandError, match=fragment):
        call_command("jurisdiction", *args)
