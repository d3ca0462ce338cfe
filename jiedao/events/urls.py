from django.urls import path

from jiedao.events import views, views_dashboard

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="list"),
    path("new/", views.event_create, name="create"),
    path("new/done/", views.event_created, name="created"),
    path("new/suggest/", views.category_suggest, name="suggest"),
    path("rate/", views.public_rate, name="public_rate"),
    path("todo/", views.todo_panel, name="todo"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard/data.json", views_dashboard.dashboard_data, name="dashboard_data"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/act/", views.event_act, name="act"),
]
