"""Reads of tokens: what the staff page and the `token list` command show (never the secret)."""

from __future__ import annotations

from django.db.models import QuerySet

from jiedao.core.models import ApiToken, User


def tokens_of(person: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=person).order_by("revoked", "-created_at", "-pk")


def all_tokens(username: str | None = None) -> QuerySet[ApiToken]:
    """Every token, or one user's, newest first, with its holder (one query)."""
    qs = ApiToken.objects.select_related("user").order_by("-created_at", "-pk")
    return qs.filter(user__username=username) if username else qs
