"""The 信访 content category tree, as data in config/petitions/categories.json (two levels)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class ContentCategory:
    code: str
    name: str
    parent: str  # "" for a first-level category

    @property
    def label(self) -> str:
        parent = by_code().get(self.parent)
        return f"{parent.name} / {self.name}" if parent else self.name


def _path() -> Path:
    return Path(settings.BASE_DIR) / "config" / "petitions" / "categories.json"


@lru_cache(maxsize=1)
def all_categories() -> tuple[ContentCategory, ...]:
    raw = json.loads(_path().read_text(encoding="utf-8"))
    out: list[ContentCategory] = []
    for top in raw["categories"]:
        out.append(ContentCategory(top["code"], top["name"], ""))
        out.extend(ContentCategory(c["code"], c["name"], top["code"]) for c in top.get("children", []))
    return tuple(out)


@lru_cache(maxsize=1)
def by_code() -> dict[str, ContentCategory]:
    return {c.code: c for c in all_categories()}


def choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in all_categories()]


def label_of(code: str) -> str:
    found = by_code().get(code)
    return found.label if found else code
