from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "jiedao.reports"
    label = "reports"
    verbose_name = _("工作总结")
    # Mounted by jiedao.core.discovery.
    url_prefix = "reports/"
    api_routers = {"reports": "router"}

    def ready(self) -> None:
        from jiedao.core.menu import MenuEntry, register_menu
        from jiedao.core.models import Role

        register_menu(
            MenuEntry(
                "reports:list", _("年度总结"), frozenset({Role.LEADER, Role.ADMIN}), _("目标与报告"), 50
            )
        )
