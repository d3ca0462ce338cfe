"""Top-level URL map: pages, API, i18n switch."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from jiedao.api.urls import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("registry/", include("jiedao.registry.urls")),
    path("", include("jiedao.web.urls")),
]
if settings.DEBUG or settings.TESTING:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
