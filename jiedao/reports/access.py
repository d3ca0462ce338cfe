"""Who may generate and read year-end reports: leaders and admins, in their own jurisdictions
(a superuser: in every one). The pages and the API read reports only through here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from jiedao.core import acting
from jiedao.core.models import Jurisdiction, Role, User
from jiedao.reports.models import GeneratedReport

ROLES = (Role.LEADER, Role.ADMIN)


def report_jurisdictions(user: User) -> list[Jurisdiction]:
    """The jurisdictions whose reports `user` may generate and read (empty: none)."""
    return acting.jurisdictions(user, ROLES)


def chosen(user: User, code: str | None) -> Jurisdiction | None:
    """The jurisdiction named by `code` among the user's; without a code, the one they act in."""
    if code:
        return next((j for j in report_jurisdictions(user) if j.code == code), None)
    return acting.acting_jurisdiction(user, ROLES)


def readable_reports(user: User) -> QuerySet[GeneratedReport]:
    """The generated reports of the jurisdictions whose reports `user` reads."""
    return GeneratedReport.objects.filter(jurisdiction_id__in=acting.jurisdiction_ids(user, ROLES))


def report_by_id(user: User, pk: Any) -> GeneratedReport:
    """One readable report; 404 for a missing one and another jurisdiction's alike."""
    found = readable_reports(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
