"""API routes of this app, mounted at /api/goals by jiedao.api.urls."""

from ninja import Router

router = Router(tags=["goals"])
