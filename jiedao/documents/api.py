"""API routes of this app, mounted at /api/documents by jiedao.api.urls."""

from ninja import Router

router = Router(tags=["documents"])
