from django.urls import path

from jiedao.core import views

app_name = "core"
urlpatterns = [
    path("history/<str:object_type>/<str:object_id>/", views.object_history, name="history"),
    path("acting/", views.choose_jurisdiction, name="acting"),
]
