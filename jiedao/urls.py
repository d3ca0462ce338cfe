"""Top-level URL map: pages, API, i18n switch. Uploaded files are never public media:
attachments are served by a scoped view (jiedao.cases.files)."""

from django.contrib import admin
from django.urls import include, path

from jiedao.api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("registry/", include("jiedao.registry.urls")),
    path("cases/", include("jiedao.cases.urls")),
    path("events/", include("jiedao.events.urls")),
    path("petitions/", include("jiedao.petitions.urls")),
    path("mediation/", include("jiedao.mediation.urls")),
    path("documents/", include("jiedao.documents.urls")),
    path("registers/", include("jiedao.registers.urls")),
    path("goals/", include("jiedao.goals.urls")),
    path("reports/", include("jiedao.reports.urls")),
    path("audit/", include("jiedao.core.urls")),
    path("staff/", include("jiedao.staff.urls")),
    path("", include("jiedao.web.urls")),
]

handler403 = "jiedao.web.errors.page_forbidden"
handler404 = "jiedao.web.errors.page_not_found"
handler500 = "jiedao.web.errors.server_error"
