"""The columns of a staff import sheet.

The headers are the sheet's format, the same whatever language the admin's pages are in (a
sheet one admin fills imports for another), so they are plain Chinese, not translated. The
columns of scope units that other apps register (a mediator's 调解室) are added from
`jiedao.core.staffing`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jiedao.core import staffing

DISPLAY_NAME = "display_name"
USERNAME = "username"
PHONE = "phone"
UNIT = "department"  # the person's own unit (所在单位)
POST = "post"
ROLES = "roles"
COMMUNITY = "community"
GRID = "grid"
DEPARTMENT = "scope_department"  # a handler's department (the role's scope)
AREA = "area"
REVEAL = "can_reveal_pii"
NOTE = "note"
UNIT_PREFIX = "unit:"  # + a registered scope unit's key, e.g. "unit:room"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: Promise | str
    example: str = ""


def unit_key(unit: staffing.ScopeUnit) -> str:
    return UNIT_PREFIX + unit.key


def columns() -> list[Column]:
    """Every column a sheet may have, in the template's order."""
    out = [
        Column(DISPLAY_NAME, "姓名", True, _("本人姓名，最多60个字。"), "王小明"),
        Column(
            USERNAME,
            "用户名",
            True,
            _("登录账号：字母、数字和 @ . + - _。已在本街道的账号按本行更新，新账号自动生成一次性密码。"),
            "wangxm",
        ),
        Column(
            PHONE,
            "手机号码",
            False,
            _("11位手机号码。留空：新账号不登记，已有账号保持原号码。"),
            "13800138000",
        ),
        Column(UNIT, "所在单位(部门代码)", False, _("本人所在单位的部门代码，见“部门代码”表。"), ""),
        Column(POST, "职务", False, _("最多60个字。"), "专职网格员"),
        Column(
            ROLES,
            "角色",
            True,
            _("一个或多个角色名称，用顿号或逗号分隔，见“角色”表。本行即为此人在本街道的全部角色。"),
            "网格员",
        ),
        Column(COMMUNITY, "村社代码", False, _("网格长所管的村社代码；可填多个。"), ""),
        Column(GRID, "网格代码", False, _("网格员所在的网格代码；可填多个。"), "G1"),
        Column(
            DEPARTMENT,
            "部门代码",
            False,
            _("部门处置人员所属的部门代码；可填多个。留空则取“所在单位”。"),
            "",
        ),
        Column(AREA, "检查片区代码", False, _("检查员的检查片区代码；可填多个，留空为全街道。"), ""),
    ]
    for unit in staffing.scope_units():
        with translation.override("zh-hans"):  # headers are the same in every UI language
            header = f"{unit.label}代码"
        roles = "、".join(_role_label(r) for r in sorted(unit.roles))
        out.append(
            Column(
                unit_key(unit),
                header,
                False,
                _("%(roles)s的%(unit)s代码；可填多个，留空为全街道。") % {"roles": roles, "unit": unit.label},
            )
        )
    out += [
        Column(REVEAL, "可查看完整个人信息", False, _("填“是”或“否”，留空为否；对本行所有角色有效。"), "否"),
        Column(NOTE, "备注", False, _("不导入，供填表人自用。"), ""),
    ]
    return out


def _role_label(value: str) -> str:
    from jiedao.core.models import Role

    return str(Role(value).label)


def normalise_header(value: str) -> str:
    """A header as typed: full-width brackets, spaces and a required-marker `*` are tolerated."""
    text = value.replace("（", "(").replace("）", ")").replace("＊", "*")
    return "".join(text.split()).strip("*")
