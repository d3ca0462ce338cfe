"""Revoking an API token: the token refuses the very next request (jiedao.core.api.tokens reads
`revoked` on every call); the revocation is audited on the token and on its holder, so it
shows on the person's history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jiedao.core import audit
from jiedao.core.models import ApiToken, User


def revoke_token(*, acting_user: User | None, token: ApiToken, jurisdiction_id: int | None) -> bool:
    """Revoke `token`; False (nothing written) when it already was."""
    with transaction.atomic():
        now = timezone.now()
        if not ApiToken.objects.filter(pk=token.pk, revoked=False).update(revoked=True, revoked_at=now):
            return False
        token.revoked, token.revoked_at = True, now
        facts = {"token": token.pk, "name": token.name}
        for obj in (token, token.user):
            audit.record(
                obj,
                "revoke_token",
                acting_user=acting_user,
                jurisdiction_id=jurisdiction_id,
                before={**facts, "revoked": False},
                after={**facts, "revoked": True},
            )
    return True
