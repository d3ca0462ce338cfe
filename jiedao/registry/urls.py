"""Registry pages, mounted at /registry/."""

from django.urls import path

from jiedao.registry import views

app_name = "registry"
urlpatterns = [
    path("residents/", views.resident_list, name="resident_list"),
    path("residents/new/", views.resident_create, name="resident_create"),
    path("residents/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/reveal/", views.resident_reveal, name="resident_reveal"),
    path("residents/<int:pk>/archive/", views.resident_archive, name="resident_archive"),
    path("places/", views.place_list, name="place_list"),
    path("places/new/", views.place_create, name="place_create"),
    path("places/<int:pk>/", views.place_detail, name="place_detail"),
    path("households/", views.household_list, name="household_list"),
    path("households/new/", views.household_create, name="household_create"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
]
