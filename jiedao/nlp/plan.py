"""Splitting a pasted 工作思路 plan into items.

A plan is written in one of a few shapes: "（一）heading。一是…。二是…。" paragraphs, numbered
clauses ("1.", "2、", "（1）", "①"), or plain sentences under a heading. When the paste holds a
whole year-end report, only the plan part ("二、2023年工作思路") is kept, so that last year's
figures are never proposed as targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十"
# Top-level part: "二、2023年工作思路".
_PART_RE = re.compile(rf"^\s*[{_CN}]+、(?P<title>.*)$")
_PLAN_WORDS = ("思路", "计划", "打算", "目标", "安排", "要点")
_REVIEW_WORDS = ("总结", "回顾", "工作情况", "完成情况", "主要成效", "主要成绩")
# Area heading: "（一）强化核心要素驱动，做强*产业底盘。" — the heading runs to the first 。
# "一、经济发展" inside a plan (the plan's own "二、…工作思路" line is cut off first) is one too.
_AREA_RE = re.compile(rf"^\s*(?:[（(][{_CN}]+[）)]|[{_CN}]+、)\s*(?P<title>[^。\n]*)[。：:]?")
# Item markers inside an area: 一是 / 1. / 1、 / （1） / ①, at the start of the text or of a sentence.
_ITEM_RE = re.compile(
    rf"(?:^|(?<=[。；;：:\n]))\s*(?:[{_CN}]+是|\d{{1,2}}[.、．](?!\d)|[（(]\d{{1,2}}[）)]|[①-⑳])"
)
# A document title before any heading ("2025年工作计划") is not an item.
_PLAN_WORD_RE = "|".join(_PLAN_WORDS)
_TITLE_RE = re.compile(rf"^[^，。；,;]{{0,30}}(?:{_PLAN_WORD_RE})$")
_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")


@dataclass(frozen=True)
class PlanItem:
    """One item of a plan: its running number (from 1), the area heading above it and its text."""

    index: int
    area: str
    text: str


def plan_part(text: str) -> str:
    """The plan part of `text`.

    Only a text that first reviews the year ("一、2022年工作总结") and then plans ("二、2023年工作
    思路") is cut: from the plan heading to the next review heading. A plan on its own keeps all
    its parts ("一、总体目标", "二、重点任务").
    """
    lines = text.splitlines()
    start, reviewed = None, False
    for number, line in enumerate(lines):
        part = _PART_RE.match(line)
        if part is None:
            continue
        if any(word in part["title"] for word in _REVIEW_WORDS):
            if start is not None:
                return "\n".join(lines[start:number])
            reviewed = True
        elif reviewed and start is None and any(word in part["title"] for word in _PLAN_WORDS):
            start = number + 1
    return "\n".join(lines[start:]) if start is not None else text


def _areas(text: str) -> list[tuple[str, str]]:
    """(heading, body) pairs; text before the first heading belongs to an area with no heading."""
    areas: list[tuple[str, str]] = []
    current_title, body = "", list[str]()
    for line in text.splitlines():
        heading = _AREA_RE.match(line)
        if heading:
            if "".join(body).strip():
                areas.append((current_title, "\n".join(body)))
            current_title, body = heading["title"].strip(" ，,"), [line[heading.end() :]]
        else:
            body.append(line)
    if "".join(body).strip():
        areas.append((current_title, "\n".join(body)))
    return areas


def _items(body: str) -> list[str]:
    starts = [m.start() for m in _ITEM_RE.finditer(body)]
    if not starts:
        return [s.strip() for s in _SENTENCE_RE.findall(body) if s.strip(" 。；;\n")]
    chunks = [body[: starts[0]]] if body[: starts[0]].strip() else []
    chunks += [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def split_plan(text: str) -> list[PlanItem]:
    """Items of the plan in reading order, each with the area heading it sits under."""
    items: list[PlanItem] = []
    for area, body in _areas(plan_part(text)):
        for chunk in _items(body):
            if not area and _TITLE_RE.match(chunk):
                continue
            items.append(PlanItem(index=len(items) + 1, area=area, text=chunk))
    return items
