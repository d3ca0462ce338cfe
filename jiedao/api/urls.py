"""The Ninja API object (OpenAPI at /api/docs): the reference data here, then the routers every
installed app declares (`api_routers` on its AppConfig, see jiedao.core.discovery)."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from jiedao.api import reference
from jiedao.api.docs import LocalSwagger
from jiedao.core.api import errors
from jiedao.core.api.auth import AUTH
from jiedao.core.discovery import mount_api

api = NinjaAPI(
    title="jiedao API",
    version="1",
    description=str(
        _("街道智治平台接口。认证：Authorization: Bearer <令牌>（jiedao token create --user 用户名）。")
    ),
    urls_namespace="api",
    docs=LocalSwagger(settings={"validatorUrl": None}),  # no badge from a foreign validator
)
errors.install(api)
api.add_router("/", reference.router)
mount_api(api, AUTH)
