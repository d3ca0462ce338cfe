"""Navigation tags: links to pages of apps that may not be installed (yet) never break a page."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from jiedao.core import access

register = template.Library()

UNRESOLVED = "#"


@register.simple_tag
def nav_url(name: str, *args: object) -> str:
    """`reverse(name, args)` or "#" when the URL name does not exist."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return UNRESOLVED


@register.simple_tag(takes_context=True)
def nav_active(context: template.Context, url: str) -> str:
    """ "active" when `url` is the current page or one of its records (`<url><id>/...`).

    Sibling pages under the same prefix (/events/new/, /events/dashboard/ under /events/) are
    entries of their own, so they do not light up the list they happen to sit under.
    """
    request = context.get("request")
    if request is None or url == UNRESOLVED:
        return ""
    path: str = request.path
    if path == url:
        return "active"
    if url == "/" or not path.startswith(url):
        return ""
    return "active" if path[len(url) :].split("/", 1)[0].isdigit() else ""


@register.simple_tag(takes_context=True)
def scope_has(context: template.Context, *roles: str) -> bool:
    """`scope.has(*roles)` for templates: `{% scope_has "dispatcher" "leader" as show %}`."""
    scope = context.get("scope")
    return bool(scope is not None and scope.has(*roles))


@register.simple_tag(takes_context=True)
def scope_reads(context: template.Context, roles_path: str) -> bool:
    """`scope.has(*ROLES)` with the roles a module declares once, e.g.
    `{% scope_reads "jiedao.registry.access.PLACE_READERS" as show %}`: the link follows the
    same tuple the page and the permission filter use (False when the app is not installed)."""
    scope = context.get("scope")
    try:
        roles = import_string(roles_path)
    except ImportError:
        return False
    return bool(scope is not None and scope.has(*roles))


@register.simple_tag(takes_context=True)
def may_open(context: template.Context, name: str, *args: object) -> bool:
    """Whether the page `name` would serve the signed-in user (its view's declared access):
    `{% may_open "petitions:create" as can_register %}`. Links to pages a role would be refused
    are not drawn."""
    return access.may_open(context.get("scope"), name, *args)
