"""API routes of this app, mounted at /api/petitions by jiedao.api.urls."""

from ninja import Router

router = Router(tags=["petitions"])
