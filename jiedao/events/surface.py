"""The event kind's surface (cases/surface.py): its list columns and filters, its detail page,
intake on the page and over the API. cases/ builds the pages, routes and router from this."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from jiedao.cases import actions
from jiedao.cases import surface as s
from jiedao.cases.models import Case, Channel
from jiedao.core.errors import DomainError
from jiedao.core.models import Role, User
from jiedao.core.scope import Scope, scope_of
from jiedao.events.filters import EventFilter
from jiedao.events.forms import EventFilterForm, EventIntakeForm
from jiedao.events.intake import intake_jurisdiction, reportable_grids, validate_event
from jiedao.events.kind import INTAKE_ROLES, KIND
from jiedao.events.schemas import EventIn

NO_INTAKE = _("您没有任何街道的上报权限。")


def _filter_form(initial: dict[str, str], user: User) -> EventFilterForm:
    scope = scope_of(user)
    return EventFilterForm(
        initial=initial, jurisdiction_ids=None if scope.superuser else set(scope.member_of)
    )


def _intake_form(request: HttpRequest, data: Any) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    try:
        jurisdiction = intake_jurisdiction(user)
    except DomainError as err:
        raise PermissionDenied(err.message) from None
    scope = scope_of(user)
    own_grid = bool(scope.grids) and scope.has(Role.GRID_WORKER)
    form = EventIntakeForm(
        data,
        jurisdiction_id=jurisdiction.pk,
        grids=reportable_grids(user, jurisdiction),
        default_channel=Channel.GRID if own_grid else Channel.CALL,
    )
    return {"form": form}


def _create(user: User, data: dict[str, Any], files: list[Any] | None = None) -> tuple[Case, str | None]:
    new = validate_event(data, jurisdiction=intake_jurisdiction(user), user=user)
    return actions.create_case(new, acting_user=user, files=files)


def _submit(request: HttpRequest) -> tuple[Case, str | None]:
    return _create(request.user, request.POST.dict(), request.FILES.getlist("files"))  # type: ignore[arg-type]


def _files_into_a_jurisdiction(scope: Scope) -> bool:
    return bool(scope.member_of)  # intake files into a jurisdiction the user holds a role in


def _detail(case: Case, extension: Any, user: User) -> dict[str, Any]:
    return {
        "grid_geometry": case.grid.geometry if case.grid else None,
        "point": {"lat": case.lat, "lng": case.lng} if case.lat is not None else None,
    }


SURFACE = s.register_surface(
    s.Surface(
        kind=KIND,
        slug="events",
        title=_("事件"),
        listing=s.Listing(
            filter=EventFilter,
            form=_filter_form,
            columns=[
                s.NUMBER,
                s.TITLE,
                s.STATE,
                s.TIME,
                s.text(
                    _("分类"), lambda c: c.category.name if c.category else "", "d-none d-md-table-cell small"
                ),
                s.text(_("网格"), lambda c: c.grid.name if c.grid else "", "d-none d-md-table-cell small"),
                s.text(
                    _("处置部门"),
                    lambda c: c.department.name if c.department else "",
                    "d-none d-lg-table-cell small",
                ),
                s.text(_("来源渠道"), lambda c: c.get_channel_display(), "d-none d-lg-table-cell small"),
                s.created(_("上报时间")),
            ],
            empty=_("没有符合条件的事件。"),
            related=("category", "platform", "community", "grid", "department"),
        ),
        detail_template="events/detail.html",
        detail_context=_detail,
        intake=s.Intake(
            roles=INTAKE_ROLES,
            template="events/create.html",
            form_context=_intake_form,
            submit=_submit,
            schema=EventIn,
            create=_create,
            check=_files_into_a_jurisdiction,
            denied=NO_INTAKE,
            button=_("上报事件"),
            rate_page="events:public_rate",
        ),
    )
)
