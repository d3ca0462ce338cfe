"""`staff import FILE.xlsx --jurisdiction CODE` and `staff template FILE.xlsx --jurisdiction CODE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jiedao.core.models import Jurisdiction
from jiedao.staff.imports.apply import ImportResult, import_staff
from jiedao.staff.imports.errors import ImportRefused
from jiedao.staff.imports.template import build_template


class Command(BaseCommand):
    help = (
        "人员管理：staff import FILE.xlsx --jurisdiction CODE | staff template FILE.xlsx --jurisdiction CODE"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="从 Excel 表格批量导入人员（先整表检查，有错不写入）")
        imp.add_argument("file")
        imp.add_argument("--jurisdiction", required=True)
        tpl = sub.add_parser("template", help="生成本街道的人员导入模板（.xlsx）")
        tpl.add_argument("file")
        tpl.add_argument("--jurisdiction", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        jurisdiction = Jurisdiction.objects.filter(code=options["jurisdiction"]).first()
        if jurisdiction is None:
            raise CommandError(_("找不到代码为 %(code)s 的街道。") % {"code": options["jurisdiction"]})
        path = Path(options["file"])
        if options["subcommand"] == "template":
            try:
                path.write_bytes(build_template(jurisdiction))
            except OSError as exc:
                raise CommandError(_("无法写入文件 %(file)s：%(err)s") % {"file": path, "err": exc}) from None
            self.stdout.write(_("已生成导入模板：%(file)s") % {"file": path})
            return
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("无法读取文件 %(file)s：%(err)s") % {"file": path, "err": exc}) from None
        try:
            result = import_staff(raw, acting_user=None, jurisdiction=jurisdiction)
        except ImportRefused as exc:
            raise CommandError(
                _("导入失败，未写入任何数据：") + "\n" + "\n".join(f"  - {m}" for m in exc.errors)
            ) from None
        self._report(result)

    def _report(self, result: ImportResult) -> None:
        self.stdout.write(
            _("导入完成：新建 %(created)d 人，更新 %(updated)d 人，无变化 %(unchanged)d 人。")
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
            }
        )
        if result.created:
            self.stdout.write(_("新账号的一次性密码（只显示这一次，首次登录须修改）："))
            for person, raw in result.created:
                self.stdout.write(f"  {person.username}\t{person}\t{raw}")
