"""Targets proposed from a pasted 工作思路 plan (PRODUCT §9 "Plan import").

`extract_targets` reads each item clause by clause ("，" separates clauses, "。；" sentences):
a clause with a quantity ("实现600亩土地顺利征收") gives a quantitative target; a clause that
commits to an outcome without a number ("完成全岛垃圾分类智能化改造", "安全隐患数持续下降")
gives a qualitative one. A time phrase ("9月底前") applies to its clause; one standing as a
clause of its own ("上半年，…") applies to the rest of the sentence. A person confirms every
proposal (goals app).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jiedao.nlp.cues import (
    qualitative_direction,
    qualitative_subject,
    quantity_direction,
    quantity_subject,
)
from jiedao.nlp.deadlines import find_deadline, is_time_phrase
from jiedao.nlp.matching import propose_indicator
from jiedao.nlp.numbers import QuantityMatch, find_quantities, parse_number, plain
from jiedao.nlp.plan import PlanItem, split_plan

__all__ = ["ExtractedTarget", "PlanItem", "extract_targets", "propose_indicator", "split_plan"]

_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE_RE = re.compile(r"[^，,]+")
_ITEM_MARKER_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|\d{1,2}[.、．]|[（(]\d{1,2}[）)]|[①-⑳])")
# A figure that describes something rather than aims at it: "总投资3.2亿元的项目".
_DESCRIPTOR_RE = re.compile(r"(?:总投资|投资额?|总面积|面积|占地|总长|长约|规模|建筑面积)约?$")
# Words that make a clause report the past: such figures are not targets.
_PAST_RE = re.compile(r"今年以来|截至|(?<![较比])(?:去年|上年)|已(?:经|累计|完成|建成|实现|达到)|以来")
_YEAR_RE = re.compile(r"(\d{4})年")
_RANGE_RE = re.compile(r"(?P<low>\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)[至到~～\-－—]$")
# "控制在零增长", "实现零发生": a target of zero.
_ZERO_RE = re.compile(r"零(?:增长|发生|新增)")


@dataclass(frozen=True)
class ExtractedTarget:
    """A proposed target.

    `direction`: for a quantity, how the figure compares — "reach" (完成/实现/达到/新增 N),
    "exceed" (突破/超过), "at_least" (不低于/不少于/N以上), "at_most" (不高于/控制在…以内),
    "increase"/"decrease" (增长 8%, 下降 10%); for a qualitative target, the outcome —
    "complete", "sign", "start", "increase" or "decrease" (持续下降, no number).
    `deadline` is the plan year's end unless the text says otherwise.
    """

    item_index: int
    text: str
    subject: str
    quantity: Decimal | None
    unit: str
    direction: str
    deadline: date | None
    qualitative: bool


def _clauses(item: PlanItem, year: int) -> Iterator[tuple[str, date]]:
    """(clause, deadline) for every clause of an item, its marker ("一是", "1.") removed."""
    marker = _ITEM_MARKER_RE.match(item.text)
    body = item.text[marker.end() :] if marker else item.text
    for sentence in _SENTENCE_RE.findall(body):
        if _PAST_RE.search(sentence) or any(int(y) < year for y in _YEAR_RE.findall(sentence)):
            continue  # "2024年共受理诉求2.3万件，办结率98.6%": last year's figures, not targets
        carried = date(year, 12, 31)
        for clause in _CLAUSE_RE.findall(sentence):
            own = find_deadline(clause, year)
            if own is not None and is_time_phrase(clause):
                carried = own  # "上半年，完成…，实现…": applies to the rest of the sentence
            elif clause.strip():
                yield clause.strip(), own or carried


def _quantitative(item: PlanItem, clause: str, deadline: date) -> list[ExtractedTarget]:
    found = [q for q in find_quantities(clause) if not _is_descriptor(clause, q)]
    zero = _ZERO_RE.search(clause)
    if zero and not found:
        found = [QuantityMatch(zero.start(), zero.end(), zero.group(0), Decimal(0), "", "零")]
    targets = []
    for number, q in enumerate(found):
        before = clause[: q.start]
        following = found[number + 1].start if number + 1 < len(found) else len(clause)
        after = clause[q.end : following]
        if number:
            before = clause[found[number - 1].end : q.start].lstrip("、和及与")
            if not before.strip():
                before = clause[: found[0].start]
        value, direction = q.value, _direction(before, after, q)
        low = _RANGE_RE.search(before)
        if low and q.numeral and parse_number(q.numeral):
            # "培育3至5家": the plan commits to the lower bound and hopes for the upper.
            magnitude = q.numeral[len(q.numeral.rstrip("万亿")) :]  # "10-20亿": the 10 is 亿 too
            value = plain(q.value * parse_number(low["low"] + magnitude) / parse_number(q.numeral))
            before, direction = before[: low.start()], "at_least"
        targets.append(
            ExtractedTarget(
                item_index=item.index,
                text=clause,
                subject=quantity_subject(before, after),
                quantity=value,
                unit=q.unit,
                direction=direction,
                deadline=deadline,
                qualitative=False,
            )
        )
    return targets


def _direction(before: str, after: str, q: QuantityMatch) -> str:
    if q.numeral == "零":
        return "at_most"
    direction = quantity_direction(before, after)
    return "at_least" if q.approx and direction == "reach" else direction


def _is_descriptor(clause: str, q: QuantityMatch) -> bool:
    after = clause[q.end : q.end + 1]
    return after == "的" and bool(_DESCRIPTOR_RE.search(clause[: q.start]))


def _qualitative(item: PlanItem, clause: str, deadline: date) -> ExtractedTarget | None:
    direction = qualitative_direction(clause)
    if direction is None:
        return None
    return ExtractedTarget(
        item_index=item.index,
        text=clause,
        subject=qualitative_subject(clause, direction),
        quantity=None,
        unit="",
        direction=direction,
        deadline=deadline,
        qualitative=True,
    )


def extract_targets(text: str, year: int) -> list[ExtractedTarget]:
    """Targets proposed from a plan text for `year`, in reading order."""
    targets: list[ExtractedTarget] = []
    for item in split_plan(text):
        for clause, deadline in _clauses(item, year):
            found = _quantitative(item, clause, deadline)
            if found:
                targets.extend(found)
                continue
            qualitative = _qualitative(item, clause, deadline)
            if qualitative is not None:
                targets.append(qualitative)
    return targets
