from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "jiedao.registers"
    label = "registers"
    verbose_name = _("工作台账")
    # Mounted by jiedao.core.discovery.
    url_prefix = "registers/"
    api_routers = {"registers": "router"}

    def ready(self) -> None:
        from typing import Any

        from django.db import models
        from django.http import Http404

        from jiedao.core.history import Fetch, register
        from jiedao.core.menu import MenuEntry, register_menu
        from jiedao.core.models import User
        from jiedao.registers import config_section, indicators, todo
        from jiedao.registers.catalog import REGISTERS, RegisterDef

        config_section.register()
        indicators.register()
        todo.register()

        def fetcher(rdef: RegisterDef) -> Fetch:
            def fetch(user: User, pk: str) -> models.Model | None:
                try:
                    obj: Any = rdef.get(user, pk)
                except Http404:
                    return None
                return obj

            return fetch

        for order, rdef in enumerate(REGISTERS.values()):
            register(rdef.model._meta.label_lower, fetcher(rdef))
            register_menu(
                MenuEntry(
                    url_name=rdef.urls["list"],
                    label=rdef.label,
                    roles=frozenset(rdef.access.read),
                    group=_("台账"),
                    order=order * 10,
                )
            )
