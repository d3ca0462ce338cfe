"""The downloadable import sheet of a jurisdiction: 人员 (headers with a note each) and 填写说明
(every column, the role names and the jurisdiction's codes, read from the database)."""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from jiedao.core import staffing
from jiedao.core.excel import append_row
from jiedao.core.models import Community, Department, Grid, InspectionArea, Jurisdiction
from jiedao.staff.imports import columns as col
from jiedao.staff.imports.validate import COLUMN_OF_ROLE
from jiedao.staff.roles_form import staff_role_choices

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_name(jurisdiction: Jurisdiction) -> str:
    return f"staff-import-{jurisdiction.code}.xlsx"


def build_template(jurisdiction: Jurisdiction) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet: Any = book.active
    sheet.title = _("人员")
    bold = Font(bold=True)
    required = PatternFill("solid", fgColor="FFF2CC")
    for i, column in enumerate(col.columns(), start=1):
        cell = sheet.cell(row=1, column=i, value=column.header)
        cell.font = bold
        if column.required:
            cell.fill = required
        note = (_("必填。") if column.required else "") + str(column.help)
        cell.comment = Comment(note, "jiedao", width=260, height=110)
        dimension = sheet.column_dimensions[cell.column_letter]
        dimension.width = max(12, len(column.header) * 2 + 4)
        # Text columns, so that Excel keeps a code's leading zeros and a phone number's digits.
        dimension.number_format = "@"
    sheet.freeze_panes = "A2"
    _instructions(book.create_sheet(_("填写说明")), jurisdiction, bold)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _instructions(sheet: Any, jurisdiction: Jurisdiction, bold: Any) -> None:
    headers = {c.key: c.header for c in col.columns()}

    def title(*cells: Any) -> None:
        append_row(sheet, (str(v) for v in cells))
        for cell in sheet[sheet.max_row]:
            cell.font = bold

    def line(*cells: Any) -> None:
        append_row(sheet, (str(v) for v in cells))

    title(_("人员导入说明：%(name)s") % {"name": jurisdiction.name})
    line(_("在“人员”表第2行起每行填写一人；整个文件先全部检查，有任何错误都不导入，并逐行列出原因。"))
    line(_("已在本街道的用户名按本行更新（只改不同之处）；同一文件重复导入不会产生任何变化。"))
    line()
    title(_("列"), _("必填"), _("说明"), _("示例"))
    for c in col.columns():
        line(c.header, _("是") if c.required else "", c.help, c.example)
    line()
    title(_("角色"), _("范围所填的列"))
    with translation.override("zh-hans"):  # the names a sheet must carry
        roles = staff_role_choices()
    for value, label in roles:
        key = COLUMN_OF_ROLE.get(value)
        units = [headers[col.unit_key(u)] for u in staffing.scope_units() if value in u.roles]
        line(label, headers[key] if key else "、".join(units) or _("（全街道）"))
    for header, rows in _code_tables(jurisdiction, headers):
        line()
        title(header, _("名称"))
        for code, name in rows or [(_("（本街道暂无）"), "")]:
            line(code, name)
    for letter, width in (("A", 22), ("B", 26), ("C", 70), ("D", 16)):
        sheet.column_dimensions[letter].width = width


def _code_tables(jurisdiction: Jurisdiction, headers: dict[str, str]) -> list[tuple[str, list[Any]]]:
    """(column header, [(code, name)]) for every code column, from this jurisdiction's data."""
    grids = Grid.objects.filter(jurisdiction=jurisdiction, boundary_set__active=True).select_related(
        "community"
    )
    departments = Department.objects.filter(jurisdiction=jurisdiction).order_by("code")
    tables: list[tuple[str, list[Any]]] = [
        (
            headers[col.COMMUNITY],
            [(c.code, c.name) for c in Community.objects.filter(jurisdiction=jurisdiction).order_by("code")],
        ),
        (headers[col.GRID], [(g.code, f"{g.community.name} / {g.name}") for g in grids.order_by("code")]),
        (headers[col.DEPARTMENT], [(d.code, d.name) for d in departments]),
        (
            headers[col.AREA],
            [(a.code, a.name) for a in InspectionArea.objects.filter(jurisdiction=jurisdiction)],
        ),
    ]
    for unit in staffing.scope_units():
        names = dict(unit.choices(jurisdiction))
        codes = sorted(unit.codes(jurisdiction).items())
        tables.append((headers[col.unit_key(unit)], [(code, names.get(pk, "")) for code, pk in codes]))
    return tables
