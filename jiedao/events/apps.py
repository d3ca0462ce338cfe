from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "jiedao.events"
    label = "events"
    verbose_name = _("事件")
    # Mounted by jiedao.core.discovery.
    url_prefix = "events/"
    api_routers = {"events": "router", "public": "public"}
    api_public = frozenset({"public"})  # the residents' rating, no authentication

    def ready(self) -> None:
        from jiedao.cases.kinds import register_kind
        from jiedao.events.kind import EVENT_KIND

        register_kind(EVENT_KIND)
        import_module("jiedao.events.surface")  # registers the kind's pages, routes and API
        from jiedao.core import menu

        # On the bar between 网格地图 (web, 30) and 人口 (registry, 50); who sees each entry is what
        # its page declares (events.views).
        menu.register_menu(
            menu.MenuEntry("events:list", _("事件"), menu.FROM_VIEW, menu.BAR, 10),
            menu.MenuEntry("events:create", _("上报事件"), menu.FROM_VIEW, menu.BAR, 20),
            menu.MenuEntry("events:dashboard", _("驾驶舱"), menu.FROM_VIEW, menu.BAR, 40),
        )
        menu.register_shortcut(
            menu.Shortcut("events:create", _("上报事件"), 10, primary=True),
            menu.Shortcut("events:list", _("事件"), 20),
        )
        menu.register_panel(menu.Panel("events:todo", 10))
        from jiedao.events.indicators import register

        register()
        from jiedao.core.indicators import IndicatorSection, register_indicator_section

        register_indicator_section(IndicatorSection("events", _("事件办理"), ("events.",), 50))
        from jiedao.events import todo

        todo.register()
        from django.db.models.signals import post_delete, post_save

        from jiedao.core.models import Category, Platform
        from jiedao.events.categories import forget_categories

        for model in (Category, Platform):
            uid = f"events.forget_categories.{model.__name__}"
            post_save.connect(forget_categories, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_categories, sender=model, dispatch_uid=uid)
