from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "jiedao.web"
    label = "web"
    verbose_name = _("页面")
    # Mounted by jiedao.core.discovery.
    url_prefix = ""  # the workbench, sign-in and map: the home of the pages, mounted last

    def ready(self) -> None:
        from jiedao.core import menu

        # The staff map, on the bar between 上报事件 (events, 20) and 驾驶舱 (events, 40).
        menu.register_menu(menu.MenuEntry("web:grid_map", _("网格地图"), menu.FROM_VIEW, menu.BAR, 30))
        menu.register_shortcut(menu.Shortcut("web:grid_map", _("网格地图"), 30))
