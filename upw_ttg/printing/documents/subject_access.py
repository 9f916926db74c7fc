"""The subject access export, for reading: every table's rows, the audit trail and access log."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.subject_access import SubjectAccessData, TableRows
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import Styles, data_table_style, get_styles
from upw_ttg.printing.text import escape, format_datetime

TITLE = "Subject access export"
NONE_HELD = "Nothing held."
# A change longer than this is cut short in the PDF; the JSON file holds it whole.
_CHANGE_CHARS = 600
_ROW_COLUMNS = ("7%", "93%")
_TRAIL_COLUMNS = ("17%", "17%", "22%", "44%")
_ACCESS_COLUMNS = ("17%", "20%", "35%", "28%")
_SECTION_START_ROOM = 40 * mm


def document_reference(data: SubjectAccessData) -> str:
    """The reference on every page: the person's id (not their CRN) and the export time."""
    return f"SAR-{data.person_id}-{data.exported_at:%Y%m%d-%H%M}"


def build_subject_access(data: SubjectAccessData) -> list[Flowable]:
    """The export's story; pure, so it can be tested without a database."""
    s = get_styles()
    held = [t for t in data.tables if t.rows]
    story: list[Flowable] = [
        Paragraph(TITLE, s.title),
        Paragraph(f"{escape(data.person_name)}&nbsp;&nbsp;·&nbsp;&nbsp;CRN {escape(data.crn)}",
                  s.subtitle),
        Paragraph(f"Everything this application holds about the person, exported by "
                  f"{escape(data.exported_by)} on {format_datetime(data.exported_at)}. "
                  f"{len(held)} of {len(data.tables)} kinds of record hold something; the JSON "
                  "file exported with this document holds the same rows in full. Ids of other "
                  "people are withheld.", s.note),
    ]
    for rows in held:
        story += _section(f"{rows.label} ({len(rows.rows)})", _rows_content(rows, s), s)
    empty = [t.label for t in data.tables if not t.rows]
    if empty:
        story += _section("Kinds of record with nothing held",
                          [Paragraph(escape(", ".join(empty)) + ".", s.body)], s)
    story += _section(f"Audit trail: changes to these records ({len(data.audit)})",
                      _trail_content(data, s), s)
    story += _section(f"Access log: who opened, printed or exported them ({len(data.access)})",
                      _access_content(data, s), s)
    story.append(Spacer(1, 6))
    return story


def render_subject_access(data: SubjectAccessData, *, invariant: bool = False) -> bytes:
    """The export as PDF bytes, marked for staff only until it is handed over."""
    return render_pdf(build_subject_access(data), title=TITLE,
                      reference=document_reference(data), printed_at=data.exported_at,
                      printed_by=data.exported_by, staff_only=True, invariant=invariant)


def _section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    return [CondPageBreak(_SECTION_START_ROOM), Paragraph(escape(title), s.heading), *content]


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(str(value))


def _rows_content(rows: TableRows, s: Styles) -> list[Flowable]:
    body = [[Paragraph("No.", s.table_header), Paragraph("What is recorded", s.table_header)]]
    for number, row in enumerate(rows.as_dicts(), start=1):
        parts = [f"<b>{escape(name.replace('_', ' '))}</b>: {_value(value)}"
                 for name, value in row.items() if value is not None and value != ""]
        body.append([Paragraph(str(number), s.table_cell),
                     Paragraph("; ".join(parts), s.table_cell)])
    return [_table(body, _ROW_COLUMNS)]


def _trail_content(data: SubjectAccessData, s: Styles) -> list[Flowable]:
    if not data.audit:
        return [Paragraph(NONE_HELD, s.body)]
    body = [[Paragraph(h, s.table_header) for h in ("When", "By", "What", "Change")]]
    for line in data.audit:
        change = "" if line.changes is None else json.dumps(line.changes, ensure_ascii=False,
                                                            sort_keys=True)
        if len(change) > _CHANGE_CHARS:
            change = change[:_CHANGE_CHARS] + " …"
        what = f"{line.action.replace('_', ' ')} {line.entity.replace('_', ' ')}"
        body.append([Paragraph(format_datetime(line.occurred_at), s.table_cell),
                     Paragraph(escape(line.staff or "the system"), s.table_cell),
                     Paragraph(escape(f"{what} {line.entity_id or ''}".strip()), s.table_cell),
                     Paragraph(escape(change), s.table_cell_small)])
    return [_table(body, _TRAIL_COLUMNS)]


def _access_content(data: SubjectAccessData, s: Styles) -> list[Flowable]:
    if not data.access:
        return [Paragraph(NONE_HELD, s.body)]
    body = [[Paragraph(h, s.table_header) for h in ("When", "By", "What", "For")]]
    for line in data.access:
        body.append([Paragraph(format_datetime(line.occurred_at), s.table_cell),
                     Paragraph(escape(line.staff or "the system"), s.table_cell),
                     Paragraph(escape(f"{line.action}: {line.record}"), s.table_cell),
                     Paragraph(escape(line.recipient or ""), s.table_cell)])
    return [_table(body, _ACCESS_COLUMNS)]


def _table(body: Sequence[list[Any]], widths: tuple[str, ...]) -> Table:
    table = Table(body, colWidths=list(widths), repeatRows=1)
    table.setStyle(data_table_style())
    return table
