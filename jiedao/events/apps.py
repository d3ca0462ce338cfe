from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "jiedao.events"
    label = "events"
    verbose_name = _("事件")

    def ready(self) -> None:
        from jiedao.cases.kinds import register_kind
        from jiedao.events.kind import EVENT_KIND

        register_kind(EVENT_KIND)
        from jiedao.events.indicators import register

        register()
