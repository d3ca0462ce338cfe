from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "jiedao.goals"
    label = "goals"
    verbose_name = _("目标与指标")
    # Mounted by jiedao.core.discovery.
    url_prefix = "goals/"
    api_routers = {"goals": "router"}

    def ready(self) -> None:
        from jiedao.core.menu import MenuEntry, register_menu
        from jiedao.goals.access import EDIT_ROLES, READ_ROLES

        group = _("目标与报告")
        register_menu(
            MenuEntry("goals:dashboard", _("目标驾驶舱"), READ_ROLES, group, 10),
            MenuEntry("goals:library", _("指标库"), READ_ROLES, group, 20),
            MenuEntry("goals:targets", _("年度目标"), READ_ROLES, group, 30),
            MenuEntry("goals:plans", _("导入工作计划"), EDIT_ROLES, group, 40),
            MenuEntry("goals:manual", _("手工指标"), EDIT_ROLES, group, 50),
        )
