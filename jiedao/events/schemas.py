"""The event intake and public rating bodies of the API."""

from __future__ import annotations

from ninja import Schema

from jiedao.core.api.schemas import DbInt


class EventIn(Schema):
    title: str
    description: str
    channel: str | None = None
    urgency: str | None = None
    category: DbInt | None = None
    lat: float | None = None
    lng: float | None = None
    grid: DbInt | None = None
    address: str | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    anonymous: bool = False


class PublicRateIn(Schema):
    number: str
    code: str
    rating: DbInt
    rating_note: str = ""
