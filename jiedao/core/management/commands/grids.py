"""`grids import FILE --jurisdiction CODE`: load a new generation of grid boundaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jiedao.core.actions import import_grids
from jiedao.core.models import Jurisdiction


class Command(BaseCommand):
    help = "网格边界管理：grids import FILE --jurisdiction CODE"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="从 GeoJSON FeatureCollection 导入新版网格边界")
        imp.add_argument("file")
        imp.add_argument("--jurisdiction", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        jur = Jurisdiction.objects.filter(code=options["jurisdiction"]).first()
        if jur is None:
            raise CommandError(_("找不到代码为 %(code)s 的街道。") % {"code": options["jurisdiction"]})
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("无法读取文件 %(file)s：%(err)s") % {"file": path, "err": exc}) from None
        try:
            bset = import_grids(acting_user=None, jurisdiction=jur, feature_collection=raw, source=path.name)
        except ValidationError as exc:
            raise CommandError(
                _("导入失败，未写入任何数据：") + "\n" + "\n".join(f"  - {m}" for m in exc.messages)
            ) from None
        self.stdout.write(
            _("已导入 %(n)d 个网格，边界版本 v%(v)d 已启用。") % {"n": bset.grids.count(), "v": bset.version}
        )
