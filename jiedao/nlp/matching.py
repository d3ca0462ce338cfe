"""Proposing an indicator for a target: word overlap (jieba) and unit compatibility.

Plans are written in Chinese, so labels and units are compared as their Chinese source
strings: pass them lazy (gettext_lazy) or already in Chinese — a label stringified under an
English interface ("Events received") matches nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from jiedao.nlp.segment import Tokenizer

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from jiedao.nlp.targets import ExtractedTarget

# Words of plans and of our indicator labels that jieba's dictionary splits badly. A private
# tokenizer, so that other users of jieba are not affected.
_DOMAIN_WORDS = (
    "土地征收", "土地出让", "土地储备", "垃圾分类", "智能垃圾房", "智能垃圾亭", "安全隐患", "拆违",
    "违章建筑", "违法建筑", "矛盾纠纷", "信访", "来信来访", "网格员", "招引", "签约", "结顶", "投用",
    "乡贤", "侨胞", "宣讲", "志愿者", "满意率", "办结率", "按期办结", "市政道路", "项目招引",
)  # fmt: skip
_STOP = set("的了和及与在为对把将等各类全年度个项件次数量")
# Units that measure the same kind of thing; a target never binds to an indicator of another kind.
_FAMILIES = (
    {"万元", "元", "亿元"},
    {"万美元", "美元"},
    {"平方米", "亩", "公顷", "平方公里"},
    {"%", "百分点"},
    {"人", "人次", "名", "位"},
    {"公里", "米"},
)
_MIN_SCORE = 0.2


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    tokenizer = Tokenizer()
    for word in _DOMAIN_WORDS:
        tokenizer.add_word(word, freq=20000)
    return tokenizer


@lru_cache(maxsize=4096)
def tokens(text: str) -> frozenset[str]:
    """Content words of `text` (search-mode jieba), single characters and stop words dropped."""
    words = _tokenizer().lcut_for_search(text)
    return frozenset(w for w in words if len(w) > 1 and not set(w) <= _STOP)


def _bigrams(text: str) -> frozenset[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" and c not in _STOP]
    return frozenset(a + b for a, b in itertools.pairwise(chars))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    weight = sum(len(w) for w in a & b)
    return 2 * weight / (sum(len(w) for w in a) + sum(len(w) for w in b))


def unit_fit(target_unit: str, indicator_unit: str) -> float | None:
    """1 for the same unit, less for a related or unknown one, None when they cannot compare."""
    if target_unit == indicator_unit:
        return 1.0
    if not target_unit or not indicator_unit:
        return 0.7
    for family in _FAMILIES:
        if target_unit in family or indicator_unit in family:
            return 0.8 if target_unit in family and indicator_unit in family else None
    return 0.8  # two counting units (个, 件, 处, 座…): a count of things either way


def score(target: ExtractedTarget, label: str, unit: str) -> float:
    """How well an indicator (label, unit) measures `target`, 0 when it cannot."""
    fit = unit_fit(target.unit, unit) if target.quantity is not None else 0.8
    if fit is None:
        return 0.0
    subject = target.subject or target.text
    words = _dice(tokens(subject), tokens(label)) * 0.6 + _dice(_bigrams(subject), _bigrams(label)) * 0.4
    context = _dice(tokens(target.text), tokens(label)) * 0.2
    return (words + context) * fit


def _chinese(text: str | Promise) -> str:
    if isinstance(text, str):
        return text
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(text)


def propose_indicator(
    target: ExtractedTarget, indicators: Sequence[tuple[str, str | Promise, str | Promise]]
) -> str | None:
    """The code of the indicator among (code, label, unit) that best measures `target`, or None."""
    best_code, best = None, _MIN_SCORE
    for code, label, unit in indicators:
        value = score(target, _chinese(label), _chinese(unit))
        if value > best:
            best_code, best = code, value
    return best_code
