"""English is available: key event pages switch language, and the English catalogue is complete."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from jiedao.cases import actions
from jiedao.cases.models import Action, Case
from jiedao.cases.rules import available_profiles, get_profile
from jiedao.core.models import Category, Community, Department, Grid, Jurisdiction, Platform, User
from jiedao.documents.models import IssuedDocument
from jiedao.events.snapshots import refresh_snapshots
from jiedao.mediation.models import Dispute, DisputeType, Party, Room, Session
from jiedao.petitions.categories import all_categories
from jiedao.petitions.models import Petitioner
from tests.events.conftest import new_event
from tests.petitions.helpers import register, to_reply

Login = Callable[[str], Client]

EN_PO = Path(settings.BASE_DIR) / "jiedao" / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Apps keep their own catalogues (jiedao/<app>/locale/); every one must be complete.
APP_POS = sorted((Path(settings.BASE_DIR) / "jiedao").glob("*/locale/en/LC_MESSAGES/django.po"))


def _in_english(client: Client, path: str) -> str:
    response = client.post("/i18n/setlang/", {"language": "en", "next": path}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_event_list_renders_in_english(login_as: Login) -> None:
    page = _in_english(login_as("dispatcher"), "/events/")
    assert '<html lang="en">' in page
    for text in ("Report an event", "Handling department", "Search", "Clear"):
        assert text in page
    assert "处置部门" not in page
    assert "清空" not in page


def test_event_intake_form_renders_in_english(login_as: Login) -> None:
    page = _in_english(login_as("grid_worker"), "/events/new/")
    for text in ("Event description", "Reporter", "Submit report", "Take a photo"):
        assert text in page
    assert "提交上报" not in page
    assert "事件描述" not in page


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# The language switcher names each language in itself (中文), as switchers do.
LANGUAGE_NAMES = ("中文",)


class _VisibleText(HTMLParser):
    """The text a reader sees: element text, the title/aria-label/placeholder/alt attributes, and
    the JSON a chart draws (json_script); not code, styles or the <title> of other scripts."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._json = tag == "script" and values.get("type") == "application/json"
            self._hidden += 0 if self._json else 1
        self.parts.extend(v for k, v in attrs if k in self.ATTRIBUTES and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            if self._json:
                self._json = False
            else:
                self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if self._json:
            self.parts.extend(_strings(json.loads(data)))
        elif not self._hidden:
            self.parts.append(data)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def chinese_left(page: str, data: Iterable[str]) -> list[str]:
    """The runs of Han characters on the page once the known user and configuration data is gone."""
    parser = _VisibleText()
    parser.feed(page)
    text = "\n".join(parser.parts)
    for value in sorted({d for d in data if d}, key=len, reverse=True):
        text = text.replace(value, " ")
    return sorted(set(HAN.findall(text)))


def jurisdiction_data(jurisdiction: Jurisdiction) -> list[str]:
    """Names that are data (people, places, departments, configured platforms, categories, rooms,
    rule profiles) and what users wrote on cases: these stay as entered, in any language."""
    values: list[str] = [jurisdiction.name, *LANGUAGE_NAMES]
    for model in (Community, Grid, Department, Platform, Category, Room):
        values += model.objects.filter(jurisdiction=jurisdiction).values_list("name", flat=True)
    values += User.objects.values_list("display_name", flat=True)
    for case in Case.objects.filter(jurisdiction=jurisdiction):
        values += [case.title, case.description, case.result, case.address, case.number]
        values += [case.reporter_name, case.rating_note, case.extension_reason]
    values += Action.objects.values_list("note", flat=True)
    for p in Petitioner.objects.all():
        values += [p.name, p.address]
    values += [str(get_profile(code).label) for code in available_profiles()]
    values += [c.name for c in all_categories()]  # 信访 content categories: config/petitions/
    values += Room.objects.filter(jurisdiction=jurisdiction).values_list("brand", flat=True)
    values += DisputeType.objects.filter(jurisdiction=jurisdiction).values_list("name", flat=True)
    for d in Dispute.objects.filter(case__jurisdiction=jurisdiction):
        values += [d.request, d.agreement_terms, d.court_result]
    for party in Party.objects.filter(dispute__case__jurisdiction=jurisdiction):
        values += [party.name, party.address]
    for s in Session.objects.filter(dispute__case__jurisdiction=jurisdiction):
        values += [s.place, s.attendees, s.record, s.mediator_name]
    values += IssuedDocument.objects.filter(jurisdiction=jurisdiction).values_list("number", flat=True)
    return values


@pytest.fixture
def walked(users: dict[str, User], jurisdiction: Jurisdiction, grids: dict[str, Grid]) -> dict[str, Case]:
    """An event taken through its whole life (extension, supervision, rating, archive) and a
    petition answered, as the Chinese-speaking staff do it."""
    category = Category.objects.filter(jurisdiction=jurisdiction, children__isnull=True).first()
    assert category is not None
    event, _code = new_event(jurisdiction, users["grid_worker"], grids["G1"], category=category.pk)
    department = Department.objects.get(jurisdiction=jurisdiction, code="enforcement")
    steps: list[tuple[str, str, dict[str, Any], str]] = [
        ("accept", "dispatcher", {}, ""),
        ("dispatch", "dispatcher", {"department": department.pk}, ""),
        ("sign", "handler", {}, ""),
        ("start", "handler", {}, ""),
        ("request_extension", "handler", {"days": 2}, "需等待配件"),
        ("approve_extension", "leader", {}, ""),
        ("supervise", "leader", {}, "请加快处理"),
        ("resolve", "handler", {"result": "已更换灯泡"}, ""),
        ("verify", "grid_worker", {}, ""),
        ("rate", "dispatcher", {"rating": 3, "rating_note": "满意"}, ""),
        ("archive", "dispatcher", {}, ""),
    ]
    for action, who, payload, note in steps:
        actions.perform(event.pk, action, acting_user=users[who], payload=payload, note=note)
    now = timezone.now()
    petition = register(users, jurisdiction, now)
    to_reply(users, petition, now, now)
    return {"event": event, "petition": petition}


def _english_page(client: Client, path: str, jurisdiction: Jurisdiction) -> str:
    """The Chinese left on the English page, joined ("" when there is none)."""
    page = _in_english(client, path)
    assert '<html lang="en">' in page
    return " ".join(chinese_left(page, jurisdiction_data(jurisdiction)))


def test_the_helper_finds_chinese_outside_the_data() -> None:
    page = (
        '<nav><a title="工作台">Home</a></nav><main><h1>王网格</h1><p>Reported by 王网格 · 待受理</p>'
        '<script>var x = "代码";</script><script type="application/json">{"label": "已受理"}</script></main>'
    )
    assert chinese_left(page, ["王网格"]) == ["工作台", "已受理", "待受理"]


def test_event_dashboard_is_english_even_from_a_snapshot_counted_in_chinese(
    walked: dict[str, Case], login_as: Login, jurisdiction: Jurisdiction
) -> None:
    assert refresh_snapshots() > 0  # the task worker counts in the default language (zh-Hans)
    for period in ("30d", "year", "all"):
        assert _english_page(login_as("leader"), f"/events/dashboard/?period={period}", jurisdiction) == ""
    data = login_as("leader").get("/events/dashboard/data.json", headers={"accept-language": "en"}).json()
    assert {r["label"] for r in data["by_time_status"]} >= {"On time", "Overdue"}


@pytest.mark.parametrize("path", ["/petitions/figures/", "/mediation/workload/", "/"])
def test_figures_pages_are_english(
    path: str, walked: dict[str, Case], login_as: Login, jurisdiction: Jurisdiction
) -> None:
    assert _english_page(login_as("leader"), path, jurisdiction) == ""


def test_event_and_petition_timelines_are_english(
    walked: dict[str, Case], login_as: Login, jurisdiction: Jurisdiction
) -> None:
    for case in walked.values():
        path = f"/{'events' if case.kind == 'event' else 'petitions'}/{case.pk}/"
        assert _english_page(login_as("dispatcher"), path, jurisdiction) == ""


def read_po(path: Path) -> list[dict[str, Any]]:
    """The entries of a .po file: msgid, msgstr (plural forms as a list) and flags."""
    entries: list[dict[str, Any]] = []
    entry: dict[str, Any] = {}
    key = ""

    def close() -> None:
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
        elif line.startswith("#~"):
            continue  # obsolete entries are not compiled
        elif line.startswith("#,"):
            entry["flags"] = {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = entry[key]
            text = ast.literal_eval(line)
            if isinstance(value, list):
                value[-1] += text
            else:
                entry[key] = value + text
        else:
            keyword, _, rest = line.partition(" ")
            text = ast.literal_eval(rest)
            if keyword.startswith("msgstr["):
                entry.setdefault("msgstr", [])
                entry["msgstr"].append(text)
                key = "msgstr"
            else:
                if keyword == "msgid" and "msgid" in entry:
                    close()
                entry[keyword] = text
                key = keyword
    close()
    return entries


def test_po_reader_reads_continued_and_plural_entries(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy\nmsgid "甲"\nmsgstr "A"\n\n'
        'msgid ""\n"乙"\n"丙"\nmsgstr ""\n\n'
        'msgid "件"\nmsgid_plural "件"\nmsgstr[0] "item"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    header, fuzzy, split, plural = read_po(po)
    assert header["msgstr"] == "Language: en\n"
    assert fuzzy["flags"] == {"fuzzy"}
    assert (split["msgid"], split["msgstr"]) == ("乙丙", "")
    assert plural["msgstr"] == ["item", ""]


def _forms(msgstr: object) -> list[object]:
    return msgstr if isinstance(msgstr, list) else [msgstr]


@pytest.mark.parametrize("po", [EN_PO, *APP_POS], ids=["en", *(p.parts[-5] for p in APP_POS)])
def test_every_message_has_an_english_translation(po: Path) -> None:
    entries = [e for e in read_po(po) if e["msgid"] != ""]
    assert entries, "the English catalogue is empty"
    untranslated = [e["msgid"] for e in entries if "" in _forms(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", set())]
    assert not untranslated, f"untranslated msgids: {untranslated}"
    assert not fuzzy, f"fuzzy msgids: {fuzzy}"
