"""`jiedao token create --user NAME [--name N]` (prints the new token once),
`jiedao token list [--user NAME]` (never the secret) and `jiedao token revoke ID`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.core.api.tokens import create_token
from jiedao.core.models import ApiToken, User
from jiedao.staff.tokens.actions import revoke_token
from jiedao.staff.tokens.queries import all_tokens


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = "API tokens: token create --user NAME [--name N] | token list [--user NAME] | token revoke ID"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("--user", required=True)
        create.add_argument("--name", default="")
        listing = sub.add_parser("list", help="list tokens (never the secret)")
        listing.add_argument("--user", default=None)
        revoke = sub.add_parser("revoke", help="revoke a token: its next request is refused")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **opts: Any) -> None:
        getattr(self, f"_{opts['sub']}")(opts)

    def _create(self, opts: dict[str, Any]) -> None:
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(_("没有登录账号为 %(name)s 的用户。") % {"name": opts["user"]})
        self.stdout.write(create_token(acting_user=None, user=user, name=opts["name"]))

    def _list(self, opts: dict[str, Any]) -> None:
        if opts["user"] and not User.objects.filter(username=opts["user"]).exists():
            raise CommandError(_("没有登录账号为 %(name)s 的用户。") % {"name": opts["user"]})
        header = [_("编号"), _("用户"), _("名称"), _("创建时间"), _("最近使用"), _("吊销时间")]
        self.stdout.write("\t".join(header))
        for token in all_tokens(opts["user"]):
            revoked = _when(token.revoked_at) if token.revoked else "-"
            cells = [str(token.pk), token.user.username, token.name or "-", _when(token.created_at)]
            self.stdout.write("\t".join([*cells, _when(token.last_used_at), revoked]))

    def _revoke(self, opts: dict[str, Any]) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=opts["id"]).first()
        if token is None:
            raise CommandError(_("没有编号为 %(id)d 的令牌。") % {"id": opts["id"]})
        facts = {"id": token.pk, "user": token.user.username}
        if not revoke_token(acting_user=None, token=token, jurisdiction_id=None):
            self.stdout.write(_("令牌 %(id)d（%(user)s）早已吊销，未作改动。") % facts)
            return
        self.stdout.write(_("已吊销令牌 %(id)d（%(user)s）：使用它的下一个请求即被拒绝。") % facts)
