"""Menu entries contributed by apps (rule 9: a kind adds its pages without editing base.html).

An app calls `register_menu(MenuEntry(...))` in its `AppConfig.ready()`; the navigation bar
shows, per group, the entries whose page would serve the signed-in user: the roles the page's view
declares (`jiedao.core.access`), and the entry's own roles when it gives any.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from jiedao.core.access import may_open

if TYPE_CHECKING:
    from jiedao.core.scope import Scope


# An entry whose roles are those its page declares (`jiedao.core.access.page_access`).
FROM_VIEW = None


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Promise | str
    roles: frozenset[str] | None  # FROM_VIEW: the page's own declaration decides
    group: Promise | str  # the dropdown the entry sits in, e.g. _("信访调解")
    order: int = 100


@dataclass(frozen=True)
class MenuLink:
    url: str
    label: Promise | str


@dataclass(frozen=True)
class MenuGroup:
    label: Promise | str
    links: list[MenuLink]


_ENTRIES: list[MenuEntry] = []


def register_menu(*entries: MenuEntry) -> None:
    for entry in entries:
        if all(e.url_name != entry.url_name for e in _ENTRIES):
            _ENTRIES.append(entry)


def menu_for(scope: Scope | None) -> list[MenuGroup]:
    """The groups and links this user may open, in registration order of groups."""
    if scope is None or not scope.user_id:
        return []
    groups: dict[str, tuple[Promise | str, list[tuple[int, MenuLink]]]] = {}
    for entry in _ENTRIES:
        if entry.roles is not None and not scope.has(*entry.roles):
            continue
        if not may_open(scope, entry.url_name):  # the page itself would refuse the user
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        key = str(entry.group)
        groups.setdefault(key, (entry.group, []))[1].append((entry.order, MenuLink(url, entry.label)))
    return [
        MenuGroup(label, [link for _, link in sorted(links, key=lambda pair: pair[0])])
        for label, links in groups.values()
    ]
