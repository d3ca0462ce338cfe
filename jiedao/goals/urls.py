from django.urls import path

from jiedao.goals import views_dashboard, views_indicators, views_targets

app_name = "goals"
urlpatterns = [
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("indicators/", views_indicators.library, name="library"),
    path("indicators/<str:code>/", views_indicators.indicator_detail, name="indicator"),
    path("manual/", views_indicators.manual_list, name="manual"),
    path("manual/<str:code>/", views_indicators.manual_detail, name="manual_detail"),
    path("plans/", views_targets.plan_list, name="plans"),
    path("plans/<int:pk>/", views_targets.plan_detail, name="plan"),
    path("proposals/<int:pk>/", views_targets.proposal_act, name="proposal"),
    path("targets/", views_targets.target_list, name="targets"),
    path("targets/<int:pk>/done/", views_targets.target_done, name="target_done"),
]
