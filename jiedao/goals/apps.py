from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "jiedao.goals"
    label = "goals"
    verbose_name = _("目标与指标")
