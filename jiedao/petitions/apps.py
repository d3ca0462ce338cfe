from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "jiedao.petitions"
    label = "petitions"
    verbose_name = _("信访")
    # Mounted by jiedao.core.discovery.
    url_prefix = "petitions/"
    api_routers = {"petitions": "router"}

    def ready(self) -> None:
        from jiedao.cases.kinds import register_kind
        from jiedao.core.menu import FROM_VIEW, MenuEntry, register_menu
        from jiedao.petitions import documents, stats, todo
        from jiedao.petitions.kind import PETITION_KIND

        register_kind(PETITION_KIND)
        import_module("jiedao.petitions.surface")  # registers the kind's pages, routes and API
        from jiedao.cases.queries import visible_cases
        from jiedao.core.history import register as register_history
        from jiedao.petitions.models import Petition

        register_history(
            "petitions.petition",
            lambda user, pk: Petition.objects.filter(case__in=visible_cases(user, "petition"), pk=pk).first(),
        )
        stats.register()
        from jiedao.core.indicators import IndicatorSection, register_indicator_section

        # One dashboard heading with the mediation app's figures (it registers the same key).
        register_indicator_section(IndicatorSection("petitions", _("信访与矛盾调解"), ("petitions.",), 60))
        documents.register()
        todo.register()
        group = _("信访调解")
        register_menu(  # who sees each entry is what its page declares (petitions.views)
            MenuEntry("petitions:list", _("信访件"), FROM_VIEW, group, 10),
            MenuEntry("petitions:create", _("登记信访件"), FROM_VIEW, group, 11),
            MenuEntry("petitions:overdue", _("超期信访件"), FROM_VIEW, group, 12),
            MenuEntry("petitions:figures", _("信访统计"), FROM_VIEW, group, 13),
        )
