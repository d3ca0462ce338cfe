"""Petition intake: raw input (form, API) → a validated draft; then one transaction writes the case,
its Petition row, its petitioners and the repeat link. Follow-ups (复查/复核) are opened here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiedao.cases import clocks, inputs
from jiedao.cases.actions import NewCase, create_case
from jiedao.cases.models import Case, Channel, TimeStatus
from jiedao.cases.rules import profile_code_for, rule_deadline
from jiedao.core import audit, crypto
from jiedao.core.acting import acting_jurisdiction
from jiedao.core.errors import InvalidInput
from jiedao.core.fields import sync_blind_indexes
from jiedao.core.models import Jurisdiction, User
from jiedao.petitions import categories, repeats
from jiedao.petitions.kind import KIND
from jiedao.petitions.models import COLLECTIVE_MIN, Petition, PetitionChannel, Petitioner, PetitionType, Stage

MAX_PETITIONERS = 20
# The engine's channel list is shared by all kinds; each petition channel maps onto one of them.
ENGINE_CHANNEL = {
    PetitionChannel.LETTER: Channel.LETTER,
    PetitionChannel.VISIT: Channel.VISIT,
    PetitionChannel.CALL: Channel.CALL,
    PetitionChannel.WEB: Channel.WEB,
    PetitionChannel.SUPERIOR: Channel.LEADER,
}
TRUE = ("1", "true", "on", "yes")


@dataclass
class PetitionerInput:
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""

    def indexes(self) -> set[str]:
        out = set()
        if self.id_number:
            out.add(crypto.blind_index(self.id_number, crypto.KIND_ID_NUMBER))
        if self.phone:
            out.add(crypto.blind_index(self.phone, crypto.KIND_PHONE))
        return out


@dataclass
class PetitionDraft:
    """A validated petition before it exists."""

    jurisdiction: Jurisdiction
    title: str
    content: str
    channel: str
    petition_type: str
    content_category: str
    person_count: int
    over_level: bool
    petitioners: list[PetitionerInput]
    repeat_choice: str = ""  # "" decide automatically, "none" not a repeat, else an earlier number
    tokens: set[str] = field(default_factory=set)

    def indexes(self) -> set[str]:
        return {i for p in self.petitioners for i in p.indexes()}


def intake_jurisdiction(user: User | None) -> Jurisdiction:
    """The jurisdiction a dispatcher registers petitions in: the one they act in."""
    found = acting_jurisdiction(user)
    if found is None:
        raise InvalidInput(_("您没有任何街道的登记权限。"), code="forbidden")
    return found


def _petitioner(raw: Any, index: int) -> PetitionerInput:
    raw = raw if isinstance(raw, dict) else {}
    name = inputs.text(raw, "name", _("信访人姓名"), 60)
    out = PetitionerInput(name=name, address=inputs.text(raw, "address", _("住址"), 200, required=False))
    try:
        if str(raw.get("id_number") or "").strip():
            out.id_number = crypto.validate_id_number(str(raw["id_number"]))
        if str(raw.get("phone") or "").strip():
            out.phone = crypto.validate_phone(str(raw["phone"]))
    except ValidationError as exc:
        raise InvalidInput(
            _("第%(n)d位信访人：%(msg)s") % {"n": index + 1, "msg": exc.messages[0]}, field="petitioners"
        ) from None
    return out


def validate_petition(data: dict[str, Any], *, jurisdiction: Jurisdiction) -> PetitionDraft:
    """Check every field; one translated InvalidInput for the first problem, nothing written."""
    title = inputs.text(data, "title", _("标题"), 200)
    content = inputs.text(data, "content", _("信访内容"), 5000)
    channel = str(data.get("channel") or "")
    if channel not in PetitionChannel.values:
        raise InvalidInput(_("请选择信访形式。"), field="channel")
    petition_type = str(data.get("petition_type") or "")
    if petition_type not in PetitionType.values:
        raise InvalidInput(_("请选择信访类型。"), field="petition_type")
    category = str(data.get("content_category") or "")
    if category not in categories.by_code():
        raise InvalidInput(_("请选择内容分类。"), field="content_category")
    raw_people = data.get("petitioners") or []
    if not isinstance(raw_people, list) or not raw_people:
        raise InvalidInput(_("请至少登记一位信访人。"), field="petitioners")
    if len(raw_people) > MAX_PETITIONERS:
        raise InvalidInput(_("一次最多登记%(n)d位信访人。") % {"n": MAX_PETITIONERS}, field="petitioners")
    people = [_petitioner(raw, i) for i, raw in enumerate(raw_people)]
    try:
        count = int(data.get("person_count") or len(people))
    except (TypeError, ValueError):
        raise InvalidInput(_("人数必须是整数。"), field="person_count") from None
    if count < len(people) or count > 10000:
        raise InvalidInput(_("人数不能少于登记的信访人数。"), field="person_count")
    return PetitionDraft(
        jurisdiction=jurisdiction,
        title=title,
        content=content,
        channel=channel,
        petition_type=petition_type,
        content_category=category,
        person_count=count,
        over_level=str(data.get("over_level") or "").lower() in TRUE,
        petitioners=people,
        repeat_choice=str(data.get("repeat_of") or "").strip()[:32],
        tokens=repeats.tokens(f"{title} {content}"),
    )


def _chosen_repeat(draft: PetitionDraft, now: datetime) -> Petition | None:
    if draft.repeat_choice == "none":
        return None
    if draft.repeat_choice:
        found = (
            Petition.objects.filter(
                case__jurisdiction=draft.jurisdiction, case__number=draft.repeat_choice.upper()
            )
            .only("pk", "repeat_of_id")
            .first()
        )
        if found is None:
            raise InvalidInput(
                _("找不到编号为 %(n)s 的信访件。") % {"n": draft.repeat_choice}, field="repeat_of"
            )
        return found
    found_s = repeats.auto_link(
        repeats.suggest(
            draft.jurisdiction.pk,
            indexes=draft.indexes(),
            text=f"{draft.title} {draft.content}",
            category=draft.content_category,
            now=now,
        )
    )
    return Petition.objects.filter(pk=found_s.root_id).only("pk", "repeat_of_id").first() if found_s else None


def _write_people(petition: Petition, people: list[PetitionerInput]) -> None:
    rows = []
    for i, p in enumerate(people):
        row = Petitioner(
            petition=petition,
            jurisdiction_id_ref=petition.case.jurisdiction_id,
            name=p.name,
            id_number=p.id_number,
            phone=p.phone,
            address=p.address,
            order=i,
        )
        sync_blind_indexes(row)
        rows.append(row)
    Petitioner.objects.bulk_create(rows)


def _clock_fields(start: datetime, profile: str, key: str) -> dict[str, Any]:
    due = rule_deadline(profile, key, start)
    return {
        "due_at": due.at,
        "warn_at": clocks.warn_time(start, due.at),
        "time_status": TimeStatus.GREEN,
        "due_estimated": due.estimated,
    }


def register_petition(draft: PetitionDraft, *, acting_user: User | None, now: datetime) -> Case:
    """登记: the case in 待受理 with its acceptance deadline, linked to the matter's first petition."""
    profile = profile_code_for(draft.jurisdiction.pk)
    with transaction.atomic():
        earlier = _chosen_repeat(draft, now)
        petitioner = draft.petitioners[0]
        new = NewCase(
            jurisdiction=draft.jurisdiction,
            kind=KIND,
            title=draft.title,
            description=draft.content,
            channel=ENGINE_CHANNEL[PetitionChannel(draft.channel)],
            fields={
                "reporter_name": petitioner.name,
                "reporter_phone": petitioner.phone or None,
                **_clock_fields(now, profile, "petition.accept"),
            },
        )
        case, _code = create_case(new, acting_user=acting_user, now=now)
        petition = Petition.objects.create(
            case=case,
            profile=profile,
            channel=draft.channel,
            petition_type=draft.petition_type,
            content_category=draft.content_category,
            repeat_of_id=(earlier.repeat_of_id or earlier.pk) if earlier else None,
            person_count=draft.person_count,
            collective=draft.person_count >= COLLECTIVE_MIN,
            over_level=draft.over_level,
            tokens=" ".join(sorted(draft.tokens)),
            accept_due=case.due_at,
        )
        _write_people(petition, draft.petitioners)
        audit.record(
            petition,
            "create",
            acting_user=acting_user,
            jurisdiction_id=case.jurisdiction_id,
            after=_snapshot(petition),
        )
    return case


