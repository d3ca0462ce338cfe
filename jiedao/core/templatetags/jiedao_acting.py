"""The navigation's jurisdiction picker: drawn only for a user who may act in more than one."""

from __future__ import annotations

from typing import Any

from django import template

from jiedao.core import acting

register = template.Library()


@register.simple_tag(takes_context=True)
def acting_choices(context: template.Context) -> dict[str, Any] | None:
    """{"current": the acting jurisdiction, "choices": every one the user may act in}, or None
    when there is nothing to choose."""
    request = context.get("request")
    user = getattr(request, "user", None)
    choices = acting.jurisdictions(user)
    if len(choices) < 2:
        return None
    return {"current": acting.acting_jurisdiction(user), "choices": choices}
