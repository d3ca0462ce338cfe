"""`jurisdiction create …` and `jurisdiction load-config …`: set up a sub-district from config/."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jiedao.core.actions import create_jurisdiction
from jiedao.core.config import LoadSummary, load_config
from jiedao.core.models import Jurisdiction


def _fmt(summary: LoadSummary) -> str:
    parts = [f"{k}+{v}" for k, v in sorted(summary.created.items())]
    parts += [f"{k}~{v}" for k, v in sorted(summary.updated.items())]
    return ", ".join(parts) or _("无变化")


class Command(BaseCommand):
    help = "街道管理：jurisdiction create --code C --name N --config default [--prefix SJ] | load-config"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="新建街道并载入配置")
        create.add_argument("--code", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--config", default="default")
        create.add_argument("--prefix", default="SJ")
        load = sub.add_parser("load-config", help="为已有街道载入或更新配置")
        load.add_argument("--code", required=True)
        load.add_argument("--config", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "create":
                jur = create_jurisdiction(
                    acting_user=None,
                    code=options["code"],
                    name=options["name"],
                    config=options["config"],
                    prefix=options["prefix"],
                )
                self.stdout.write(
                    _("已创建街道 %(name)s（%(code)s）。") % {"name": jur.name, "code": jur.code}
                )
                return
            jur_or_none = Jurisdiction.objects.filter(code=options["code"]).first()
            if jur_or_none is None:
                raise CommandError(_("找不到代码为 %(code)s 的街道。") % {"code": options["code"]})
            summary = load_config(jur_or_none, options["config"])
            self.stdout.write(_("配置已载入：%(s)s") % {"s": _fmt(summary)})
        except ValidationError as exc:
            raise CommandError(
                _("操作失败，未写入任何数据：") + "\n" + "\n".join(f"  - {m}" for m in exc.messages)
            ) from None
