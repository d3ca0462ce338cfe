from django.urls import URLPattern, path

from jiedao.documents import views

app_name = "documents"
urlpatterns: list[URLPattern] = [
    path("<int:pk>/download/", views.download, name="download"),
    path("cases/<int:case_id>/generate/<str:code>/", views.generate, name="generate"),
]
