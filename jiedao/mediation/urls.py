from django.urls import path

from jiedao.mediation import views

app_name = "mediation"
urlpatterns = [
    path("", views.dispute_list_view, name="list"),
    path("overdue/", views.overdue_view, name="overdue"),
    path("new/", views.dispute_create, name="create"),
    path("from-event/", views.dispute_from_event, name="from_event"),
    path("workload/", views.workload_view, name="workload"),
    path("<int:pk>/", views.dispute_detail, name="detail"),
    path("<int:pk>/act/", views.dispute_act, name="act"),
]
