"""The petition kind's surface (cases/surface.py): list columns and filters (and the overdue
list), the detail page's facts and chain, intake on the page and over the API, and what the API
adds to the shared case schemas. cases/ builds the pages, routes and router from this."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiedao.cases import surface as s
from jiedao.cases.models import Case
from jiedao.cases.rules import get_profile
from jiedao.core.models import User
from jiedao.core.scope import scope_of
from jiedao.petitions import categories, stats
from jiedao.petitions.filters import PetitionFilter
from jiedao.petitions.forms import PetitionFilterForm, intake_data
from jiedao.petitions.intake import intake_jurisdiction, register_petition, validate_petition
from jiedao.petitions.kind import INTAKE_ROLES, KIND
from jiedao.petitions.models import BacklogOutcome, Petition, PetitionChannel, PetitionType, Stage
from jiedao.petitions.schemas import PetitionDetailFacts, PetitionFacts, PetitionIn


def _filter_form(initial: dict[str, str], user: User) -> PetitionFilterForm:
    scope = scope_of(user)
    return PetitionFilterForm(
        initial=initial, jurisdiction_ids=None if scope.superuser else set(scope.member_of)
    )


def _figure_note(flt: PetitionFilter) -> str:
    """A list opened from a number of the figures page says which number it lists."""
    if not flt.figure:
        return ""
    return gettext("按统计指标“%(f)s”（%(s)s 至 %(e)s）列出") % {
        "f": stats.BY_CODE[flt.figure].label,
        "s": flt.date_from or "",
        "e": flt.date_to or "",
    }


def _badges(c: Case) -> list[tuple[str, str]]:
    p: Petition = c.petition
    shown = [
        (p.get_stage_display(), "text-bg-light border") if p.stage != Stage.INITIAL else None,
        (gettext("集体访"), "text-bg-warning") if p.collective else None,
        (gettext("越级访"), "text-bg-warning") if p.over_level else None,
        (gettext("重复"), "text-bg-info") if p.repeat_of_id else None,
        (gettext("积案"), "text-bg-dark") if p.backlog else None,
    ]
    return [b for b in shown if b is not None]


def _intake_context(request: HttpRequest, post: Any) -> dict[str, Any]:
    data = intake_data(post) if post is not None else {}
    people = data.get("petitioners") or []
    rows = [*people, *[{} for _ in range(max(1, 3 - len(people)))]]
    return {
        "data": data,
        "people": rows,
        "channels": PetitionChannel.choices,
        "types": PetitionType.choices,
        "categories": categories.choices(),
    }


def _create(user: User, data: dict[str, Any]) -> tuple[Case, str | None]:
    draft = validate_petition(data, jurisdiction=intake_jurisdiction(user))
    return register_petition(draft, acting_user=user, now=timezone.now()), None


def _submit(request: HttpRequest) -> tuple[Case, str | None]:
    return _create(request.user, intake_data(request.POST))  # type: ignore[arg-type]


def _detail(case: Case, petition: Petition, user: User) -> dict[str, Any]:
    root_id = petition.repeat_of_id or petition.pk
    chain = Petition.objects.filter(repeat_of_id=root_id).exclude(pk=petition.pk).select_related("case")
    return {
        "petition": petition,
        "profile": get_profile(petition.profile),
        "category_label": categories.label_of(petition.content_category),
        "follow_ups": list(Petition.objects.filter(parent=petition).select_related("case")),
        "repeats": list(chain.order_by("case__created_at")),
    }


def _timeline_details(data: dict[str, Any]) -> list[str]:
    lines = []
    if data.get("extension_days"):
        lines.append(gettext("延期：%(n)s 日") % {"n": data["extension_days"]})
    if data.get("follow_up"):
        lines.append(gettext("新立：%(n)s") % {"n": data["follow_up"]})
    if data.get("transferred_to"):
        lines.append(gettext("转送：%(n)s") % {"n": data["transferred_to"]})
    if data.get("leader_name"):
        values = {"n": data["leader_name"], "l": data.get("backlog_level", "")}
        lines.append(gettext("包案领导：%(n)s（%(l)s）") % values)
    if data.get("outcome"):
        values = {"o": BacklogOutcome(data["outcome"]).label, "d": data.get("resolved_on", "")}
        lines.append(gettext("化解：%(o)s %(d)s") % values)
    return lines


def _facts(case: Case, petition: Petition | None = None) -> dict[str, Any]:
    p = petition if petition is not None else case.petition
    return {
        "channel": p.channel,
        "petition_type": p.petition_type,
        "content_category": p.content_category,
        "content_category_label": categories.label_of(p.content_category),
        "stage": p.stage,
        "collective": p.collective,
        "over_level": p.over_level,
        "repeat_of": p.repeat_of_id,
        "backlog": p.backlog,
        "due_at": case.due_at,
    }


def _detail_facts(case: Case, p: Petition) -> dict[str, Any]:
    return {
        **_facts(case, p),
        "person_count": p.person_count,
        "parent": p.parent_id,
        "transferred_to": p.transferred_to,
        "accept_due": p.accept_due,
        "decided_at": p.decided_at,
        "replied_at": p.replied_at,
        "on_time": p.on_time,
        "follow_up_until": p.follow_up_until,
        "backlog_level": p.backlog_level,
        "backlog_leader": str(p.backlog_leader) if p.backlog_leader else None,
        "backlog_outcome": p.backlog_outcome,
        "backlog_resolved_on": p.backlog_resolved_on,
    }


SURFACE = s.register_surface(
    s.Surface(
        kind=KIND,
        slug="petitions",
        title=_("信访件"),
        listing=s.Listing(
            filter=PetitionFilter,
            form=_filter_form,
            columns=[
                s.NUMBER,
                s.Column(_("标题"), "title", badges=_badges),
                s.STATE,
                s.TIME,
                s.text(
                    _("信访形式"), lambda c: c.petition.get_channel_display(), "d-none d-md-table-cell small"
                ),
                s.text(
                    _("内容分类"),
                    lambda c: categories.label_of(c.petition.content_category),
                    "d-none d-md-table-cell small",
                ),
                s.text(
                    _("责任单位"),
                    lambda c: c.department.name if c.department else "",
                    "d-none d-lg-table-cell small",
                ),
                s.created(_("登记时间")),
            ],
            empty=_("没有符合条件的信访件。"),
            related=("petition", "department"),
            presets={"overdue": ({"flag": "overdue"}, _("超期信访件"))},
            links=(("petitions:overdue", _("超期信访件")), ("petitions:figures", _("信访统计"))),
            note=_figure_note,
        ),
        detail_template="petitions/detail.html",
        detail_context=_detail,
        timeline_details=_timeline_details,
        extension_related=("repeat_of__case", "parent__case", "backlog_leader", "extension_approved_by"),
        extension_prefetch=("petitioners",),
        intake=s.Intake(
            roles=INTAKE_ROLES,
            template="petitions/create.html",
            form_context=_intake_context,
            submit=_submit,
            schema=PetitionIn,
            create=_create,
            created_message=_("已登记信访件 %(n)s。"),
            button=_("登记信访件"),
        ),
        api_item=s.ApiPart(PetitionFacts, lambda case, _row: _facts(case)),
        api_detail=s.ApiPart(PetitionDetailFacts, _detail_facts),
        tags=("petitions",),
    )
)
