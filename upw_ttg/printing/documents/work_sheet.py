"""The supervisor's work sheet (session register): landscape, big boxes for a pen on site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from upw_ttg.domain.records_to_check import RecordToCheck
from upw_ttg.printing import fonts
from upw_ttg.printing.records_to_check import build_records_to_check
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import ACCENT, HEADER_FILL, INK, RULE, get_styles
# PrintCancelled is raised by the template; imported here for callers of render_work_sheets.
from upw_ttg.printing.template import PrintCancelled, Section  # noqa: F401
from upw_ttg.printing.text import escape, format_date

TITLE = "Work sheet"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Millimetres; the columns fill the 261 mm of a landscape A4 frame.
_COLUMNS_MM = (10, 42, 26, 44, 16, 16, 16, 20, 15, 16, 14, 26)
_HEADERS = ("No.", "Name and CRN", "Pick-up", "Health and safety", "Start", "End",
            "Penalty\n(mins)", "Outcome\ncode", "Quality", "Beha-\nviour", "Hi-vis\nY/N",
            "Signature")
# Room to write by hand; a row grows when its alerts need more.
_ROW_HEIGHT = 12 * mm
_HEADER_HEIGHT = 10 * mm
_WRITE_FROM = 4  # the first column written in by hand
_LEGEND = ("<b>Outcome</b>: ATTC complied · AFTC failed to comply · ATSH sent home, behaviour<br/>"
           "ATSS sent home, service reasons · UAAB did not attend · <b>Times</b>: 24-hour "
           "clock, e.g. 09:15<br/><b>Quality and behaviour</b>: E excellent · G good · "
           "S satisfactory · P poor · U unsatisfactory")


@dataclass(frozen=True, slots=True)
class WorkSheetRow:
    row_number: int
    name: str
    crn: str
    pickup_point: str | None
    pickup_time: dt.time | None
    # Health-and-safety alerts for the site, e.g. "Epilepsy", "Allergy: wasp stings".
    alerts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WorkSheet:
    """Everything a sheet prints; there is no field for offence details or risk scores, only
    the health-and-safety alerts a supervisor needs on site."""

    sheet_id: str
    session_id: int
    project_code: str
    project_name: str
    project_type: str
    site_address: str
    beneficiary: str
    beneficiary_contact: str | None
    beneficiary_phone: str | None
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    break_minutes: int
    supervisors: tuple[str, ...]
    van: str | None
    hi_vis_required: bool
    female_only: bool
    site_notes: tuple[str, ...]
    rows: tuple[WorkSheetRow, ...]
    printed_at: dt.datetime
    printed_by: str | None
    # People booked whose row could not be printed, named with what to correct.
    to_check: tuple[RecordToCheck, ...] = ()


def build_work_sheet(sheet: WorkSheet) -> list[Flowable]:
    """One sheet's story; pure, so it can be tested without a database."""
    s = get_styles()
    title = Paragraph(f"<font size='16'><b>{escape(sheet.project_name)}</b></font><br/>"
                      f"<font size='9' color='#555555'>{escape(sheet.project_code)} · "
                      f"{escape(sheet.project_type)}</font>", s.body)
    sheet_box = Table([[Paragraph(f"<font size='7.5' color='#555555'>SHEET</font><br/>"
                                  f"<b><font size='13'>{escape(sheet.sheet_id)}</font></b>",
                                  s.table_cell)]], colWidths=[58 * mm])
    sheet_box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.4, INK),
                                   ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                   ("TOPPADDING", (0, 0), (-1, -1), 2),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    top = Table([[title, sheet_box]], colWidths=[203 * mm, 58 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [top, Spacer(1, 1.5 * mm), _details(sheet), Spacer(1, 2.5 * mm), _register(sheet),
            Spacer(1, 2 * mm), _footing(),
            *build_records_to_check(sheet.to_check, what="this sheet", landscape=True)]


def work_sheet_section(sheet: WorkSheet) -> Section:
    """The sheet as one landscape, marked section of a batch."""
    return Section(f"{TITLE}: {sheet.project_name}", sheet.sheet_id, build_work_sheet(sheet),
                   staff_only=True, landscape=True)


def render_work_sheet(sheet: WorkSheet, *, invariant: bool = False) -> bytes:
    return render_sections([work_sheet_section(sheet)], printed_at=sheet.printed_at,
                           printed_by=sheet.printed_by, invariant=invariant)


def render_work_sheets(sheets: Sequence[WorkSheet], *, title: str, printed_at: dt.datetime,
                       printed_by: str | None,
                       progress: Callable[[int, int], None] | None = None,
                       is_cancelled: Callable[[], bool] | None = None,
                       invariant: bool = False) -> bytes:
    """All ``sheets`` in one PDF, each paged on its own; ``progress(done, total)`` after each
    sheet is laid out (twice: two passes) and ``is_cancelled()`` checked before each.

    Raises:
        PrintCancelled: ``is_cancelled()`` returned True.
    """
    return render_sections([work_sheet_section(sheet) for sheet in sheets], title=title,
                           printed_at=printed_at, printed_by=printed_by, invariant=invariant,
                           progress=progress, is_cancelled=is_cancelled)


def _details(sheet: WorkSheet) -> Table:
    """When, where, who and what to wear, in four blocks side by side."""
    s = get_styles()
    day = sheet.session_date
    when = (f"<b>{_WEEKDAYS[day.weekday()]} {format_date(day)}</b><br/>"
            f"<b>{sheet.start_time:%H:%M} to {sheet.end_time:%H:%M}</b> · "
            f"{sheet.break_minutes} min unpaid break")
    contact = " · ".join(escape(x) for x in (sheet.beneficiary, sheet.beneficiary_contact,
                                              sheet.beneficiary_phone) if x)
    where = f"<b>Site:</b> {escape(sheet.site_address)}<br/><b>Beneficiary:</b> {contact}"
    supervisors = ", ".join(escape(n) for n in sheet.supervisors) or "<b>NONE ASSIGNED</b>"
    who = (f"<b>Supervisor:</b> {supervisors}<br/>"
           f"<b>Van:</b> {escape(sheet.van) if sheet.van else 'No van'}")
    notes = [escape(n) for n in sheet.site_notes]
    if sheet.female_only:
        notes.insert(0, "<b>Female-only session</b>")
    wear = ("<b>HI-VIS VESTS REQUIRED</b>" if sheet.hi_vis_required
            else "Hi-vis not required")
    wear += "<br/>" + ("; ".join(notes) if notes else "No site notes")
    table = Table([[Paragraph(when, s.value), Paragraph(where, s.table_cell),
                    Paragraph(who, s.table_cell), Paragraph(wear, s.table_cell)]],
                  colWidths=[58 * mm, 85 * mm, 60 * mm, 58 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.9, ACCENT),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
        ("BOX", (3, 0), (3, 0), 1.4 if sheet.hi_vis_required else 0, INK),
    ]))
    return table


