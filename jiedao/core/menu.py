"""Menu entries contributed by apps (rule 9: a kind adds its pages without editing base.html).

An app calls `register_menu(MenuEntry(...))` in its `AppConfig.ready()`. An entry's `group` says
where it sits: a dropdown of that label (e.g. _("信访调解")), a link on the navigation bar itself
(`BAR`), or a button beside the signed-in user's name (`ACCOUNT`). On the workbench an app adds
buttons under 常用功能 with `register_shortcut(Shortcut(...))` and a panel loaded in place (its
to-do list) with `register_panel(Panel(...))`. Entries are drawn by `order`, whoever registered
them first.

Each place shows the entries whose page would serve the signed-in user: the roles the page's view
declares (`jiedao.core.access`), and the entry's own roles when it gives any.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from jiedao.core.access import may_open_path

if TYPE_CHECKING:
    from jiedao.core.scope import Scope


# An entry whose roles are those its page declares (`jiedao.core.access.page_access`).
FROM_VIEW = None
# An entry for every signed-in user, whatever their roles (a page that declares no access).
EVERYONE: frozenset[str] = frozenset()

# Groups that are no dropdown: the navigation bar's own links, and the buttons by the user's name.
BAR = "jiedao.menu.bar"
ACCOUNT = "jiedao.menu.account"


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Promise | str
    roles: frozenset[str] | None  # FROM_VIEW: the page's own declaration decides
    group: Promise | str  # the dropdown the entry sits in, e.g. _("信访调解"); or BAR, ACCOUNT
    order: int = 100


@dataclass(frozen=True)
class Shortcut:
    """A button under the workbench's 常用功能, for those its page serves."""

    url_name: str
    label: Promise | str
    order: int = 100
    primary: bool = False  # the main thing to do, drawn filled
    roles: frozenset[str] | None = FROM_VIEW


@dataclass(frozen=True)
class Panel:
    """A page the workbench loads in place (htmx) above the shortcuts, e.g. a kind's to-do list."""

    url_name: str
    order: int = 100
    roles: frozenset[str] | None = FROM_VIEW


@dataclass(frozen=True)
class MenuLink:
    url: str
    label: Promise | str
    primary: bool = False


@dataclass(frozen=True)
class MenuGroup:
    label: Promise | str
    links: list[MenuLink]


class _Placed(Protocol):
    @property
    def url_name(self) -> str: ...
    @property
    def roles(self) -> frozenset[str] | None: ...
    @property
    def order(self) -> int: ...


P = TypeVar("P", bound=_Placed)

_ENTRIES: list[MenuEntry] = []
_SHORTCUTS: list[Shortcut] = []
_PANELS: list[Panel] = []


def _add(into: list[P], items: Iterable[P]) -> None:
    for item in items:
        if all(e.url_name != item.url_name for e in into):
            into.append(item)


def register_menu(*entries: MenuEntry) -> None:
    _add(_ENTRIES, entries)


def register_shortcut(*shortcuts: Shortcut) -> None:
    _add(_SHORTCUTS, shortcuts)


def register_panel(*panels: Panel) -> None:
    _add(_PANELS, panels)


def _shown(scope: Scope | None, items: Iterable[P]) -> list[tuple[P, str]]:
    """(item, url) of the items this user may open, by order (stable: registration order)."""
    if scope is None or not scope.user_id:
        return []
    out: list[tuple[P, str]] = []
    for item in sorted(items, key=lambda i: i.order):
        if item.roles and not scope.has(*item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if may_open_path(scope, url):  # else the page itself would refuse the user
            out.append((item, url))
    return out


Shown = list[tuple["MenuEntry", str]]


def entries_shown(scope: Scope | None) -> Shown:
    """The menu entries this user may open, with their URLs: worked out once per page and handed
    to `menu_for` and `links_for`."""
    return _shown(scope, _ENTRIES)


def menu_for(scope: Scope | None, shown: Shown | None = None) -> list[MenuGroup]:
    """The dropdown groups and links this user may open, groups in registration order."""
    groups: dict[str, tuple[Promise | str, list[MenuLink]]] = {}
    for entry in _ENTRIES:  # the groups' order: that of their first registered entry
        if entry.group not in (BAR, ACCOUNT):
            groups.setdefault(str(entry.group), (entry.group, []))
    for entry, url in entries_shown(scope) if shown is None else shown:
        if entry.group not in (BAR, ACCOUNT):
            groups[str(entry.group)][1].append(MenuLink(url, entry.label))
    return [MenuGroup(label, links) for label, links in groups.values() if links]


def links_for(scope: Scope | None, group: str, shown: Shown | None = None) -> list[MenuLink]:
    """The links of one place that is no dropdown (BAR, ACCOUNT) this user may open."""
    entries = entries_shown(scope) if shown is None else shown
    return [MenuLink(url, e.label) for e, url in entries if e.group == group]


def shortcuts_for(scope: Scope | None) -> list[MenuLink]:
    return [MenuLink(url, s.label, s.primary) for s, url in _shown(scope, _SHORTCUTS)]


def panels_for(scope: Scope | None) -> list[str]:
    """The URLs of the panels the workbench loads for this user."""
    return [url for _, url in _shown(scope, _PANELS)]
