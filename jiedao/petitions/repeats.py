"""Repeat petitions: the same petitioner (blind index of ID number or phone) on the same matter.

Suggested at intake from identity and text similarity (Jaccard over jieba tokens); a strong match
is linked automatically, always to the matter's first petition so the chain is counted in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q

from jiedao.nlp.segment import lcut
from jiedao.petitions.models import Petition, Petitioner

LOOKBACK = timedelta(days=730)
LINK_SIMILARITY = 0.25  # same person and at least this similar (or same category): the same matter
SHOW_SIMILARITY = 0.12
LIMIT = 5
_STOP = set("的了和与及或在是有对为把被向从就也都而并但这那其之于以等请要求我们你们他们反映问题情况")


def tokens(text: str) -> set[str]:
    return {t for t in lcut(text) if len(t.strip()) >= 2 and t not in _STOP}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass(frozen=True)
class Suggestion:
    petition_id: int
    number: str
    title: str
    created_at: datetime
    similarity: float
    same_person: bool
    same_category: bool
    root_id: int

    @property
    def strong(self) -> bool:
        return self.same_person and (self.similarity >= LINK_SIMILARITY or self.same_category)

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def suggest(
    jurisdiction_id: int,
    *,
    indexes: set[str],
    text: str,
    category: str,
    now: datetime,
    exclude: int | None = None,
) -> list[Suggestion]:
    """Earlier petitions that may be the same matter, best first (2 queries at most)."""
    mine = tokens(text)
    since = now - LOOKBACK
    people = set()
    indexes = {i for i in indexes if i}
    if indexes:
        people = set(
            Petitioner.objects.filter(
                Q(id_number_bidx__in=indexes) | Q(phone_bidx__in=indexes),
                jurisdiction_id_ref=jurisdiction_id,
                petition__case__created_at__gte=since,
            ).values_list("petition_id", flat=True)
        )
    candidates = Petition.objects.filter(case__jurisdiction_id=jurisdiction_id, stage="initial").filter(
        pk__in=people
    ) | Petition.objects.filter(
        case__jurisdiction_id=jurisdiction_id,
        stage="initial",
        content_category=category,
        case__created_at__gte=now - timedelta(days=180),
    )
    rows = candidates.exclude(pk=exclude or 0).values_list(
        "pk", "case__number", "case__title", "case__created_at", "tokens", "content_category", "repeat_of_id"
    )[:500]
    out = []
    for pk, number, title, created, toks, cat, root in rows:
        similarity = jaccard(mine, set(toks.split()))
        same_person = pk in people
        if not same_person and similarity < 0.5:
            continue  # a stranger's petition is only suggested when nearly the same text
        if same_person and similarity < SHOW_SIMILARITY and cat != category:
            continue
        out.append(
            Suggestion(pk, number, title, created, similarity, same_person, cat == category, root or pk)
        )
    out.sort(key=lambda s: (s.same_person, s.similarity, s.created_at), reverse=True)
    return out[:LIMIT]


def auto_link(suggestions: list[Suggestion]) -> Suggestion | None:
    """The suggestion intake links without asking: the same person on (very likely) the same matter."""
    return next((s for s in suggestions if s.strong), None)
