"""The report as a Word draft in official style (GB/T 9704 practice), and its data appendix.

Page, fonts and page numbers are the documents engine's (jiedao.documents.word): title 宋体
二号 bold; headings 黑体 三号; body 仿宋 三号, first line indented two characters, exact 28 pt
line pitch. As in the seed, each (一)(二) section is one paragraph: 黑体 heading sentence, lead,
then its 一是/二是 items with their titles in bold.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from jiedao.documents.word import FANGSONG, HEI, LINE_PITCH, SIZE_2, SIZE_3, SONG, page_setup, set_font
from jiedao.reports.appendix import appendix_rows
from jiedao.reports.builder import Report, SectionOut, Segment

SIZE_5 = Pt(10.5)  # 五号, the appendix table


def _run(par: Paragraph, text: str, font: str, size: Pt, *, bold: bool = False) -> Run:
    run = par.add_run(text)
    set_font(run, font, size, bold=bold)
    return run


def _paragraph(doc: DocumentType, *, indent: bool = True, center: bool = False) -> Paragraph:
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = SIZE_3 * 2
        par._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    return par


def _segments(par: Paragraph, segments: list[Segment]) -> None:
    for seg in segments:
        _run(par, seg if isinstance(seg, str) else seg.text, FANGSONG, SIZE_3)


def _section(doc: DocumentType, sec: SectionOut) -> None:
    # As in the seed, a section is one paragraph: heading sentence, lead, then 一是/二是 items.
    par = _paragraph(doc)
    _run(par, sec.ordinal + sec.heading, HEI, SIZE_3)
    if sec.lead:
        _run(par, sec.lead, FANGSONG, SIZE_3)
    for item in sec.items:
        _run(par, item.ordinal + item.title, FANGSONG, SIZE_3, bold=True)
        _segments(par, item.segments)


# Appendix columns in millimetres, on a landscape A4 page with 20 mm margins (257 mm of text).
APPENDIX_WIDTHS = (12, 24, 60, 42, 50, 69)


def _appendix(doc: DocumentType, report: Report) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(20)
    _run(_paragraph(doc, indent=False), "附表", HEI, SIZE_3)
    _run(_paragraph(doc, center=True, indent=False), "报告数字来源表", HEI, SIZE_3)
    rows = appendix_rows(report)
    table = doc.add_table(rows=1, cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, APPENDIX_WIDTHS, strict=True):
        column.width = Mm(width)  # the grid LibreOffice and WPS lay out by
    for r, row in enumerate(rows):
        cells = table.rows[0].cells if r == 0 else table.add_row().cells
        for cell, text, width in zip(cells, row, APPENDIX_WIDTHS, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0].paragraph_format.line_spacing = Pt(15)
            _run(cell.paragraphs[0], text, HEI if r == 0 else FANGSONG, SIZE_5)


def render_docx(report: Report) -> bytes:
    doc = Document()
    page_setup(doc)
    title = _paragraph(doc, indent=False, center=True)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE_PITCH
    _run(title, report.title, SONG, SIZE_2, bold=True)
    if report.opening:
        _run(_paragraph(doc), report.opening, FANGSONG, SIZE_3)
    _run(_paragraph(doc), report.summary_heading, HEI, SIZE_3)
    for s in report.summary:
        _section(doc, s)
    _run(_paragraph(doc), report.plan_heading, HEI, SIZE_3)
    if report.plan_note:
        _run(_paragraph(doc), report.plan_note, FANGSONG, SIZE_3)
    for s in report.plan:
        _section(doc, s)
    _appendix(doc, report)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
