"""`manage.py registry_rekey`: finish a DATA_KEYS rotation by re-encrypting old values."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from jiedao.registry.actions import reencrypt_personal_data


class Command(BaseCommand):
    help = "用 DATA_KEYS 的第一个密钥重新加密仍以旧密钥保存的个人信息（完成密钥轮换）"

    def handle(self, *args: Any, **options: Any) -> None:
        count = reencrypt_personal_data(acting_user=None)
        self.stdout.write(_("已用当前密钥重新加密 %(count)d 条记录") % {"count": count})
