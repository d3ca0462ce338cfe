from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "jiedao.mediation"
    label = "mediation"
    verbose_name = _("矛盾纠纷调解")
    # Mounted by jiedao.core.discovery.
    url_prefix = "mediation/"
    api_routers = {"mediation": "router"}

    def ready(self) -> None:
        from jiedao.cases.kinds import register_kind
        from jiedao.cases.queries import register_case_grant
        from jiedao.mediation import config, documents, indicators, menu, staffing, todo
        from jiedao.mediation.kind import KIND, MEDIATION_KIND
        from jiedao.mediation.queries import linked_event_grant, room_grant

        register_kind(MEDIATION_KIND)
        import_module("jiedao.mediation.surface")  # registers the kind's pages, routes and API
        register_case_grant(KIND, room_grant)
        register_case_grant("event", linked_event_grant)
        config.register()
        indicators.register()
        from jiedao.core.indicators import IndicatorSection, register_indicator_section

        # Under one dashboard heading with the petitions' figures (the same key, prefixes joined).
        register_indicator_section(IndicatorSection("petitions", _("信访与矛盾调解"), ("mediation.",), 60))
        menu.register()
        documents.register()
        staffing.register()
        todo.register()

        from jiedao.core.history import register
        from jiedao.mediation.models import Dispute
        from jiedao.mediation.queries import mediation_cases

        register(
            "mediation.dispute",
            lambda user, pk: Dispute.objects.filter(
                pk__in=mediation_cases(user).filter(pk=pk).values("pk")
            ).first(),
        )
