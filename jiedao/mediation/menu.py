"""Navigation entries of the mediation pages (group 信访调解)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiedao.core.menu import MenuEntry, register_menu
from jiedao.mediation import kind

GROUP = _("信访调解")
READERS = frozenset(kind.READERS)
REGISTRARS = frozenset(kind.REGISTER_ROLES)
FROM_EVENT = frozenset(kind.FROM_EVENT_ROLES)


def register() -> None:
    register_menu(
        MenuEntry("mediation:list", _("矛盾纠纷调解"), READERS, GROUP, 200),
        MenuEntry("mediation:create", _("调解登记"), REGISTRARS, GROUP, 210),
        MenuEntry("mediation:from_event", _("从事件转调解"), FROM_EVENT, GROUP, 220),
        MenuEntry("mediation:overdue", _("超期调解"), READERS, GROUP, 230),
        MenuEntry("mediation:workload", _("调解室工作量"), READERS, GROUP, 240),
    )
