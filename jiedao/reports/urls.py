from django.urls import path

from jiedao.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("generate/", views.generate, name="generate"),
    path("<int:pk>/download/", views.download, name="download"),
    path("year/<int:year>/", views.year_view, name="year"),
]
