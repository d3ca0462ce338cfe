"""A kind's surface, declared once beside its transition table: list columns and filters, the
detail page's sections, intake, and what its API adds to the shared case schemas. From this
declaration cases/ builds the kind's pages (cases/views.py), routes (cases/routes.py) and API
router (cases/api.py); a kind writes no view, router or list template of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest
    from ninja import Schema

    from jiedao.cases.models import Case
    from jiedao.core.models import User


class CaseFilter(Protocol):
    """A kind's list filter (a dataclass): `Filter.parse(params)` reads query parameters (a
    page's or the API's) leniently; a bad value narrows nothing rather than failing."""

    def condition(self) -> Q: ...  # what it narrows to (the workbench's counts use it)

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]: ...

    def as_query(self) -> dict[str, str]: ...


@dataclass(frozen=True)
class Column:
    """One column of a kind's list. `show` is "number" or "title" (a link to the case), "state"
    or "time" (a badge), "created" (the time reported) or "text" (`value(case)`). `badges(case)`
    gives (label, css class) pairs drawn after the cell's content (a title's flags)."""

    header: Promise | str
    show: str = "text"
    value: Callable[[Case], Any] | None = None
    css: str = ""  # e.g. "d-none d-md-table-cell": hidden on a phone, where rows become cards
    badges: Callable[[Case], list[tuple[str, str]]] | None = None


NUMBER = Column(_("编号"), "number", css="text-nowrap")
TITLE = Column(_("标题"), "title")
STATE = Column(_("状态"), "state")
TIME = Column(_("时效"), "time")


def created(header: Promise | str) -> Column:
    return Column(header, "created", css="small text-nowrap")


def text(header: Promise | str, value: Callable[[Case], Any], css: str = "small") -> Column:
    return Column(header, "text", value, css)


@dataclass(frozen=True)
class Listing:
    filter: type[Any]  # a dataclass with `parse(params)`; its fields are the API's list parameters
    form: Callable[[dict[str, str], User], forms.Form]  # the filter controls (initial, user)
    columns: Sequence[Column]
    empty: Promise | str  # what an empty result says
    related: tuple[str, ...] = ()  # select_related for the columns (no query per row)
    order: tuple[str, ...] = ("-created_at", "-id")
    # Named narrowings with a page of their own (e.g. "overdue": /petitions/overdue/): the query
    # parameters they set and the title they show.
    presets: dict[str, tuple[dict[str, str], Promise | str]] = field(default_factory=dict)
    # The kind's other pages beside the intake button (URL name, label), shown to who may open them.
    links: tuple[tuple[str, Promise | str], ...] = ()
    # What a narrowing means, said under the heading while its query parameter is set.
    notes: dict[str, Promise | str] = field(default_factory=dict)
    # A line saying what narrows the list beyond its controls (the parsed filter → text, or "").
    note: Callable[[Any], str] | None = None


CREATED = _("已登记 %(n)s。")
REGISTER = _("登记")


@dataclass(frozen=True)
class Intake:
    """How a case of the kind comes in, on the page and over the API."""

    roles: tuple[str, ...]
    template: str  # the intake page; gets `form_context(request, data)` and `error`, `error_field`
    form_context: Callable[[HttpRequest, Any], dict[str, Any]]
    submit: Callable[[HttpRequest], tuple[Case, str | None]]  # the page's POST; a reporter code or None
    schema: type[Schema]  # the API body
    create: Callable[[User, dict[str, Any]], tuple[Case, str | None]]  # the API's POST
    check: Callable[[Any], bool] | None = None  # a further condition on the scope (page_access)
    denied: Promise | str = ""
    created_message: Promise | str = CREATED
    button: Promise | str = REGISTER  # the list page's button to the intake page
    rate_page: str = ""  # the URL name of the public page where a reporter rates with their code


@dataclass(frozen=True)
class ApiPart:
    """What the kind's API adds to the shared item and detail: a typed object under `extension`."""

    schema: type[Schema]
    dump: Callable[[Case, Any], dict[str, Any]]  # (case, extension row) → the schema's fields


@dataclass(frozen=True)
class Surface:
    kind: str
    slug: str  # the URL namespace, page path (/events/) and API prefix (/api/events)
    title: Promise | str  # the list page's heading
    listing: Listing
    detail_template: str  # extends cases/detail.html and fills its blocks
    intake: Intake | None = None
    # The detail page's own context: (case, extension row, user) → further names.
    detail_context: Callable[[Case, Any, User], dict[str, Any]] | None = None
    # Extra lines a kind writes under its timeline entries: action data → lines.
    timeline_details: Callable[[dict[str, Any]], list[str]] | None = None
    # How the extension row is read for the detail page and API (related rows with it).
    extension_related: tuple[str, ...] = ()
    extension_prefetch: tuple[str, ...] = ()
    api_item: ApiPart | None = None
    api_detail: ApiPart | None = None
    tags: Sequence[str] = ()


_SURFACES: dict[str, Surface] = {}


def register_surface(surface: Surface) -> Surface:
    _SURFACES[surface.kind] = surface
    return surface


def surface_of(kind: str) -> Surface:
    return _SURFACES[kind]


def all_surfaces() -> list[Surface]:
    return list(_SURFACES.values())
