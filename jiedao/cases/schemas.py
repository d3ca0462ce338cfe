"""The API schemas every case kind shares: a list item, the detail, the page of a list, what
intake answers. A kind adds a typed `extension` object to the item and detail (cases/api.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from jiedao.core.api.schemas import Ref


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


class InputOut(Schema):
    name: str
    label: str
    type: str  # text, int or date: the JSON type of the value
    widget: str
    required: bool


class AllowedAction(Schema):
    action: str
    label: str
    fields: list[str]
    inputs: list[InputOut]
    needs_note: bool
    allows_files: bool


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
    """What intake answers: the new case's summary and the reporter's code (shown once; None
    for a kind whose cases are not rated by a reporter). The full detail (timeline, allowed
    actions) is at GET /<kind>/{id}."""

    reporter_phone: str
    version: int
    rating_code: str | None


class CasePage(Schema):
    count: int
    more: bool
    page: int
    page_size: int
    results: list[CaseItem]
