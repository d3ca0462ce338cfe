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
        from jiedao.core.indicators import IndicatorSection, register_indicator_section

        # The dashboard's headings: the pipelines first, then the kinds' (events 50, petitions 60),
        # then everything else of this app under the last one (a code takes the first match).
        S, works = IndicatorSection, ("registers.projects_", "registers.public_works_")
        register_indicator_section(
            S("pipeline", _("项目招引库（期末各阶段项目数与投资额）"), ("registers.pipeline_",), 10),
            S("land", _("土地（期末各阶段面积）"), ("registers.land_pipeline_",), 20),
            S("projects", _("项目推进（期内到达各阶段）"), works, 30),
            S("land_moves", _("土地征收储备（期内）"), ("registers.land_",), 40),
            S("registers", _("拆违、工作台账及其他"), ("registers.",), 90, chart=False),
        )
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
