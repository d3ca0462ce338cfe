from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "jiedao.petitions"
    label = "petitions"
    verbose_name = _("信访")

    def ready(self) -> None:
        from jiedao.cases.kinds import register_kind
        from jiedao.petitions.kind import PETITION_KIND

        register_kind(PETITION_KIND)
