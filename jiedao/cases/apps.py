from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "jiedao.cases"
    label = "cases"
    verbose_name = _("案件引擎")
    # Mounted by jiedao.core.discovery.
    url_prefix = "cases/"

    def ready(self) -> None:
        from jiedao.cases.tasks import enqueue_recompute
        from jiedao.core.calendar import on_schedule_changed

        on_schedule_changed(enqueue_recompute)

        from jiedao.cases.rules import register as register_rules

        register_rules()

        from jiedao.cases.queries import visible_cases
        from jiedao.core.history import register

        register("cases.case", lambda user, pk: visible_cases(user).filter(pk=pk).first())
