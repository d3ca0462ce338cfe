"""Schemas every API shares."""

from __future__ import annotations

from ninja import Schema


class Ref(Schema):
    id: int
    name: str
