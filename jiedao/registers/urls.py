from django.urls import URLPattern, path

from jiedao.registers.catalog import REGISTERS
from jiedao.registers.views import edit, pages, transfer

app_name = "registers"
urlpatterns: list[URLPattern] = [path("ledger/<int:pk>/evidence/", pages.evidence, name="evidence")]
for key in REGISTERS:
    kw = {"key": key}
    urlpatterns += [
        path(f"{key}/", pages.register_list, kw, name=key),
        path(f"{key}/export/", pages.register_export, kw, name=f"{key}_export"),
        path(f"{key}/import/", transfer.register_import, kw, name=f"{key}_import"),
        path(f"{key}/new/", edit.register_create, kw, name=f"{key}_create"),
        path(f"{key}/<int:pk>/", pages.register_detail, kw, name=f"{key}_detail"),
        path(f"{key}/<int:pk>/edit/", edit.register_edit, kw, name=f"{key}_edit"),
        path(f"{key}/<int:pk>/stage/", edit.register_move, kw, name=f"{key}_stage"),
        path(f"{key}/<int:pk>/plan/", edit.register_plan, kw, name=f"{key}_plan"),
    ]
