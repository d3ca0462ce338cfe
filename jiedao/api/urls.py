"""The Ninja API object (OpenAPI at /api/docs); routers of each domain are added here."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from jiedao.api import errors, events, reference
from jiedao.api.auth import AUTH
from jiedao.registry.api import router as registry_router

api = NinjaAPI(
    title="jiedao API",
    version="1",
    description=str(
        _("街道智治平台接口。认证：Authorization: Bearer <令牌>（jiedao token create --user 用户名）。")
    ),
    urls_namespace="api",
)
errors.install(api)
api.add_router("/", events.router)
api.add_router("/public", events.public)
api.add_router("/", reference.router)
api.add_router("/registry", registry_router, auth=AUTH)
