"""`mediation_rooms --jurisdiction CODE [--add USER --room ROOM | --remove USER --room ROOM]`:
list a jurisdiction's mediation rooms with their mediators, or change who belongs to a room
(audited; the user must hold the mediator role there)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput
from jiedao.core.models import Jurisdiction, User
from jiedao.mediation.actions import add_member, remove_member
from jiedao.mediation.models import Room, RoomMember


class Command(BaseCommand):
    help = "调解室成员：列出，或 --add/--remove 用户名 --room 调解室代码"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jurisdiction", required=True)
        parser.add_argument("--room")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--add", metavar="USERNAME")
        group.add_argument("--remove", metavar="USERNAME")

    def handle(self, *args: Any, **options: Any) -> None:
        jur = Jurisdiction.objects.filter(code=options["jurisdiction"]).first()
        if jur is None:
            raise CommandError(_("找不到代码为 %(code)s 的街道。") % {"code": options["jurisdiction"]})
        username = options["add"] or options["remove"]
        if username:
            self._change(jur, username, options["room"], adding=bool(options["add"]))
        for room in Room.objects.filter(jurisdiction=jur):
            names = [str(m.user) + f"（{m.user.username}）" for m in room.members.select_related("user")]
            self.stdout.write(f"{room.code}\t{room.name}\t" + ("、".join(names) or "—"))

    def _change(self, jur: Jurisdiction, username: str, code: str | None, *, adding: bool) -> None:
        room = Room.objects.filter(jurisdiction=jur, code=code or "").first()
        if room is None:
            raise CommandError(_("请用 --room 指定本街道的调解室代码。"))
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("找不到用户 %(u)s。") % {"u": username})
        if adding:
            try:
                add_member(room, user, acting_user=None)
            except InvalidInput as exc:
                raise CommandError(exc.message) from None
            return
        member = RoomMember.objects.filter(room=room, user=user).select_related("room").first()
        if member is None:
            raise CommandError(_("%(u)s 不是%(room)s的成员。") % {"u": username, "room": room.name})
        remove_member(member, acting_user=None)
