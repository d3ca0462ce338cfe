"""English is available: key event pages switch language, and the English catalogue is complete."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

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
