"""Event intake: turn raw input (form, phone page, API) into a validated `NewCase`.

All checks happen here, before anything is written: a bad field gives one translated error.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiedao.cases import inputs
from jiedao.cases.actions import NewCase
from jiedao.cases.models import Channel
from jiedao.core import crypto, geo
from jiedao.core.acting import acting_jurisdiction
from jiedao.core.errors import Forbidden, InvalidInput
from jiedao.core.models import Grid, Jurisdiction, Role, User
from jiedao.core.models.org import Urgency
from jiedao.core.scope import Scope, assignments_of, scope_of
from jiedao.events.categories import category_of
from jiedao.events.kind import INTAKE_ROLES, KIND

CHANNELS = frozenset(Channel.values)
# Field labels are translated only when an error names them (eager gettext was ~1% of a create).
TITLE, DESCRIPTION, ADDRESS, REPORTER = (
    gettext_lazy("标题"),
    gettext_lazy("事件描述"),
    gettext_lazy("地址"),
    gettext_lazy("反映人"),
)
URGENCIES = frozenset(Urgency.values)


def intake_jurisdiction(user: User | None) -> Jurisdiction:
    """The jurisdiction a staff user reports into: the one they act in (`jiedao.core.acting`)."""
    found = acting_jurisdiction(user)
    if found is None:
        raise InvalidInput(_("您没有任何街道的上报权限。"), code="forbidden")
    return found


def intake_scope(user: User) -> Scope:
    """Where `user` may report: what their reporting roles reach (a grid worker their grids)."""
    return scope_of(user).through(INTAKE_ROLES)


def reportable_grids(user: User, jurisdiction: Jurisdiction) -> QuerySet[Grid]:
    """The active grids of `jurisdiction` the user may report into (the form's choices)."""
    q = intake_scope(user).filter_q(jurisdiction="jurisdiction", community="community", grid="id")
    return Grid.objects.filter(q, jurisdiction=jurisdiction, boundary_set__active=True)


def _check_reach(user: User, jurisdiction: Jurisdiction, grid: Grid | None) -> None:
    """A report lands inside the reporter's own grids (in memory: the scope is cached)."""
    scope = intake_scope(user)
    if scope.sees_jurisdiction(jurisdiction.pk):
        return
    if grid is None:
        raise Forbidden(_("请选择您负责的网格，或在地图上选点。"), field="grid")
    if not scope.reaches(jurisdiction.pk, community_id=grid.community_id, grid_id=grid.pk):
        raise Forbidden(
            _("您只能上报本人负责网格内的事件：“%(grid)s”不在您的网格范围内。") % {"grid": grid.name},
            field="grid",
        )


def _own_grid(user: User | None, jurisdiction: Jurisdiction) -> Grid | None:
    if user is None or not user.is_authenticated:
        return None
    for ra in assignments_of(user):
        if ra.role == Role.GRID_WORKER and ra.jurisdiction_id == jurisdiction.pk and ra.grid_id is not None:
            return Grid.objects.select_related("community").defer("geometry").get(pk=ra.grid_id)
    return None


def validate_event(data: dict[str, Any], *, jurisdiction: Jurisdiction, user: User | None) -> NewCase:
    if user is not None and user.is_authenticated and not intake_scope(user).has(*INTAKE_ROLES):
        raise Forbidden(_("您没有上报事件的权限。"))
    title = inputs.text(data, "title", TITLE, 200)
    description = inputs.text(data, "description", DESCRIPTION, 5000)
    own_grid = _own_grid(user, jurisdiction)
    channel = str(data.get("channel") or (Channel.GRID if own_grid else Channel.CALL))
    if channel not in CHANNELS:
        raise InvalidInput(_("来源渠道不正确。"), field="channel")
    urgency = str(data.get("urgency") or Urgency.NORMAL)
    if urgency not in URGENCIES:
        raise InvalidInput(_("紧急程度不正确。"), field="urgency")

    raw_category = data.get("category")
    category = category_of(jurisdiction.pk, raw_category) if raw_category not in (None, "") else None

    lat = lng = None
    grid: Grid | None = None
    if data.get("lat") not in (None, "") or data.get("lng") not in (None, ""):
        try:
            lat, lng = geo.validate_point(data.get("lat"), data.get("lng"))
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], field="lat") from None
        grid = geo.locate_grid(jurisdiction.pk, lat, lng)
        if grid is None:
            raise InvalidInput(_("该位置不在本街道的任何网格内，请重新选点。"), code="outside", field="lat")
    elif data.get("grid") not in (None, ""):
        try:
            grid = Grid.objects.get(
                jurisdiction=jurisdiction, pk=int(data["grid"]), boundary_set__active=True
            )
        except (Grid.DoesNotExist, TypeError, ValueError):
            raise InvalidInput(_("网格不存在。"), field="grid") from None
    else:
        grid = own_grid
    address = inputs.text(data, "address", ADDRESS, 200, required=False)
    if grid is None and not address:
        raise InvalidInput(_("请在地图上选点，或填写地址并选择网格。"), field="lat")
    if user is not None and user.is_authenticated:
        _check_reach(user, jurisdiction, grid)

    anonymous = str(data.get("anonymous") or "").lower() in ("1", "true", "on", "yes")
    reporter_name = "" if anonymous else inputs.text(data, "reporter_name", REPORTER, 60, required=False)
    phone_raw = "" if anonymous else str(data.get("reporter_phone") or "").strip()
    phone = None
    if phone_raw:
        try:
            phone = crypto.validate_phone(phone_raw)
        except ValidationError as exc:
            raise InvalidInput(exc.messages[0], field="reporter_phone") from None

    return NewCase(
        jurisdiction=jurisdiction,
        kind=KIND,
        title=title,
        description=description,
        channel=channel,
        fields={
            "urgency": urgency,
            "category": category,
            "platform": category.platform if category else None,
            "grid": grid,
            "community": grid.community if grid else None,
            "lat": lat,
            "lng": lng,
            "address": address,
            "reporter_name": reporter_name,
            "reporter_phone": phone,
            "anonymous": anonymous,
        },
    )
