"""A person's audit history: who may open it (core.history) and how its actions read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiedao.core.models import User

ACTION_LABELS = {
    "create": _("新建人员"),
    "update": _("修改信息"),
    "roles": _("调整角色与范围"),
    "deactivate": _("停用账号"),
    "reactivate": _("重新启用"),
    "require_password_change": _("要求下次登录修改密码"),
    "reset_password": _("重置密码"),
    "change_password": _("本人修改密码"),
    "revoke_token": _("吊销接口令牌"),
    "unlock": _("解除登录锁定"),
    "login": _("登录"),
    "logout": _("退出登录"),
    "login_failed": _("登录失败"),
    "login_locked": _("登录锁定"),
}


def entry_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def _fetch(user: User, pk: str) -> User | None:
    from jiedao.staff.access import managed_jurisdictions, staff_in

    ids = list(managed_jurisdictions(user).values_list("pk", flat=True))
    return staff_in(ids).filter(pk=int(pk)).first() if ids else None


def register() -> None:
    """The history page answers for a person exactly where the staff pages do."""
    from jiedao.core.history import register as register_history

    register_history("core.user", _fetch)
