from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "jiedao.registry"
    label = "registry"
    verbose_name = _("人地事物组织")
    # Mounted by jiedao.core.discovery.
    url_prefix = "registry/"
    api_routers = {"registry": "router"}

    def ready(self) -> None:
        from collections.abc import Callable
        from typing import Any

        from django.db import models
        from django.http import Http404

        from jiedao.core.history import Fetch, register
        from jiedao.core.models import User
        from jiedao.registry import queries

        def fetcher(get: Callable[[User, Any], models.Model]) -> Fetch:
            def fetch(user: User, pk: str) -> models.Model | None:
                try:
                    return get(user, pk)
                except Http404:
                    return None

            return fetch

        register("registry.resident", fetcher(queries.get_resident_for))
        register("registry.household", fetcher(queries.get_household_for))
        register("registry.place", fetcher(queries.get_place_for))
        register("registry.organisation", fetcher(queries.get_organisation_for))

        from jiedao.core.menu import BAR, FROM_VIEW, MenuEntry, register_menu

        register_menu(  # who sees each entry is what its page declares (registry.views)
            MenuEntry("registry:resident_list", _("人口"), FROM_VIEW, BAR, 50),
            MenuEntry("registry:place_list", _("场所"), FROM_VIEW, BAR, 60),
        )
