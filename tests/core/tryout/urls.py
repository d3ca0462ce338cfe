from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from jiedao.core.access import page_access
from jiedao.core.models import Role


@login_required
@page_access(Role.DISPATCHER)
def tryout_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("试行件列表")


app_name = "tryout"
urlpatterns = [path("", tryout_list, name="list")]
