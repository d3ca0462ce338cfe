"""Top-level URL map: Django's own (i18n switch, admin), the API, then the pages every installed
app declares (`url_prefix` on its AppConfig, see jiedao.core.discovery). Uploaded files are never
public media: attachments are served by a scoped view of the case engine."""

from django.contrib import admin
from django.urls import include, path

from jiedao.api.urls import api
from jiedao.core.discovery import page_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    *page_urls(),
]

handler403 = "jiedao.web.errors.page_forbidden"
handler404 = "jiedao.web.errors.page_not_found"
handler500 = "jiedao.web.errors.server_error"
