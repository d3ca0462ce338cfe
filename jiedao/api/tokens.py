"""API tokens: random secrets shown once; stored and checked as a keyed HMAC (one hash per request)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction

from jiedao.core import audit
from jiedao.core.models import ApiToken, User

PREFIX = "jd_"


def hash_token(raw: str) -> str:
    return hmac.new(settings.TOKEN_HASH_KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()


def create_token(*, acting_user: User | None, user: User, name: str = "") -> str:
    raw = PREFIX + secrets.token_urlsafe(30)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name[:60], key_hash=hash_token(raw), prefix=raw[:8])
        audit.record(token, "create", acting_user=acting_user, after={"user": user.pk, "name": token.name})
    return raw


def user_for_token(raw: str) -> User | None:
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    try:
        token = ApiToken.objects.select_related("user").get(
            key_hash=hash_token(raw), revoked=False, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    return token.user
