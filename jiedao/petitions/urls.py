from django.urls import path

from jiedao.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list_view, name="list"),
    path("overdue/", views.overdue_view, name="overdue"),
    path("figures/", views.figures_view, name="figures"),
    path("new/", views.petition_create, name="create"),
    path("new/suggest/", views.repeat_suggest, name="suggest"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/act/", views.petition_act, name="act"),
]
