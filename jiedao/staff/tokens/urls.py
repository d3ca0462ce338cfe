"""A person's tokens, included by `jiedao.staff.urls` (namespace `staff`)."""

from django.urls import path

from jiedao.staff.tokens import views

urlpatterns = [
    path("<int:pk>/tokens/", views.token_list, name="tokens"),
    path("<int:pk>/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