def _snapshot(p: Petition) -> dict[str, Any]:
    return {
        "profile": p.profile,
        "stage": p.stage,
        "channel": p.channel,
        "petition_type": p.petition_type,
        "content_category": p.content_category,
        "repeat_of": p.repeat_of_id,
        "parent": p.parent_id,
        "person_count": p.person_count,
        "collective": p.collective,
        "over_level": p.over_level,
    }


def open_follow_up(
    case: Case, petition: Petition, stage: Stage, *, acting_user: User | None, now: datetime
) -> Case:
    """复查/复核 request: a linked case, decided within the profile's limit from the request."""
    key = "petition.review_decide" if stage == Stage.REVIEW else "petition.recheck_decide"
    prefix = _("【复查】") if stage == Stage.REVIEW else _("【复核】")
    fields = _clock_fields(now, petition.profile, key)
    new = NewCase(
        jurisdiction=case.jurisdiction,
        kind=KIND,
        title=f"{prefix}{case.title}"[:200],
        description=case.description,
        channel=case.channel,
        fields={
            "reporter_name": case.reporter_name,
            "reporter_phone": case.reporter_phone,
            "resolve_due": fields["due_at"],
            **fields,
        },
    )
    child, _code = create_case(new, acting_user=acting_user, now=now)
    follow = Petition.objects.create(
        case=child,
        profile=petition.profile,
        channel=petition.channel,
        petition_type=petition.petition_type,
        content_category=petition.content_category,
        stage=stage,
        parent=petition,
        person_count=petition.person_count,
        collective=petition.collective,
        over_level=petition.over_level,
        tokens=petition.tokens,
        accept_due=child.due_at,
    )
    people = [
        PetitionerInput(
            name=p.name,
            id_number=p.id_number.reveal() if p.id_number else "",
            phone=p.phone.reveal() if p.phone else "",
            address=p.address,
        )
        for p in petition.petitioners.all()
    ]
    _write_people(follow, people)
    audit.record(
        follow,
        "create",
        acting_user=acting_user,
        jurisdiction_id=child.jurisdiction_id,
        after=_snapshot(follow),
    )
    return child
