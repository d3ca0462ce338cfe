"""The Ninja API object (OpenAPI at /api/docs); routers of each domain are added here."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from jiedao.api import reference
from jiedao.core.api import errors
from jiedao.core.api.auth import AUTH
from jiedao.documents.api import router as documents_router
from jiedao.events import api as events
from jiedao.goals.api import router as goals_router
from jiedao.mediation.api import router as mediation_router
from jiedao.petitions.api import router as petitions_router
from jiedao.registers.api import router as registers_router
from jiedao.registry.api import router as registry_router
from jiedao.reports.api import router as reports_router

api = NinjaAPI(
    title="jiedao API",
    version="1",
    description=str(
        _("街道智治平台接口。认证：Authorization: Bearer <令牌>（jiedao token create --user 用户名）。")
    ),
    urls_namespace="api",
)
errors.install(api)
api.add_router("/events", events.router)
api.add_router("/public", events.public)
api.add_router("/", reference.router)
api.add_router("/registry", registry_router, auth=AUTH)
api.add_router("/petitions", petitions_router, auth=AUTH)
api.add_router("/mediation", mediation_router, auth=AUTH)
api.add_router("/documents", documents_router, auth=AUTH)
api.add_router("/registers", registers_router, auth=AUTH)
api.add_router("/goals", goals_router, auth=AUTH)
api.add_router("/reports", reports_router, auth=AUTH)
