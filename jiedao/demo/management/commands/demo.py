"""`demo [--if-empty] [--events N] [--seed S] …`: create the fictional island sub-district 江心岛街道."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jiedao.core.models import Jurisdiction
from jiedao.demo.actions import DemoOptions, default_grids_file, load_demo


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _("创建演示街道“江心岛街道”（虚构）：网格、用户、人地事物组织和两年的事件")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help=_("已有任何街道时什么也不做"))
        parser.add_argument("--events", type=int, default=20000, help=_("事件数（默认 20000）"))
        parser.add_argument("--seed", type=int, default=2022, help=_("随机种子（相同种子生成相同数据）"))
        parser.add_argument("--residents", type=int, default=5000, help=_("居民数（默认 5000）"))
        parser.add_argument("--places", type=int, default=2000, help=_("场所数（默认 2000）"))
        parser.add_argument("--organisations", type=int, default=100, help=_("组织数（默认 100）"))
        parser.add_argument(
            "--grids-file",
            default=str(default_grids_file()),
            help=_("把网格 GeoJSON 写到此文件（空字符串表示不写）"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Jurisdiction.objects.exists():
            self.stdout.write(_("已有街道数据，未创建演示数据。"))
            return
        started = time.monotonic()
        grids_file = options["grids_file"]
        demo = DemoOptions(
            events=options["events"],
            residents=options["residents"],
            places=options["places"],
            organisations=options["organisations"],
            seed=options["seed"],
            grids_file=Path(grids_file) if grids_file else None,
        )
        try:
            counts = load_demo(acting_user=None, options=demo)
        except ValidationError as exc:
            raise CommandError(
                _("未创建演示数据：") + "\n" + "\n".join(f"  - {m}" for m in exc.messages)
            ) from None
        self.stdout.write(
            _(
                "已创建演示街道“江心岛街道”：%(communities)d 个村社，%(grids)d 个网格，%(users)d 个用户，"
                "%(households)d 户 %(residents)d 名居民，%(places)d 个场所，%(organisations)d 个组织，"
                "%(events)d 件事件（%(actions)d 条办理记录），用时 %(seconds).1f 秒。"
            )
            % {**counts, "seconds": time.monotonic() - started}
        )
        for label, number in counts["extensions"].items():
            self.stdout.write(f"  {label}: {number}")
