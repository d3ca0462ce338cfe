"""Reads of goals rows, each inside the jurisdiction `access.jurisdiction_for` let the request
read (the one asked for, else the one the user acts in). Pages and the API read here and never
filter by jurisdiction themselves (ARCHITECTURE rule 4)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from jiedao.core.models import Jurisdiction
from jiedao.goals.models import ManualValue, Proposal

M = TypeVar("M", bound=models.Model)

# How a row reaches its jurisdiction, where it has none of its own.
VIA: dict[type[models.Model], str] = {Proposal: "plan__jurisdiction", ManualValue: "indicator__jurisdiction"}


def rows(jur: Jurisdiction, model: type[M]) -> models.QuerySet[M]:
    """The rows of `model` in `jur`."""
    return model._default_manager.filter(**{VIA.get(model, "jurisdiction"): jur})


def row(jur: Jurisdiction, model: type[M], *, related: tuple[str, ...] = (), **lookup: Any) -> M:
    """The one row of `model` in `jur` matching `lookup`; 404 for a missing one, one of another
    jurisdiction and a malformed key alike."""
    try:
        found = rows(jur, model).select_related(*related).filter(**lookup).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise Http404
    return found
