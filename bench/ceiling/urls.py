from django.urls import path

from bench.ceiling.views import insert

urlpatterns = [path("insert", insert)]
