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
        from jiedao.events.indicators import register

        register()
        from jiedao.events import todo

        todo.register()
        from django.db.models.signals import post_delete, post_save

        from jiedao.core.models import Category, Platform
        from jiedao.events.categories import forget_categories

        for model in (Category, Platform):
            uid = f"events.forget_categories.{model.__name__}"
            post_save.connect(forget_categories, sender=model, dispatch_uid=uid)
            post_delete.connect(forget_categories, sender=model, dispatch_uid=uid)
