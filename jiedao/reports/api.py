"""API routes of this app, mounted at /api/reports by jiedao.api.urls."""

from ninja import Router

router = Router(tags=["reports"])
