from typing import Any

from django.http import HttpRequest
from ninja import Router

from jiedao.core.api.auth import current_user

router = Router(tags=["tryout"])  # no auth of its own: mounted with the project's
public = Router(tags=["tryout"])


@router.get("/whoami")
def whoami(request: HttpRequest) -> dict[str, Any]:
    return {"username": current_user(request).username}


@public.get("/hello")
def hello(request: HttpRequest) -> dict[str, Any]:
    return {"hello": "world"}
