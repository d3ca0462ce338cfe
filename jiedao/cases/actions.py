"""Every change to a case goes through here: validate, write the case, its timeline entry and
its audit row in one transaction. Views and API handlers call these and nothing else."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from jiedao.cases import permissions
from jiedao.cases.attachments import CheckedFile, check_files
from jiedao.cases.effects import EffectContext
from jiedao.cases.kinds import REPORTER, CaseKind, get_kind
from jiedao.cases.models import Action, Attachment, Case
from jiedao.cases.sequences import next_value
from jiedao.core import audit, crypto, filestore, rows
from jiedao.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound, StaleVersion
from jiedao.core.models import Jurisdiction, User

AUDIT_FIELDS = [
    "state",
    "department",
    "urgency",
    "category",
    "grid",
    "sign_due",
    "resolve_due",
    "time_status",
    "rating",
    "merged_into",
    "pending_extension_days",
    "extension_days",
    "supervision_count",
    "reopen_count",
    "version",
]


def hash_code(code: str) -> str:
    return crypto.keyed_digest(settings.TOKEN_HASH_KEY, code.strip().upper())


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_rating_code() -> str:
    # 32 symbols divide 256 evenly, so each byte picks one without bias.
    return "".join(CODE_ALPHABET[b % 32] for b in secrets.token_bytes(8))


@dataclass
class NewCase:
    """What intake knows about a case before it exists (already validated by the kind's intake)."""

    jurisdiction: Jurisdiction
    kind: str
    title: str
    description: str
    channel: str
    fields: dict[str, Any]  # further Case fields: urgency, category, grid, lat, lng, address, reporter …


def _actor_name(user: User | None) -> str:
    if user is None:
        return str(_("反映人"))
    return str(user)[:60]


def _save_files(case: Case, action: Action, files: list[CheckedFile], user: User | None) -> list[Attachment]:
    saved = []
    for f in files:
        att = Attachment.objects.create(
            case=case,
            action=action,
            file=f.upload,
            name=f.name,
            content_type=f.content_type,
            size=f.size,
            uploaded_by=user if user and user.pk else None,
        )
        filestore.track(att.file)  # removed again if the case's transaction rolls back
        saved.append(att)
    return saved


def create_case(
    new: NewCase,
    *,
    acting_user: User | None,
    files: list[UploadedFile] | None = None,
    now: datetime | None = None,
) -> tuple[Case, str]:
    """Register a case in its kind's initial state. Returns the case and the reporter's code."""
    kind = get_kind(new.kind)
    checked = check_files(files or [])
    now = now or timezone.now()
    code = new_rating_code()
    # Everything but the number is built before the write lock is taken: on SQLite the
    # IMMEDIATE transaction serialises writers, so it holds only the statements themselves.
    creator = acting_user if acting_user and acting_user.pk else None
    case = Case(
        jurisdiction=new.jurisdiction,
        kind=kind.code,
        title=new.title,
        description=new.description,
        channel=new.channel,
        state=kind.initial,
        created_by=creator,
        created_at=now,
        rating_code_hash=hash_code(code),
        **new.fields,
    )
    action = Action(
        verb="report",
        to_state=case.state,
        actor=creator,
        actor_name=_actor_name(acting_user) if acting_user else (case.reporter_name or _actor_name(None)),
        at=now,
        data={"channel": case.channel},
    )
    prefix = kind.number_prefix or new.jurisdiction.case_prefix
    case_row = rows.Prepared(case, later=("number",))
    action_row = rows.Prepared(action, later=("case",))
    with filestore.atomic():
        seq = next_value(new.jurisdiction.pk, f"case:{kind.code}", now.year)
        case.number = f"{prefix}{now.year}{seq:07d}"
        case_row.insert()
        action.case = case
        action_row.insert()
        _save_files(case, action, checked, acting_user)
        rows.insert(
            audit.entry(case, "create", acting_user=acting_user, after=audit.snapshot(case, AUDIT_FIELDS))
        )
    return case, code


def perform(
    case_id: int,
    action: str,
    *,
    acting_user: User | None,
    payload: dict[str, Any] | None = None,
    note: str = "",
    expected_version: int | None = None,
    files: list[UploadedFile] | None = None,
    reporter_code: str | None = None,
    now: datetime | None = None,
) -> Case:
    """Apply one transition of the case's kind, or refuse it and change nothing.

    The caller has already checked that the user may *read* the case (404 otherwise);
    here we check that the transition exists from the current state and that one of the
    user's roles may perform it in a scope covering the case (409 otherwise).
    """
    payload = payload or {}
    note = (note or "").strip()
    now = now or timezone.now()
    checked = check_files(files or [])
    with filestore.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None:
            raise NotFound(_("案件不存在。"))
        kind = get_kind(case.kind)
        transition = kind.find(case.state, action)
        if transition is None:
            raise IllegalTransition(
                _("当前状态“%(state)s”下不能执行“%(action)s”。")
                % {
                    "state": kind.state(case.state).label,
                    "action": kind.action_labels.get(action, action),
                }
            )
        extension = kind.extension_of(case)
        reason = permissions.refusal(transition, case, extension)
        if reason is not None:
            # The transition's guard: not for this case now (an extension already pending, a
            # petition that is no backlog case): the page shows no button, the API says why.
            raise IllegalTransition(reason, code="not_applicable")
        by_reporter = reporter_code is not None and REPORTER in transition.roles
        if by_reporter:
            if not case.rating_code_hash or not hmac.compare_digest(
                case.rating_code_hash, hash_code(reporter_code or "")
            ):
                raise IllegalTransition(_("评价码不正确。"), code="bad_code")
        elif not permissions.may_perform(acting_user, case, transition, extension):
            raise Forbidden(_("您无权对此案件执行“%(action)s”。") % {"action": transition.label})
        if expected_version is not None and expected_version != case.version:
            raise StaleVersion(_("该案件已被他人更新，请刷新后重试。"))
        if transition.needs_note and not note:
            raise InvalidInput(_("请填写“%(action)s”的说明。") % {"action": transition.label}, field="note")
        if checked and not transition.allows_files:
            raise InvalidInput(_("此操作不能上传附件。"), field="files")
        before = audit.snapshot(case, AUDIT_FIELDS)
        from_state = case.state
        ctx = EffectContext(acting_user=acting_user, now=now, note=note, extension=extension)
        effect = kind.effects.get(action)
        ext_before = audit.snapshot(extension, kind.extension_fields()) if extension is not None else {}
        if effect is not None:
            effect(case, payload, ctx)
        if transition.target is not None:
            case.state = transition.target
        case.version += 1
        case.save()
        entry = Action.objects.create(
            case=case,
            verb=action,
            from_state=from_state,
            to_state=case.state,
            actor=acting_user if acting_user and acting_user.pk else None,
            actor_name=_actor_name(None if by_reporter else acting_user),
            department_id=ctx.data.get("department", case.department_id),
            at=now,
            note=note,
            data=ctx.data,
        )
        _save_files(case, entry, checked, acting_user)
        audit.record(
            case, action, acting_user=acting_user, before=before, after=audit.snapshot(case, AUDIT_FIELDS)
        )
        if extension is not None:
            _audit_extension(kind, extension, ext_before, action, acting_user, case.jurisdiction_id)
    return case


def _audit_extension(
    kind: CaseKind, row: Model, before: dict[str, Any], action: str, user: User | None, jurisdiction_id: int
) -> None:
    """What the transition's effect changed in the kind's own row, as its own audit entry. The
    effects change and save this very object (`ctx.extension`), so no second read is needed."""
    after = audit.snapshot(row, kind.extension_fields())
    changed = [name for name in after if after[name] != before.get(name)]
    if changed:
        audit.record(
            row,
            action,
            acting_user=user,
            before={n: before.get(n) for n in changed},
            after={n: after[n] for n in changed},
            jurisdiction_id=jurisdiction_id,
        )


def find_by_code(jurisdiction_id: int | None, number: str, code: str) -> Case:
    """The public rating page: a reporter finds their case by number and the code they kept."""
    qs = Case.objects.filter(number=number.strip(), rating_code_hash=hash_code(code))
    if jurisdiction_id is not None:
        qs = qs.filter(jurisdiction_id=jurisdiction_id)
    case = qs.first()
    if case is None:
        raise NotFound(_("案件编号或评价码不正确。"))
    return case