def _register(sheet: WorkSheet) -> Table:
    s = get_styles()
    # Plain strings where the text is fixed: a paragraph costs a parse, and a day's batch
    # has thousands of cells.
    data: list[list] = [list(_HEADERS)]
    for row in sheet.rows:
        pickup = "Own way to site"
        if row.pickup_point:
            time = f"<br/><b>{row.pickup_time:%H:%M}</b>" if row.pickup_time else ""
            pickup = f"{escape(row.pickup_point)}{time}"
        alerts = "<br/>".join(f"<b>{escape(a)}</b>" for a in row.alerts) or "None recorded"
        data.append([
            str(row.row_number),
            Paragraph(f"<b>{escape(row.name)}</b><br/>"
                      f"<font size='8'>{escape(row.crn)}</font>", s.table_cell),
            Paragraph(pickup, s.table_cell_small),
            Paragraph(alerts, s.table_cell_small),
            *[""] * (len(_HEADERS) - _WRITE_FROM)])
    if not sheet.rows:
        data.append([Paragraph("Nobody is booked on this session.", s.table_cell)]
                    + [""] * (len(_HEADERS) - 1))
    widths = [w * mm for w in _COLUMNS_MM]
    heights = [_HEADER_HEIGHT] + [_row_height(row, widths) for row in data[1:]]
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
        ("FONTSIZE", (0, 0), (-1, 0), 9),
        ("LEADING", (0, 0), (-1, 0), 11),
        ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("FONTNAME", (0, 1), (0, -1), fonts.BOLD),
        ("FONTSIZE", (0, 1), (0, -1), 14),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BACKGROUND", (0, 1), (_WRITE_FROM - 1, -1), colors.HexColor("#f7f8fa")),
        ("GRID", (0, 0), (-1, -1), 0.6, INK),
        ("BOX", (0, 0), (-1, -1), 1.4, INK),
        ("LINEAFTER", (_WRITE_FROM - 1, 0), (_WRITE_FROM - 1, -1), 1.4, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _row_height(cells: list, widths: list[float]) -> float:
    """The fixed writing height, or more if the pick-up or alerts need it (padding 2 + 3).

    The name cell is always two lines, so only the two cells that can run long are measured.
    """
    needed = max((cell.wrap(width - 6, 1000)[1] for cell, width in zip(cells[2:4], widths[2:4])
                  if isinstance(cell, Paragraph)), default=0)
    return max(_ROW_HEIGHT, needed + 7)


def _footing() -> Table:
    """The code key beside the supervisor's signature, so both stay on the first page."""
    s = get_styles()
    table = Table([[Paragraph(_LEGEND, s.table_cell_small), "Supervisor's\nsignature", "",
                    "Date", ""]],
                  colWidths=[160 * mm, 33 * mm, 38 * mm, 11 * mm, 19 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTNAME", (1, 0), (-1, -1), fonts.BOLD),
        ("FONTSIZE", (1, 0), (-1, -1), 9),
        ("LEADING", (1, 0), (-1, -1), 11),
        ("VALIGN", (0, 0), (0, 0), "TOP"),
        ("VALIGN", (1, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
        ("LINEBELOW", (4, 0), (4, 0), 0.8, INK),
    ]))
    return table
