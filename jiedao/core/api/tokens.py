"""API tokens: random secrets shown once; stored and checked as a keyed HMAC (one hash per request)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from jiedao.core import audit, crypto
from jiedao.core.models import ApiToken, Jurisdiction, RoleAssignment, User
from jiedao.core.rows import Reader

PREFIX = "jd_"
# `last_used_at` is written at most this often per token: one UPDATE a minute, not per request.
USE_RECORDED_EVERY = timedelta(minutes=1)
_TOKEN = Reader(ApiToken)
_USER = Reader(User)
_ROLE = Reader(RoleAssignment)
_JURISDICTION = Reader(Jurisdiction)


def hash_token(raw: str) -> str:
    return crypto.keyed_digest(settings.TOKEN_HASH_KEY, raw)


def create_token(*, acting_user: User | None, user: User, name: str = "") -> str:
    raw = PREFIX + secrets.token_urlsafe(30)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name[:60], key_hash=hash_token(raw), prefix=raw[:8])
        audit.record(token, "create", acting_user=acting_user, after={"user": user.pk, "name": token.name})
    return raw


@cache
def _sql() -> str:
    qn = connection.ops.quote_name
    return (
        f"SELECT {_TOKEN.columns('t')}, {_USER.columns('u')}, {_ROLE.columns('ra')},"
        f" {_JURISDICTION.columns('j')}"
        f" FROM {qn(ApiToken._meta.db_table)} t"
        f" JOIN {qn(User._meta.db_table)} u ON u.id = t.user_id"
        f" LEFT JOIN {qn(RoleAssignment._meta.db_table)} ra ON ra.user_id = u.id"
        f" LEFT JOIN {qn(Jurisdiction._meta.db_table)} j ON j.id = ra.jurisdiction_id"
        " WHERE t.key_hash = %s AND t.revoked = %s AND u.is_active = %s ORDER BY ra.id"
    )


def user_for_token(raw: str) -> User | None:
    """The active user holding this unrevoked token, with their role assignments loaded.

    One query per request (the hot path of every API call): the token and user rows and,
    joined, each role assignment with its jurisdiction, which `scope.assignments_of` would
    otherwise read in a second query; plus one UPDATE of `last_used_at` when the last one
    recorded is older than USE_RECORDED_EVERY. Revocation and deactivation take effect on the
    next request.
    """
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    with connection.cursor() as cur:
        cur.execute(_sql(), [hash_token(raw), False, True])
        rows = cur.fetchall()
    if not rows:
        return None
    token = _TOKEN.build(rows[0])
    _record_use(token)
    user = _USER.build(rows[0], _TOKEN.width)
    start = _TOKEN.width + _USER.width
    held: list[RoleAssignment] = []
    for row in rows:
        if row[start] is None:  # no role at all: the LEFT JOIN's single empty row
            continue
        ra = _ROLE.build(row, start)
        ra.jurisdiction = _JURISDICTION.build(row, start + _ROLE.width)
        held.append(ra)
    user._jiedao_assignments = held  # type: ignore[attr-defined]  # the cache scope.assignments_of reads
    return user


def _record_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_RECORDED_EVERY:
        return
    # Guarded, so that concurrent first requests of a minute write it once between them.
    stale = ApiToken.objects.filter(pk=token.pk, last_used_at=token.last_used_at)
    if token.last_used_at is None:
        stale = ApiToken.objects.filter(pk=token.pk, last_used_at__isnull=True)
    stale.update(last_used_at=now)
