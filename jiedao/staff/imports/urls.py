"""The import page's URLs, included by `jiedao.staff.urls` (namespace `staff`)."""

from django.urls import path

from jiedao.staff.imports import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.template_download, name="import_template"),
]
