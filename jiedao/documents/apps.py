from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "jiedao.documents"
    label = "documents"
    verbose_name = _("文书")
    # Mounted by jiedao.core.discovery.
    url_prefix = "documents/"
    api_routers = {"documents": "router"}
