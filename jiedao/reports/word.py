"""The report as a Word draft in official style (GB/T 9704 practice), and its data appendix.

Title 方正小标宋 二号; headings 黑体 三号; body 仿宋_GB2312 三号, first line indented two
characters, exact 28 pt line spacing; A4 with the standard margins; page numbers "— n —".
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from jiedao.reports.appendix import appendix_rows
from jiedao.reports.builder import Report, SectionOut, Segment

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
SIZE_2, SIZE_3, SIZE_5 = Pt(22), Pt(16), Pt(10.5)
LINE = Pt(28)


def _run(par: Paragraph, text: str, font: str, size: Pt, *, bold: bool = False) -> Run:
    run = par.add_run(text)
    run.font.name = font
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _paragraph(doc: DocumentType | _Cell, *, indent: bool = True, center: bool = False) -> Paragraph:
    par = doc.add_paragraph()
    fmt = par.paragraph_format
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = SIZE_3 * 2
    if center:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return par


def _segments(par: Paragraph, segments: list[Segment]) -> None:
    for seg in segments:
        _run(par, seg if isinstance(seg, str) else seg.text, BODY_FONT, SIZE_3)


def _section(doc: DocumentType, sec: SectionOut) -> None:
    # As in the seed, a section is one paragraph: heading sentence, lead, then 一是/二是 items.
    par = _paragraph(doc)
    _run(par, sec.ordinal + sec.heading, HEADING_FONT, SIZE_3)
    if sec.lead:
        _run(par, sec.lead, BODY_FONT, SIZE_3)
    for item in sec.items:
        _run(par, item.ordinal + item.title, BODY_FONT, SIZE_3, bold=True)
        _segments(par, item.segments)


def _page_number_footer(doc: DocumentType) -> None:
    par = doc.sections[0].footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(par, "— ", "宋体", Pt(14))
    run = _run(par, "", "宋体", Pt(14))
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _run(par, " —", "宋体", Pt(14))


def _appendix(doc: DocumentType, report: Report) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.left_margin = section.right_margin = Mm(20)
    _run(_paragraph(doc, indent=False), "附表", HEADING_FONT, SIZE_3)
    _run(_paragraph(doc, center=True, indent=False), "报告数字来源表", HEADING_FONT, SIZE_3)
    rows = appendix_rows(report)
    table = doc.add_table(rows=1, cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = table.rows[0].cells if r == 0 else table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].paragraph_format.line_spacing = Pt(15)
            _run(cell.paragraphs[0], text, HEADING_FONT if r == 0 else BODY_FONT, SIZE_5)


def render_docx(report: Report) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    _page_number_footer(doc)
    title = _paragraph(doc, indent=False, center=True)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE
    _run(title, report.title, TITLE_FONT, SIZE_2)
    if report.opening:
        _run(_paragraph(doc), report.opening, BODY_FONT, SIZE_3)
    _run(_paragraph(doc), report.summary_heading, HEADING_FONT, SIZE_3)
    for s in report.summary:
        _section(doc, s)
    _run(_paragraph(doc), report.plan_heading, HEADING_FONT, SIZE_3)
    if report.plan_note:
        _run(_paragraph(doc), report.plan_note, BODY_FONT, SIZE_3)
    for s in report.plan:
        _section(doc, s)
    _appendix(doc, report)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
