"""API schemas for cases (shared by every kind) and reference data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class Ref(Schema):
    id: int
    name: str


class CaseItem(Schema):
    id: int
    number: str
    title: str
    state: str
    state_label: str
    channel: str
    urgency: str
    platform: Ref | None
    category: Ref | None
    community: Ref | None
    grid: Ref | None
    department: Ref | None
    created_at: datetime
    resolve_due: datetime | None
    time_status: str
    lat: float | None
    lng: float | None


class TimelineEntry(Schema):
    verb: str
    label: str
    from_state: str
    to_state: str
    actor: str
    at: datetime
    note: str
    data: dict[str, Any]


class AllowedAction(Schema):
    action: str
    label: str
    fields: list[str]
    needs_note: bool


class CaseDetail(CaseItem):
    description: str
    address: str
    reporter_name: str
    reporter_phone: str
    anonymous: bool
    sign_due: datetime | None
    due_estimated: bool
    result: str
    rating: int | None
    supervision_count: int
    pending_extension_days: int | None
    merged_into: str | None
    version: int
    timeline: list[TimelineEntry]
    actions: list[AllowedAction]
    attachments: list[dict[str, Any]]


class CaseCreated(CaseItem):
    """What intake answers: the new case's summary and the reporter's code (shown once).
    The full detail (timeline, allowed actions) is at GET /events/{id}."""

    reporter_phone: str
    version: int
    rating_code: str


class CasePage(Schema):
    count: int
    more: bool
    page: int
    page_size: int
    results: list[CaseItem]


class EventIn(Schema):
    title: str
    description: str
    channel: str | None = None
    urgency: str | None = None
    category: int | None = None
    lat: float | None = None
    lng: float | None = None
    grid: int | None = None
    address: str | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    anonymous: bool = False


class ActionIn(Schema):
    note: str = ""
    version: int | None = None
    department: int | None = None
    urgency: str | None = None
    result: str | None = None
    days: int | None = None
    rating: int | None = None
    rating_note: str | None = None
    target: str | None = None
    category: int | None = None


class PublicRateIn(Schema):
    number: str
    code: str
    rating: int
    rating_note: str = ""


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    platform: Ref
    parent_id: int | None


class GridOut(Schema):
    id: int
    code: str
    name: str
    community: Ref
    geometry: dict[str, Any]
