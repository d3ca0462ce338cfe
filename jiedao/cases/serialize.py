"""Case → API dict. Personal data leaves only in masked form (str of a Protected value)."""

from __future__ import annotations

from typing import Any

from django.db import models

from jiedao.cases.kinds import Transition, get_kind
from jiedao.cases.models import Case
from jiedao.cases.permissions import UNREAD, allowed_transitions
from jiedao.cases.queries import timeline
from jiedao.core.models import User


def _ref(obj: models.Model | None) -> dict[str, Any] | None:
    return None if obj is None else {"id": obj.pk, "name": str(obj)}


def case_item(case: Case) -> dict[str, Any]:
    kind = get_kind(case.kind)
    return {
        "id": case.pk,
        "number": case.number,
        "title": case.title,
        "state": case.state,
        "state_label": str(kind.state(case.state).label),
        "channel": case.channel,
        "urgency": case.urgency,
        "platform": _ref(case.platform),
        "category": _ref(case.category),
        "community": _ref(case.community),
        "grid": _ref(case.grid),
        "department": _ref(case.department),
        "created_at": case.created_at,
        "resolve_due": case.resolve_due,
        "time_status": case.time_status,
        "lat": case.lat,
        "lng": case.lng,
    }


def _allowed(t: Transition) -> dict[str, Any]:
    return {
        "action": t.action,
        "label": str(t.label),
        "fields": list(t.fields),
        "inputs": [
            {
                "name": i.name,
                "label": str(i.label),
                "type": i.api_type,
                "widget": i.widget,
                "required": i.required,
            }
            for i in t.inputs
        ],
        "needs_note": t.needs_note,
        "allows_files": t.allows_files,
    }


def case_detail(case: Case, user: User | None, extension: Any = UNREAD) -> dict[str, Any]:
    kind = get_kind(case.kind)
    labels = kind.action_labels
    entries = list(timeline(case))
    return {
        **case_item(case),
        "description": case.description,
        "address": case.address,
        "reporter_name": case.reporter_name,
        "reporter_phone": str(case.reporter_phone or ""),
        "anonymous": case.anonymous,
        "sign_due": case.sign_due,
        "due_estimated": case.due_estimated,
        "result": case.result,
        "rating": case.rating,
        "supervision_count": case.supervision_count,
        "pending_extension_days": case.pending_extension_days,
        "merged_into": case.merged_into.number if case.merged_into_id and case.merged_into else None,
        "version": case.version,
        "timeline": [
            {
                "verb": a.verb,
                "label": str(labels.get(a.verb, a.verb)),
                "from_state": a.from_state,
                "to_state": a.to_state,
                "actor": a.actor_name,
                "at": a.at,
                "note": a.note,
                "data": a.data,
            }
            for a in entries
        ],
        "actions": [_allowed(t) for t in allowed_transitions(user, case, extension)],
        "attachments": [
            {"name": f.name, "content_type": f.content_type, "size": f.size, "url": f.get_absolute_url()}
            for a in entries
            for f in a.attachments.all()
        ],
    }
