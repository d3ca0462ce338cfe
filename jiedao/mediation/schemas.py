"""The mediation API's own schemas: what a dispute adds to the shared case item and detail
(under `extension`), the registration body, and the room workload."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema

from jiedao.core.api.schemas import DbInt


class DisputeItem(Schema):
    """A list row's extension: room, type, mediator, outcome."""

    room: str | None
    room_id: int | None
    dispute_type: str
    mediator: str | None
    outcome: str


class PartyOut(Schema):
    role: str
    name: str
    id_number: str
    phone: str
    address: str


class SessionOut(Schema):
    seq: int
    held_on: date
    place: str
    attendees: str
    record: str
    mediator_name: str


class MediationOut(DisputeItem):
    """The detail's extension: the list row's fields and the dispute's record."""

    profile: str
    request: str
    source_event: str | None
    failure_route: str
    court: str | None
    court_reference: str
    court_result: str
    agreement_terms: str
    agreement_effective: date | None
    fulfilment: str
    confirmation_due: datetime | None
    confirmation_applied_on: date | None
    confirmation_court: str
    ruling: str
    ruling_on: date | None
    ruling_reference: str
    parties: list[PartyOut]
    sessions: list[SessionOut]


class ApplicationIn(Schema):
    """Walk-in fields (title, description, request, parties) or `event_number` for 从事件转调解."""

    event_number: str | None = None
    title: str | None = None
    description: str | None = None
    request: str | None = None
    dispute_type: DbInt | None = None
    room: DbInt | None = None
    applicant_name: str | None = None
    applicant_id_number: str | None = None
    applicant_phone: str | None = None
    applicant_address: str | None = None
    respondent_name: str | None = None
    respondent_id_number: str | None = None
    respondent_phone: str | None = None
    respondent_address: str | None = None


class WorkloadRow(Schema):
    room_id: int | None
    room: str
    received: int
    concluded: int
    succeeded: int
    failed: int
    court: int
    success_rate: float


class Workload(Schema):
    date_from: date
    date_to: date
    rows: list[WorkloadRow]  # one per room, then disputes not yet in a room (room_id null)
    total: WorkloadRow
