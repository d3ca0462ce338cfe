from django.urls import path

from jiedao.web import views

app_name = "web"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("map/", views.grid_map, name="grid_map"),
    path("map/grids.geojson", views.grids_geojson, name="grids_geojson"),
]
