"""Register endpoints (mounted at /api/registers): list, detail, create, update, stage move.

Thin: read through the same catalogue and filters as the pages, write through actions; errors
come back as JSON {code, message, field} (400 bad input, 403 not yours to edit, 404 unseen,
409 illegal stage move or stale version).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from jiedao.core.api.auth import current_user
from jiedao.core.api.schemas import DbInt
from jiedao.core.errors import InvalidInput
from jiedao.core.models import Community, Department, Grid, Tag, User
from jiedao.registers import access as acc
from jiedao.registers import actions
from jiedao.registers.actions.base import stage_history
from jiedao.registers.catalog import REGISTERS, RegisterDef
from jiedao.registers.models import LandParcel, LedgerType

router = Router(tags=["registers"])
MAX_LIMIT = 100


def _rdef(request: HttpRequest, key: str) -> RegisterDef:
    rdef = REGISTERS[key]
    if not acc.can_read(current_user(request), rdef.access):
        raise acc.NotAllowed(_("您无权查看该台账。"))
    return rdef


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _item(rdef: RegisterDef, obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": obj.pk, "version": obj.version}
    if rdef.flows:
        out["stage"] = obj.stage
    out.update({c.key: _json(c.value(obj)) for c in rdef.columns})
    return out


def _detail(rdef: RegisterDef, obj: Any) -> dict[str, Any]:
    out = _item(rdef, obj)
    if rdef.flows:
        ms = {m.stage: m for m in obj.milestones.all()}
        out["milestones"] = [
            {
                "stage": s.code,
                "label": str(s.label),
                "planned_date": _json(ms[s.code].planned_date) if s.code in ms else None,
                "actual_date": _json(ms[s.code].actual_date) if s.code in ms else None,
            }
            for s in obj.flow.stages
        ]
        out["stage_changes"] = [
            {
                "from": c.from_stage,
                "to": c.to_stage,
                "on": _json(c.on),
                "reason": c.reason,
                "at": c.at.isoformat(),
            }
            for c in stage_history(obj)
        ]
    return out


def _fk(model: type[Model], pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise InvalidInput(_("所选项不存在。"), field=field)
    return obj


class ProjectIn(Schema):
    name: str
    kind: str = "investment"
    sector_id: DbInt | None = None
    source_id: DbInt | None = None
    investment: Decimal = Decimal(0)
    leader_id: DbInt | None = None
    department_id: DbInt | None = None
    community_id: DbInt | None = None
    parcel_ids: list[DbInt] = []
    note: str = ""
    dates: dict[str, date | None] = {}
    version: DbInt | None = None


def _project(body: ProjectIn) -> actions.ProjectInput:
    return actions.ProjectInput(
        name=body.name,
        kind=body.kind,
        sector=_fk(Tag, body.sector_id, "sector_id"),
        source=_fk(Tag, body.source_id, "source_id"),
        investment=body.investment,
        leader=_fk(User, body.leader_id, "leader_id"),
        department=_fk(Department, body.department_id, "department_id"),
        community=_fk(Community, body.community_id, "community_id"),
        parcels=[_fk(LandParcel, p, "parcel_ids") for p in body.parcel_ids],
        note=body.note,
        dates=body.dates,
    )


class ParcelIn(Schema):
    name: str
    community_id: DbInt | None = None
    area_mu: Decimal | None = None
    department_id: DbInt | None = None
    note: str = ""
    dates: dict[str, date | None] = {}
    version: DbInt | None = None


def _parcel(body: ParcelIn) -> actions.ParcelInput:
    return actions.ParcelInput(
        name=body.name,
        community=_fk(Community, body.community_id, "community_id"),
        area_mu=body.area_mu,
        department=_fk(Department, body.department_id, "department_id"),
        note=body.note,
        dates=body.dates,
    )


class StructureIn(Schema):
    address: str
    area_m2: Decimal | None = None
    community_id: DbInt | None = None
    grid_id: DbInt | None = None
    lat: float | None = None
    lng: float | None = None
    description: str = ""
    notice_deadline: date | None = None
    dates: dict[str, date | None] = {}
    version: DbInt | None = None


def _structure(body: StructureIn) -> actions.StructureInput:
    return actions.StructureInput(
        address=body.address,
        area_m2=body.area_m2,
        community=_fk(Community, body.community_id, "community_id"),
        grid=_fk(Grid, body.grid_id, "grid_id"),
        lat=body.lat,
        lng=body.lng,
        description=body.description,
        notice_deadline=body.notice_deadline,
        dates=body.dates,
    )


class LedgerIn(Schema):
    type_id: DbInt
    date: date
    title: str
    quantity: Decimal
    unit: str = ""
    level: str = ""
    attendance: DbInt | None = None
    community_id: DbInt | None = None
    department_id: DbInt | None = None
    note: str = ""
    version: DbInt | None = None


def _entry(body: LedgerIn) -> actions.LedgerInput:
    return actions.LedgerInput(
        type=_fk(LedgerType, body.type_id, "type_id"),
        date=body.date,
        title=body.title,
        quantity=body.quantity,
        unit=body.unit,
        level=body.level,
        attendance=body.attendance,
        community=_fk(Community, body.community_id, "community_id"),
        department=_fk(Department, body.department_id, "department_id"),
        note=body.note,
    )


def _create(request: HttpRequest, key: str, make: Any) -> Status:
    rdef = _rdef(request, key)
    user = current_user(request)
    obj = make(user)
    return Status(201, _detail(rdef, rdef.get(user, obj.pk)))


def _update(request: HttpRequest, key: str, pk: int, change: Any) -> dict[str, Any]:
    rdef = _rdef(request, key)
    user = current_user(request)
    change(user, rdef.get(user, pk))
    return _detail(rdef, rdef.get(user, pk))


@router.post("/projects/", response={201: dict}, summary="Create a project")
def create_project(request: HttpRequest, body: ProjectIn) -> Status:
    return _create(request, "projects", lambda u: actions.create_project(acting_user=u, data=_project(body)))


@router.put("/projects/{pk}", summary="Update a project (version required)")
def update_project(request: HttpRequest, pk: DbInt, body: ProjectIn) -> dict[str, Any]:
    def change(u: User, obj: Any) -> Any:
        data = _project(body)
        data.kind = obj.kind
        return actions.update_project(acting_user=u, project=obj, data=data, expected_version=body.version)

    return _update(request, "projects", pk, change)


@router.post("/land/", response={201: dict}, summary="Create a land parcel")
def create_parcel(request: HttpRequest, body: ParcelIn) -> Status:
    return _create(request, "land", lambda u: actions.create_parcel(acting_user=u, data=_parcel(body)))


@router.put("/land/{pk}", summary="Update a land parcel (version required)")
def update_parcel(request: HttpRequest, pk: DbInt, body: ParcelIn) -> dict[str, Any]:
    return _update(
        request,
        "land",
        pk,
        lambda u, obj: actions.update_parcel(
            acting_user=u, parcel=obj, data=_parcel(body), expected_version=body.version
        ),
    )


@router.post("/structures/", response={201: dict}, summary="Register an illegal structure")
def create_structure(request: HttpRequest, body: StructureIn) -> Status:
    return _create(
        request, "structures", lambda u: actions.create_structure(acting_user=u, data=_structure(body))
    )


@router.put("/structures/{pk}", summary="Update an illegal structure (version required)")
def update_structure(request: HttpRequest, pk: DbInt, body: StructureIn) -> dict[str, Any]:
    return _update(
        request,
        "structures",
        pk,
        lambda u, obj: actions.update_structure(
            acting_user=u, structure=obj, data=_structure(body), expected_version=body.version
        ),
    )


@router.post("/ledger/", response={201: dict}, summary="Add a ledger entry")
def create_entry(request: HttpRequest, body: LedgerIn) -> Status:
    return _create(request, "ledger", lambda u: actions.create_entry(acting_user=u, data=_entry(body)))


@router.put("/ledger/{pk}", summary="Update a ledger entry (version required)")
def update_entry(request: HttpRequest, pk: DbInt, body: LedgerIn) -> dict[str, Any]:
    return _update(
        request,
        "ledger",
        pk,
        lambda u, obj: actions.update_entry(
            acting_user=u, entry=obj, data=_entry(body), expected_version=body.version
        ),
    )


class StageIn(Schema):
    stage: str
    on: date | None = None
    reason: str = ""
    version: DbInt


def _mount_reads(key: str) -> None:
    """List and detail (and stage moves where the register has stages) at /<key>/..."""

    @router.get(
        f"/{key}/", operation_id=f"registers_{key}_list", summary=f"List {key} (filters as on the page)"
    )
    def list_records(request: HttpRequest, limit: DbInt = 50, offset: DbInt = 0) -> dict[str, Any]:
        rdef = _rdef(request, key)
        qs, _flt = rdef.rows(current_user(request), request.GET)
        limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
        return {"count": qs.count(), "items": [_item(rdef, obj) for obj in qs[offset : offset + limit]]}

    @router.get(
        f"/{key}/{{pk}}", operation_id=f"registers_{key}_get", summary=f"One of {key}, with its history"
    )
    def get_record(request: HttpRequest, pk: DbInt) -> dict[str, Any]:
        rdef = _rdef(request, key)
        return _detail(rdef, rdef.get(current_user(request), pk))

    if not REGISTERS[key].flows:
        return

    @router.post(
        f"/{key}/{{pk}}/stage",
        operation_id=f"registers_{key}_stage",
        summary=f"Move one of {key} to another stage",
    )
    def move(request: HttpRequest, pk: DbInt, body: StageIn) -> dict[str, Any]:
        rdef = _rdef(request, key)
        user = current_user(request)
        obj = rdef.get(user, pk)
        actions.move_stage(
            obj,
            acting_user=user,
            to_stage=body.stage,
            on=body.on,
            reason=body.reason,
            expected_version=body.version,
        )
        return _detail(rdef, rdef.get(user, pk))


for _key in REGISTERS:
    _mount_reads(_key)
