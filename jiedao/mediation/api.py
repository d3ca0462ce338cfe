"""API routes of this app, mounted at /api/mediation by jiedao.api.urls."""

from ninja import Router

router = Router(tags=["mediation"])
