"""API routes of this app, mounted at /api/registers by jiedao.api.urls."""

from ninja import Router

router = Router(tags=["registers"])
