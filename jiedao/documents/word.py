"""Blocks → a Word (.docx) file laid out as Chinese offices do (GB/T 9704 党政机关公文格式).

A4; margins top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm; title 宋体 二号 bold centred;
文号 仿宋 三号 centred; headings 黑体 三号; body 仿宋 三号 with a two-character first-line
indent and a fixed 28 pt line pitch; page numbers "— 1 —" in 宋体 四号 at the foot. Fonts are
named for East Asian text too (w:eastAsia), so Word and WPS use them rather than a Latin font.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from jiedao.documents.markup import Block

SONG = "宋体"
FANGSONG = "仿宋"
HEI = "黑体"
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
LINE_PITCH = Pt(28)
TABLE_PITCH = Pt(22)


def set_font(run: Run, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _layout(paragraph: Paragraph, *, align: int, pitch: Pt = LINE_PITCH, indent_chars: int = 0) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    if indent_chars:
        fmt.first_line_indent = Pt(16 * indent_chars)
        # Word measures the indent in characters too, so it stays two characters at any size.
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(indent_chars * 100))


def _paragraph(
    container: DocxDocument | _Cell, text: str, font: str, size: Pt, **layout: object
) -> Paragraph:
    bold = bool(layout.pop("bold", False))
    p = container.add_paragraph()
    _layout(p, **layout)  # type: ignore[arg-type]
    if text:
        set_font(p.add_run(text), font, size, bold=bold)
    return p


def page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FANGSONG
    normal.font.size = SIZE_3
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)
    _page_number(section.footer.paragraphs[0])


def _page_number(p: Paragraph) -> None:
    """ "— 1 —" centred: a PAGE field between two em dashes."""
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("— "), SONG, SIZE_4)
    run = p.add_run()
    set_font(run, SONG, SIZE_4)
    begin, end = {"w:fldCharType": "begin"}, {"w:fldCharType": "end"}
    field: tuple[tuple[str, dict[str, str]], ...] = (
        ("w:fldChar", begin),
        ("w:instrText", {}),
        ("w:fldChar", end),
    )
    for tag, attrs in field:
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if tag == "w:instrText":
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        run._element.append(el)
    set_font(p.add_run(" —"), SONG, SIZE_4)


def _table(doc: DocxDocument, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            _paragraph(cell, value, FANGSONG, SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=TABLE_PITCH)


def write_docx(blocks: list[Block]) -> bytes:
    doc = Document()
    page_setup(doc)
    center, right, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
    for block in blocks:
        if block.kind == "title":
            _paragraph(doc, block.text, SONG, SIZE_2, align=center, pitch=Pt(36), bold=True)
        elif block.kind == "number":
            _paragraph(doc, block.text, FANGSONG, SIZE_3, align=center)
        elif block.kind == "heading":
            _paragraph(doc, block.text, HEI, SIZE_3, align=justify, indent_chars=2)
        elif block.kind in ("right", "seal"):
            p = _paragraph(doc, block.text, FANGSONG, SIZE_3, align=right)
            p.paragraph_format.right_indent = Pt(32)
        elif block.kind == "table":
            _table(doc, block.rows)
        elif block.kind == "blank":
            _paragraph(doc, "", FANGSONG, SIZE_3, align=justify)
        else:
            _paragraph(doc, block.text, FANGSONG, SIZE_3, align=justify, indent_chars=2)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
