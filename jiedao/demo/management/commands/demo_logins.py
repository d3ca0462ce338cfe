"""`demo_logins`: print the demo accounts (username, password, role, scope) of 江心岛街道."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from jiedao.core.models import Jurisdiction, Role, RoleAssignment
from jiedao.core.staffing import scope_units
from jiedao.demo.actions import CODE
from jiedao.demo.users import DEMO_PASSWORD

ROLE_ORDER = [
    Role.ADMIN, Role.LEADER, Role.DISPATCHER, Role.HANDLER, Role.GRID_LEADER, Role.GRID_WORKER,
    Role.MEDIATOR, Role.INSPECTOR, Role.PROJECT_OFFICER, Role.RESIDENT,
]  # fmt: skip


def _units(ra: RoleAssignment, jur: Jurisdiction) -> str:
    """The units an app keeps for the role (a mediator's rooms), e.g. "民调室、书记调处室"."""
    labels = []
    for unit in scope_units():
        if ra.role in unit.roles:
            held = unit.held(ra.user, jur)
            labels += [label for pk, label in unit.choices(jur) if pk in held]
    return "、".join(labels)


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("列出演示街道的登录账号（用户名、密码、角色、范围）")

    def handle(self, *args: Any, **options: Any) -> None:
        jur = Jurisdiction.objects.filter(code=CODE).first()
        if jur is None:
            self.stdout.write(_("没有演示街道（代码 %(code)s），请先运行 demo 命令。") % {"code": CODE})
            return
        rows = (
            RoleAssignment.objects.filter(jurisdiction=jur)
            .select_related("user", "community", "grid", "department", "inspection_area")
            .order_by("user__username")
        )
        checked: dict[str, bool] = {}  # one password check per distinct stored hash
        table = []
        for ra in sorted(rows, key=lambda r: (ROLE_ORDER.index(Role(r.role)), r.user.username)):
            stored = ra.user.password
            if stored not in checked:
                checked[stored] = check_password(DEMO_PASSWORD, stored)
            password = DEMO_PASSWORD if checked[stored] else _("（已修改）")
            scope = ra.grid or ra.community or ra.department or ra.inspection_area or _units(ra, jur) or jur
            role = str(ra.get_role_display()) + (_("（超级用户）") if ra.user.is_superuser else "")
            table.append((ra.user.username, password, role, f"{scope} · {ra.user}"))
        header = (_("用户名"), _("密码"), _("角色"), _("范围 · 姓名"))
        widths = [max(_width(str(r[i])) for r in [header, *table]) for i in range(3)]
        self.stdout.write(
            _("演示账号（仅供演示，密码均为 %(pw)s，请勿用于生产环境）：") % {"pw": DEMO_PASSWORD}
        )
        for row in [header, *table]:
            self.stdout.write("  ".join(_pad(str(row[i]), widths[i]) for i in range(3)) + "  " + str(row[3]))
