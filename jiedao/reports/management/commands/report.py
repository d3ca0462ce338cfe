"""`report year 2023 [--jurisdiction CODE] [--output FILE]`: write the year-end Word draft."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jiedao.core.models import Jurisdiction
from jiedao.reports.actions import check_year, generate_report


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("生成年度工作总结（Word 草稿），每个数字均来自指标并列入附表")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["year"], help=_("报告类型（目前为 year：年度总结）"))
        parser.add_argument("year", type=int, help=_("总结的年度，如 2023"))
        parser.add_argument("--jurisdiction", default="", help=_("街道代码（只有一个街道时可省略）"))
        parser.add_argument("--output", default="", help=_("另存一份到此文件"))

    def _jurisdiction(self, code: str) -> Jurisdiction:
        if code:
            found = Jurisdiction.objects.filter(code=code).first()
            if found is None:
                raise CommandError(_("没有代码为 %(code)s 的街道。") % {"code": code})
            return found
        all_ = list(Jurisdiction.objects.order_by("code")[:2])
        if len(all_) != 1:
            raise CommandError(_("请用 --jurisdiction 指定街道代码。"))
        return all_[0]

    def handle(self, *args: Any, **options: Any) -> None:
        jurisdiction = self._jurisdiction(options["jurisdiction"])
        try:
            check_year(options["year"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        stored = generate_report(acting_user=None, jurisdiction=jurisdiction, year=options["year"])
        if options["output"]:
            out = Path(options["output"])
            with stored.file.open("rb") as src:
                out.write_bytes(src.read())
            where = str(out)
        else:
            where = stored.file.path
        self.stdout.write(
            _("已生成《%(title)s》，含 %(n)d 个数字：%(path)s")
            % {"title": stored.title, "n": stored.figures, "path": where}
        )
