"""Wording cues of a plan clause: which way a target points and what it is about.

Quantitative targets use comparison directions (reach, exceed, at_least, at_most, increase,
decrease): the action ("开工", "新增") stays in the subject. Qualitative targets use outcome
directions (complete, sign, start, increase, decrease) and carry no number.
"""

from __future__ import annotations

import re

from jiedao.nlp.deadlines import strip_time

# Words that lead a clause without saying what is measured.
_LEAD = (
    "同时", "全年", "年内", "年底前", "力争", "确保", "争取", "努力", "计划", "预计", "全力", "要",
    "全面", "累计", "共计", "总计", "合计",
)  # fmt: skip
_ADVERBS = ("顺利", "圆满", "全面", "有效", "高质量", "高标准", "如期", "基本")
# Comparison verbs between a subject and its number: dropped from the subject.
_COMPARE = (
    "不低于", "不少于", "不高于", "不超过", "不多于", "控制在", "达到", "实现", "完成", "突破", "超过",
    "增长", "下降", "提高", "提升", "降低", "减少", "至少", "达", "超", "逾", "破",
)  # fmt: skip
# Actions that stay in a subject built from the noun after the number: "五条道路开工".
_ACTION_SUFFIX = ("开工", "签约", "拆除", "征收", "引进", "招引", "投用", "改造", "新建")

_TAIL_END_RE = re.compile(r"(?:以上|以内|之内|以下|左右|[、和及与])+$")
_TREND_RE = re.compile(r"^增加|(?:持续|逐年|稳步|明显|进一步|不断)?(?:下降|减少|降低|提升|提高|增长|增加)$")
_QUOTES = "“”‘’\"'《》「」"
_BASIS_RE = re.compile(r"(?:同比|环比|较上年|比上年|较去年|比去年)$")
_AT_MOST_AFTER = re.compile(r"^[^，,]{0,2}(?:以内|之内|以下)")
_AT_LEAST_AFTER = re.compile(r"^[^，,]{0,2}(?:以上)")
_BEFORE_CUES: tuple[tuple[str, str], ...] = (
    ("控制在", "at_most"), ("不高于", "at_most"), ("不超过", "at_most"), ("不多于", "at_most"),
    ("不低于", "at_least"), ("不少于", "at_least"), ("低于", "at_most"), ("至少", "at_least"),
    ("突破", "exceed"), ("超过", "exceed"), ("超", "exceed"), ("逾", "exceed"), ("破", "exceed"),
    ("下降", "decrease"), ("降低", "decrease"), ("减少", "decrease"), ("压减", "decrease"),
    ("增长", "increase"), ("提高", "increase"), ("提升", "increase"),
)  # fmt: skip

# Qualitative outcome cues, most specific first. A clause that only pushes ("加快…落地") is no target.
_PROCESS = re.compile(r"加快|加速|推动|推进|做好|跟踪|助力|谋划|探索|研究|持续优化")
_QUALITATIVE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"签约|签订"), "sign"),
    (re.compile(r"(?:持续|逐年|稳步|明显|进一步|不断)?(?:下降|减少|降低)$"), "decrease"),
    (re.compile(r"(?:持续|逐年|稳步|明显|进一步|不断)(?:提升|提高|增长|增加)$"), "increase"),
    (re.compile(r"^增加"), "increase"),
    (re.compile(r"完成|建成|创成|争创|投用|完工|结顶|清零|做到|全面配备|^实现|^落地|落地$"), "complete"),
    (re.compile(r"^(?:启动|开工|动工|开建)|进场$|开工$"), "start"),
    (re.compile(r"^(?:设立|成立|组建|创设|制定|出台)"), "complete"),  # something that will exist
)  # fmt: skip


def quantity_direction(before: str, after: str) -> str:
    """The direction of a number from the words around it ("控制在5%以内" → at_most)."""
    if _AT_MOST_AFTER.match(after):
        return "at_most"
    best, where = "reach", -1
    for cue, direction in _BEFORE_CUES:
        at = before.rfind(cue)
        # A longer cue ending at the same place ("不低于" over "低于") wins: it was listed first.
        if at >= 0 and at + len(cue) > where:
            best, where = direction, at + len(cue)
    if best in ("reach", "exceed") and _AT_LEAST_AFTER.match(after):
        return "at_least" if best == "reach" else best
    return best


def qualitative_direction(clause: str) -> str | None:
    """The outcome a clause without a number commits to, or None for a clause that only pushes."""
    core = strip_lead(clause)
    for regex, direction in _QUALITATIVE:
        if not regex.search(core):
            continue
        if direction in ("complete", "start") and _PROCESS.search(core):
            return None
        return direction
    return None


def strip_lead(text: str) -> str:
    text = strip_time(text).strip(" 　，,。；;：:、")
    changed = True
    while changed:
        changed = False
        for word in _LEAD:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word) :].lstrip("，,"), True
    return text


def _drop(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = text.replace(word, "")
    return text


def quantity_subject(before: str, after: str) -> str:
    """What a number measures: the noun after it ("600亩土地顺利征收" → "土地征收"), else the words before."""
    tail = _TAIL_END_RE.sub("", _drop(after, _ADVERBS).lstrip("的")).strip(_QUOTES)
    head = strip_lead(before.strip(_QUOTES))
    for verb in _COMPARE:
        if head.endswith(verb):
            head = head[: -len(verb)]
            break
    head = _BASIS_RE.sub("", strip_lead(head))
    for verb in _COMPARE:
        if head.startswith(verb):
            head = head[len(verb) :]
            break
    head = _drop(head, _ADVERBS).strip("，,、")
    if not tail:
        return head
    action = next((verb for verb in _ACTION_SUFFIX if head.startswith(verb)), "")
    if action and not tail.endswith(action):
        tail = tail.removesuffix("建设") + action
    return tail


def qualitative_subject(clause: str, direction: str) -> str:
    """The clause without its lead words ("启动樟里村（一期）签约" → "樟里村（一期）签约")."""
    core = strip_lead(clause)
    lead = {"sign": r"^(?:启动|实现|完成)", "start": r"^启动"}.get(direction, r"^(?:实现|完成)")
    core = re.sub(lead, "", core)
    core = re.sub(r"(?<=.)完成", "", core)
    if direction in ("increase", "decrease"):  # the direction is its own field: "安全隐患数"
        core = _TREND_RE.sub("", core)
    return _drop(core, ("顺利", "圆满")).strip() or clause.strip()
