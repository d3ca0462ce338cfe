from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "jiedao.web"
    label = "web"
    verbose_name = _("页面")
    # Mounted by jiedao.core.discovery.
    url_prefix = ""  # the workbench, sign-in and map: the home of the pages, mounted last
