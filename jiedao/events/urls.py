from django.urls import path

from jiedao.cases.routes import kind_urls
from jiedao.events import views, views_dashboard
from jiedao.events.surface import SURFACE

app_name = "events"
urlpatterns = [
    *kind_urls(SURFACE),
    path("new/suggest/", views.category_suggest, name="suggest"),
    path("rate/", views.public_rate, name="public_rate"),
    path("todo/", views.todo_panel, name="todo"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard/data.json", views_dashboard.dashboard_data, name="dashboard_data"),
]
