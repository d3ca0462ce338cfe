"""The petition API's own schemas: the intake body, what a petition adds to the shared case
item and detail (its `extension` object), and the figures."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from jiedao.core.api.schemas import DbInt


class PetitionerIn(Schema):
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


class PetitionIn(Schema):
    title: str
    content: str
    channel: str
    petition_type: str
    content_category: str
    person_count: DbInt | None = None
    over_level: bool = False
    petitioners: list[PetitionerIn]
    repeat_of: str = ""  # "" link automatically, "none" not a repeat, or an earlier case number


class PetitionFacts(Schema):
    """A petition in a list: what the shared case item does not say."""

    channel: str  # the petition's 信访形式 (visit, letter, …); the case's `channel` is the engine's
    petition_type: str
    content_category: str
    content_category_label: str
    stage: str
    collective: bool
    over_level: bool
    repeat_of: int | None
    backlog: bool
    due_at: datetime | None  # the acceptance deadline while it runs, then the handling deadline


class PetitionDetailFacts(PetitionFacts):
    """A petition's detail: its facts, clocks, chain and backlog."""

    person_count: int
    parent: int | None
    transferred_to: str
    accept_due: datetime | None
    decided_at: datetime | None
    replied_at: datetime | None
    on_time: bool | None
    follow_up_until: datetime | None
    backlog_level: str
    backlog_leader: str | None
    backlog_outcome: str
    backlog_resolved_on: date | None


class FigureOut(Schema):
    code: str
    label: str
    value: int
    last_year: int
    change: float | None
    description: str
    records: str
