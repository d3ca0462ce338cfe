from django.apps import AppConfig

from jiedao.core import menu


class TryoutConfig(AppConfig):
    name = "tests.core.tryout"
    label = "tryout"
    url_prefix = "tryout/"
    api_routers = {"tryout": "router", "tryout-public": "api:public"}
    api_public = frozenset({"tryout-public"})

    def ready(self) -> None:
        # On the bar between 驾驶舱 (events, 40) and 人口 (registry, 50).
        menu.register_menu(menu.MenuEntry("tryout:list", "试行件", menu.FROM_VIEW, menu.BAR, 45))
        menu.register_shortcut(menu.Shortcut("tryout:list", "试行件", 25))
