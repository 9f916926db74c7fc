"""The supervisor's work sheet (session register): landscape, one page for a full group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from upw_ttg.domain.codes import OUTCOME_CODES, Rating
from upw_ttg.domain.records_to_check import RecordToCheck
from upw_ttg.printing import fonts
from upw_ttg.printing.lines import Line, Segment, TextLines
from upw_ttg.printing.records_to_check import build_records_to_check
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import ACCENT, HEADER_FILL, INK, RULE

# PrintCancelled is raised by the template; imported here for callers of render_work_sheets.
from upw_ttg.printing.template import (  # noqa: F401
    LANDSCAPE_BODY_HEIGHT,
    PrintCancelled,
    Section,
    collector_paused,
)
from upw_ttg.printing.text import format_date

TITLE = "Work sheet"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# (header, millimetres): the columns fill the 261 mm of a landscape A4 frame. The first
# ``_WRITE_FROM`` are printed; the rest are written in by hand on site.
_COLUMNS = (("No.", 7), ("Name", 36), ("CRN", 15), ("Pick-up", 23), ("Health and safety", 64),
            ("Start", 11), ("End", 11), ("Penalty\n(mins)", 13), ("Outcome\ncode", 14.5),
            ("Work\nquality", 12), ("Beha-\nviour", 11.5), ("Hi-vis\nY/N", 10),
            ("Person's\ninitials", 14), ("Notes", 19))
_WRITE_FROM = 5
_HEADERS = tuple(header for header, _ in _COLUMNS)
_WIDTHS = tuple(width * mm for _, width in _COLUMNS)
_FRAME_WIDTH = sum(_WIDTHS)
_PRINTED_FILL = colors.HexColor("#f7f8fa")
# An empty cell as an empty list of flowables: an empty string would still be drawn, and a
# day's sheets have thousands of cells left for the pen.
BLANK: tuple = ()
SPARE_ROWS = 2
# Room to write by hand; a row grows when its alerts need more.
_ROW_HEIGHT = 8 * mm
_HEADER_HEIGHT = 8 * mm
_STRIP_HEIGHT = 13 * mm
_PAD_TOP, _PAD_BOTTOM, _PAD_SIDE = 1.5, 2, 2.5
HEADER_SIZE, HEADER_PAD = 7.5, 1.5
# Alerts are what the supervisor must not miss: black, at least 9 pt, one per line, whole.
ALERT_SIZE = 9
_NAME_SIZE = 9
_SMALL_SIZE = 8
_DETAIL_SIZE = 9
# Only what a supervisor records on site; absences are the office's decision.
_ON_SITE_OUTCOMES = tuple(o for o in OUTCOME_CODES if o.attended)
_RATING_LETTERS = " · ".join(f"{r.value[0].upper()} {r.value}" for r in Rating)
NOT_ARRIVED = "Not arrived: leave the outcome blank and write “not here” in Notes."


@dataclass(frozen=True, slots=True)
class WorkSheetRow:
    row_number: int
    name: str
    crn: str
    pickup_point: str | None
    pickup_time: dt.time | None
    # Health-and-safety alerts for the site (rule DOC-2), e.g. "Epilepsy or loss of
    # consciousness"; each prints whole on its own line.
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
    # Who the supervisor calls from site: the office running the project.
    office_name: str | None = None
    office_phone: str | None = None


def sheet_heading(sheet: WorkSheet) -> str:
    """The line at the top of every page: which session, when and who signs for it."""
    day = sheet.session_date
    supervisors = ", ".join(sheet.supervisors) or "no supervisor assigned"
    return (f"{TITLE}: {sheet.project_name} · {_WEEKDAYS[day.weekday()]} {format_date(day)} "
            f"{sheet.start_time:%H:%M}–{sheet.end_time:%H:%M} · Supervisor: {supervisors}")


def build_work_sheet(sheet: WorkSheet) -> list[Flowable]:
    """One sheet's story; pure, so it can be tested without a database."""
    fonts.register_fonts()  # the story measures its own text
    title = TextLines([[(sheet.project_name, fonts.BOLD, 15),
                        (f"   {sheet.project_code} · {sheet.project_type}", fonts.REGULAR, 9)]])
    sheet_box = Table([[TextLines([[("SHEET", fonts.REGULAR, 8)],
                                   [(sheet.sheet_id, fonts.BOLD, 13)]])]],
                      colWidths=[52 * mm])
    sheet_box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.4, INK),
                                   ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    top = Table([[title, sheet_box]], colWidths=[209 * mm, 52 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    details = _details(sheet)
    used = sum(f.wrap(_FRAME_WIDTH, LANDSCAPE_BODY_HEIGHT)[1] for f in (top, details))
    gap = 2 * mm
    # A little slack, so rounding never pushes a cut table onto a page of its own.
    room = LANDSCAPE_BODY_HEIGHT - used - gap - 2
    return [top, details, Spacer(1, gap), *_register(sheet, room),
            *build_records_to_check(sheet.to_check, what="this sheet", landscape=True)]


def work_sheet_section(sheet: WorkSheet) -> Section:
    """The sheet as one landscape, marked section of a batch; every page's header names the
    session, its date and its supervisor."""
    return Section(sheet_heading(sheet), sheet.sheet_id, build_work_sheet(sheet),
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
    sheet is laid out and ``is_cancelled()`` checked before each.

    Raises:
        PrintCancelled: ``is_cancelled()`` returned True.
    """
    with collector_paused():  # the stories measure their text as they are built
        sections = [work_sheet_section(sheet) for sheet in sheets]
        return render_sections(sections, title=title, printed_at=printed_at,
                               printed_by=printed_by, invariant=invariant, progress=progress,
                               is_cancelled=is_cancelled)


def _details(sheet: WorkSheet) -> Table:
    """When, where, who and what to wear, in four blocks side by side."""
    size = _DETAIL_SIZE
    day = sheet.session_date

    def bold(text: str) -> Segment:
        return (text, fonts.BOLD, size)

    def plain(text: str) -> Segment:
        return (text, fonts.REGULAR, size)

    when = [[bold(f"{_WEEKDAYS[day.weekday()]} {format_date(day)}")],
            [bold(f"{sheet.start_time:%H:%M} to {sheet.end_time:%H:%M}")],
            [plain(f"{sheet.break_minutes} min unpaid break")]]
    # A phone number never breaks across lines.
    contact = " · ".join(x.replace(" ", "\u00a0") if x is sheet.beneficiary_phone else x
                         for x in (sheet.beneficiary, sheet.beneficiary_contact,
                                   sheet.beneficiary_phone) if x)
    where = [[bold("Site: "), plain(sheet.site_address)],
             [bold("Beneficiary: "), plain(contact)]]
    supervisors = ", ".join(sheet.supervisors)
    who = [[bold("Supervisor: "), plain(supervisors) if supervisors else bold("NONE ASSIGNED")],
           [bold("Van: "), plain(sheet.van or "No van")],
           [bold(f"Call {sheet.office_name or 'the office'}: "),
            bold(sheet.office_phone) if sheet.office_phone else plain("number not recorded")]]
    wear = [[bold("HI-VIS VESTS REQUIRED") if sheet.hi_vis_required
             else plain("Hi-vis not required")]]
    if sheet.female_only:
        wear.append([bold("Female-only session")])
    wear.append([plain("; ".join(sheet.site_notes) if sheet.site_notes else "No site notes")])
    table = Table([[TextLines(block) for block in (when, where, who, wear)]],
                  colWidths=[46 * mm, 90 * mm, 70 * mm, 55 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.9, ACCENT),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
        ("BOX", (3, 0), (3, 0), 1.4 if sheet.hi_vis_required else 0, INK),
    ]))
    return table


def _person_cells(row: WorkSheetRow) -> list:
    # Plain strings and TextLines: a day's batch has thousands of cells, and a paragraph
    # costs a markup parse for each.
    pickup: list[Line] = [[("Own way to site", fonts.REGULAR, _SMALL_SIZE)]]
    if row.pickup_point:
        pickup = [[(row.pickup_point, fonts.REGULAR, _SMALL_SIZE)]]
        if row.pickup_time:
            pickup.insert(0, [(f"{row.pickup_time:%H:%M}", fonts.BOLD, _SMALL_SIZE)])
    alerts = [[(alert, fonts.REGULAR, ALERT_SIZE)] for alert in row.alerts]
    return [str(row.row_number), TextLines([[(row.name, fonts.BOLD, _NAME_SIZE)]]), row.crn,
            TextLines(pickup),
            TextLines(alerts) if alerts else "None recorded",
            *[BLANK] * (len(_COLUMNS) - _WRITE_FROM)]


def _strip() -> list:
    """The last row: the code key beside the supervisor's signature, kept with the rows."""
    size = _SMALL_SIZE
    outcomes = " · ".join(f"{o.code} {o.description.split('– ', 1)[-1]}"
                          for o in _ON_SITE_OUTCOMES)
    legend = TextLines([[("Outcome: ", fonts.BOLD, size), (outcomes, fonts.REGULAR, size)],
                        [(NOT_ARRIVED, fonts.REGULAR, size)],
                        [("Quality and behaviour: ", fonts.BOLD, size),
                         (_RATING_LETTERS, fonts.REGULAR, size),
                         (" · Times: ", fonts.BOLD, size),
                         ("24-hour clock", fonts.REGULAR, size)]], leading=1.25)
    cells: list = [legend] + [BLANK] * (len(_COLUMNS) - 1)
    cells[7] = "Supervisor's\nsignature"
    cells[12] = "Print\nname"
    return cells


def _register(sheet: WorkSheet, first_page_room: float) -> list[Flowable]:
    """The register, one table per page, each with its own header row.

    Every row's height is fixed here, so the pages are cut here too: no table is split
    during layout, and the last person always shares a page with the spare rows and the
    signature.
    """
    nobody = ("Everyone booked is named under Records to check." if sheet.to_check
              else "Nobody is booked on this session.")
    people = [_person_cells(row) for row in sheet.rows] or [
        [BLANK, nobody] + [BLANK] * (len(_COLUMNS) - 2)]
    heights = [_row_height(cells) for cells in people]
    tail = SPARE_ROWS * _ROW_HEIGHT + _STRIP_HEIGHT
    pages: list[list[int]] = [[]]
    room = first_page_room - _HEADER_HEIGHT
    for index, height in enumerate(heights):
        needed = height + (tail if index == len(heights) - 1 else 0)
        if pages[-1] and needed > room:
            pages.append([])
            room = LANDSCAPE_BODY_HEIGHT - _HEADER_HEIGHT
        pages[-1].append(index)
        room -= height
    story: list[Flowable] = []
    for number, indexes in enumerate(pages):
        last_page = number == len(pages) - 1
        story.append(_page_table([people[i] for i in indexes], [heights[i] for i in indexes],
                                 with_tail=last_page, printed_rows=bool(sheet.rows)))
        if not last_page:
            story.append(PageBreak())
    return story


def _page_table(people: list[list], heights: list[float], *, with_tail: bool,
                printed_rows: bool) -> Table:
    data: list[list] = [list(_HEADERS), *people]
    row_heights = [_HEADER_HEIGHT, *heights]
    people_end = len(data) - 1
    if with_tail:
        data += [[BLANK] * len(_COLUMNS) for _ in range(SPARE_ROWS)]
        data.append(_strip())
        row_heights += [_ROW_HEIGHT] * SPARE_ROWS + [_STRIP_HEIGHT]
    grid_end = len(data) - (2 if with_tail else 1)
    table = Table(data, colWidths=_WIDTHS, rowHeights=row_heights)
    commands: list[tuple] = [
        # One FONT command each (name, size, leading); the text colour is the default black.
        ("FONT", (0, 1), (-1, -1), fonts.REGULAR, _SMALL_SIZE),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, HEADER_SIZE, HEADER_SIZE * 1.2),
        ("FONT", (0, 1), (0, people_end), fonts.BOLD, 12),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("GRID", (0, 0), (-1, grid_end), 0.6, INK),
        ("BOX", (0, 0), (-1, grid_end), 1.4, INK),
        ("LINEAFTER", (_WRITE_FROM - 1, 0), (_WRITE_FROM - 1, grid_end), 1.4, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD_SIDE),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_SIDE),
        ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
        ("LEFTPADDING", (0, 0), (-1, 0), HEADER_PAD),
        ("RIGHTPADDING", (0, 0), (-1, 0), HEADER_PAD),
    ]
    if printed_rows and people:
        commands.append(("BACKGROUND", (0, 1), (_WRITE_FROM - 1, people_end), _PRINTED_FILL))
    if with_tail:
        last = len(data) - 1
        commands += [
            # The key and the signature: no grid, lines to sign and print a name on.
            ("SPAN", (0, last), (6, last)),
            ("SPAN", (7, last), (8, last)),
            ("SPAN", (9, last), (11, last)),
            ("LEFTPADDING", (0, last), (0, last), 0),
            ("VALIGN", (0, last), (0, last), "TOP"),
            ("TOPPADDING", (0, last), (-1, last), 4),
            ("FONTNAME", (7, last), (-1, last), fonts.BOLD),
            ("FONTSIZE", (7, last), (-1, last), 9),
            ("LEADING", (7, last), (-1, last), 11),
            ("VALIGN", (7, last), (-1, last), "BOTTOM"),
            ("LINEBELOW", (9, last), (11, last), 0.9, INK),
            ("LINEBELOW", (13, last), (13, last), 0.9, INK),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _row_height(cells: list) -> float:
    """The writing height, or more if the name, pick-up or alerts need it."""
    needed = max((cell.wrap(width - 2 * _PAD_SIDE, 1000)[1]
                  for cell, width in zip(cells[:_WRITE_FROM], _WIDTHS, strict=False)
                  if isinstance(cell, TextLines)), default=0)
    return max(_ROW_HEIGHT, needed + _PAD_TOP + _PAD_BOTTOM)
