"""Navigation entries of the mediation pages (group 信访调解); who sees each is what its page
declares (`jiedao.mediation.views`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jiedao.core.menu import FROM_VIEW, MenuEntry, register_menu

GROUP = _("信访调解")


def register() -> None:
    register_menu(
        MenuEntry("mediation:list", _("矛盾纠纷调解"), FROM_VIEW, GROUP, 200),
        MenuEntry("mediation:create", _("调解登记"), FROM_VIEW, GROUP, 210),
        MenuEntry("mediation:from_event", _("从事件转调解"), FROM_VIEW, GROUP, 220),
        MenuEntry("mediation:overdue", _("超期调解"), FROM_VIEW, GROUP, 230),
        MenuEntry("mediation:workload", _("调解室工作量"), FROM_VIEW, GROUP, 240),
    )
