from django.urls import path

from jiedao.cases.routes import kind_urls
from jiedao.petitions import views
from jiedao.petitions.surface import SURFACE

app_name = "petitions"
urlpatterns = [
    *kind_urls(SURFACE),
    path("figures/", views.figures_view, name="figures"),
    path("new/suggest/", views.repeat_suggest, name="suggest"),
]
