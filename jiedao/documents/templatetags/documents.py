"""`{% case_documents case as panel %}`: the data of the documents panel for the current user."""

from __future__ import annotations

from typing import Any

from django import template

from jiedao.cases.models import Case
from jiedao.documents.queries import CaseDocuments
from jiedao.documents.queries import case_documents as fetch

register = template.Library()


@register.simple_tag(takes_context=True)
def case_documents(context: dict[str, Any], case: Case) -> CaseDocuments:
    request = context.get("request")
    return fetch(getattr(request, "user", None), case)
