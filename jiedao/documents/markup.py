"""Document templates: Django template text, rendered, then read line by line as markup.

The template is rendered with autoescape off against the document type's context plus
`number` (the 文号), `jurisdiction` (its name), `today` (2026年11月26日) and `today_upper`
(二〇二六年十一月二十六日). Each rendered line is then one block:

    # 标题                title: 宋体 二号 bold, centred
    {% tag %}             a line holding only template tags leaves no line behind
    @number               the 文号 line: 仿宋 三号, centred (the text is the issued number)
    ## 小标题             heading: 黑体 三号
    >> 文字               right-aligned line (signature and date block)
    [seal]                the seal placeholder "（盖章）", right-aligned
    | 甲 | 乙 |           a table row; consecutive rows form one bordered table
    (blank line)          vertical space
    any other line        a body paragraph: 仿宋 三号, first line indented two characters

Context values are plain text: control characters are removed, and a value line that would
read as markup (starting with #, @, >>, [seal] or |) is neutralised with a zero-width space,
and "|" inside values becomes "｜", so data can never turn into a title or a table cell.
Nothing is escaped: the .docx writer escapes XML once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jiedao.documents.personal import MASKED, Disclosure, Particulars, Personal

ZWSP = "\u200b"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_MARKUP_START = ("#", "@", ">>", "[seal]", "|")
_UNKNOWN = "\x00%s\x00"
_UNKNOWN_RE = re.compile(r"\x00([^\x00]*)\x00")
_DIGITS = "〇一二三四五六七八九"
# A line holding only {% tags %} leaves no line behind (like Jinja's trim_blocks), so loops and
# conditions can sit on their own lines without adding blank paragraphs.
_TAG_LINE = re.compile(r"^[ \t]*((?:\{%.*?%\}[ \t]*)+)\n", re.MULTILINE)

ENGINE = Engine(autoescape=False)
STRICT_ENGINE = Engine(autoescape=False, string_if_invalid=_UNKNOWN)


class TemplateProblem(ValueError):
    """A template that cannot be rendered; the message is translated and says where."""


@dataclass
class Block:
    kind: str  # title, number, heading, body, right, seal, blank, table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def chinese_date(d: date | datetime, *, upper: bool = False) -> str:
    """2026年11月26日, or 二〇二六年十一月二十六日 with upper=True."""
    if isinstance(d, datetime):
        d = timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
    if not upper:
        return f"{d.year}年{d.month}月{d.day}日"
    year = "".join(_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{_upper_number(d.month)}月{_upper_number(d.day)}日"


def _upper_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def _clean_text(value: str) -> str:
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).replace("|", "｜")
    lines = text.split("\n")
    return "\n".join(ZWSP + line if line.lstrip().startswith(_MARKUP_START) else line for line in lines)


def plain(value: Any, disclosure: Disclosure = MASKED) -> Any:
    """Context value → JSON-safe plain data with markup-safe text (also the stored snapshot).

    Personal values print masked unless `disclosure` reveals them (see documents.personal)."""
    if isinstance(value, Personal | Particulars):
        return _clean_text(value.text(disclosure))
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return _clean_text(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, date):
        return chinese_date(value)
    if isinstance(value, dict):
        return {str(k): plain(v, disclosure) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v, disclosure) for v in value]
    return _clean_text(str(value))


def render_text(text: str, context: dict[str, Any], *, strict: bool = False) -> str:
    """The template rendered with an already plain() context; TemplateProblem if it cannot be."""
    engine = STRICT_ENGINE if strict else ENGINE
    try:
        text = _TAG_LINE.sub(r"\1", text.replace("\r\n", "\n"))
        rendered = engine.from_string(text).render(Context(context, autoescape=False))
    except TemplateSyntaxError as exc:
        raise TemplateProblem(_("模板语法错误：%(error)s") % {"error": exc}) from exc
    except Exception as exc:  # a filter failing on the data is a template problem too
        raise TemplateProblem(_("模板无法生成：%(error)s") % {"error": exc}) from exc
    if strict:
        unknown = sorted(set(_UNKNOWN_RE.findall(rendered)))
        if unknown:
            raise TemplateProblem(_("模板引用了不存在的字段：%(names)s") % {"names": "、".join(unknown)})
    return _CONTROL.sub("", rendered.replace("\r\n", "\n"))


def parse(rendered: str, *, number: str) -> list[Block]:
    """Rendered text → blocks (the `@number` line carries `number`); table rows join into tables."""
    blocks: list[Block] = []
    for lineno, raw in enumerate(rendered.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("|"):
            cells = [c.strip().replace(ZWSP, "") for c in line.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                if len(cells) != len(blocks[-1].rows[0]):
                    raise TemplateProblem(_("第%(n)d行：表格每行的列数必须相同。") % {"n": lineno})
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
            continue
        blocks.append(_line_block(line, lineno, number))
    while blocks and blocks[-1].kind == "blank":
        blocks.pop()
    return blocks


def _line_block(line: str, lineno: int, number: str) -> Block:
    if not line:
        return Block("blank")
    if line.startswith("## "):
        return Block("heading", _text(line[3:]))
    if line.startswith("# "):
        return Block("title", _text(line[2:]))
    if line.startswith(">>"):
        return Block("right", _text(line[2:]))
    if line == "[seal]":
        return Block("seal", "（盖章）")
    if line.startswith("@"):
        mark = line.split()[0]
        if mark != "@number":
            raise TemplateProblem(_("第%(n)d行：未知的标记 %(mark)s。") % {"n": lineno, "mark": mark})
        return Block("number", number)
    return Block("body", _text(line))


def _text(value: str) -> str:
    return value.replace(ZWSP, "").strip()
