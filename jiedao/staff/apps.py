from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "jiedao.staff"
    label = "staff"
    verbose_name = _("人员与权限")
    # Mounted by jiedao.core.discovery.
    url_prefix = "staff/"

    def ready(self) -> None:
        from jiedao.core.menu import ACCOUNT, EVERYONE, MenuEntry, register_menu
        from jiedao.core.models import Role
        from jiedao.staff import history, signin_audit, todo

        register_menu(
            MenuEntry("staff:list", _("人员与权限"), frozenset({Role.ADMIN}), _("系统管理"), order=10),
            MenuEntry("staff:password_change", _("修改密码"), EVERYONE, ACCOUNT, order=10),
        )
        history.register()
        signin_audit.connect()
        todo.register()
