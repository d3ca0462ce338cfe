from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jiedao.core"
    label = "core"
    verbose_name = _("基础")
    # Mounted by jiedao.core.discovery.
    url_prefix = "audit/"  # the change history pages (jiedao.core.urls)

    def ready(self) -> None:
        from jiedao.core import keys  # noqa: F401  (registers the development-keys system check)
