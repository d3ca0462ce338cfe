from django.urls import path

from jiedao.cases.routes import kind_urls
from jiedao.mediation import views
from jiedao.mediation.surface import SURFACE

app_name = "mediation"
urlpatterns = [
    *kind_urls(SURFACE),
    path("from-event/", views.dispute_from_event, name="from_event"),
    path("workload/", views.workload_view, name="workload"),
]
