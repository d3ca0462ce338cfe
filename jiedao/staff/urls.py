from django.urls import include, path

from jiedao.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("role-row/", views.role_row, name="role_row"),
    path("password/", views.password_change, name="password_change"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    *(
        path(f"<int:pk>/{action.replace('_', '-')}/", views.person_action, {"action": action}, name=action)
        for action in (
            "deactivate",
            "reactivate",
            "require_password_change",
            "reset_password",
            "unlock",
        )
    ),
    path("", include("jiedao.staff.imports.urls")),  # staff:import (批量导入 on the list)
    path("", include("jiedao.staff.tokens.urls")),  # staff:tokens (接口令牌 on the person page)
]
