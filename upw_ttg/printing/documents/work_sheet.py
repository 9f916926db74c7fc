"""The supervisor's work sheet (session register): landscape, one page for a full group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from upw_ttg.collector import collector_paused
from upw_ttg.domain.codes import OUTCOME_CODES, Language, Rating
from upw_ttg.printing import fonts, glossary
from upw_ttg.printing.lines import Line, Segment, TextLines
from upw_ttg.printing.records_to_check import build_records_to_check
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import ACCENT, HEADER_FILL, INK, RULE, Cell, TableCommand
from upw_ttg.printing.template import LANDSCAPE_BODY_HEIGHT, Section
from upw_ttg.printing.text import format_date
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.records.day_printing import WorkSheet, WorkSheetRow

TITLE = glossary.phrase("work_sheet.title", Language.ENGLISH)
# (glossary key of the header, millimetres): the columns fill the 261 mm of a landscape A4
# frame. The first ``_WRITE_FROM`` are printed; the rest are written in by hand on site.
_COLUMN_KEYS = (("number", 7), ("name", 36), ("crn", 15), ("pickup", 23), ("alerts", 64),
                ("start", 11), ("end", 11), ("penalty", 13), ("outcome", 14.5),
                ("quality", 12), ("behaviour", 11.5), ("hi_vis", 10), ("initials", 14),
                ("notes", 19))
_WRITE_FROM = 5
_WIDTHS = tuple(width * mm for _, width in _COLUMN_KEYS)
_FRAME_WIDTH = sum(_WIDTHS)


def column_headers(language: Language) -> tuple[str, ...]:
    """The register's column headers in ``language`` ("\\n" where a header breaks)."""
    return tuple(glossary.phrase(f"work_sheet.col_{key}", language) for key, _ in _COLUMN_KEYS)


def columns(language: Language) -> tuple[tuple[str, float], ...]:
    """(header, millimetres) of every column in ``language``."""
    return tuple(zip(column_headers(language), (w for _, w in _COLUMN_KEYS), strict=True))


_PRINTED_FILL = colors.HexColor("#f7f8fa")
# An empty cell as an empty list of flowables: an empty string would still be drawn, and a
# day's sheets have thousands of cells left for the pen.
BLANK: tuple[()] = ()
SPARE_ROWS = 2
# Room to write by hand; a row grows when its alerts need more.
_ROW_HEIGHT = 8 * mm
_HEADER_HEIGHT = 8 * mm  # two lines of header; a third (Welsh) adds a line
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
NOT_ARRIVED = glossary.phrase("work_sheet.not_arrived", Language.ENGLISH)


def sheet_heading(sheet: WorkSheet) -> str:
    """The line at the top of every page: which session, when and who signs for it."""
    lang = sheet.language
    supervisors = ", ".join(sheet.supervisors) or glossary.phrase("work_sheet.no_supervisor",
                                                                 lang)
    return glossary.phrase("work_sheet.heading", lang, project=sheet.project_name,
                           date=_day_text(sheet.session_date, lang),
                           times=f"{sheet.start_time:%H:%M}–{sheet.end_time:%H:%M}",
                           supervisors=supervisors)


def _day_text(day: dt.date, language: Language) -> str:
    """"Friday 27 Nov 2026" / "Dydd Gwener 27 Tachwedd 2026" (Welsh months are not cut)."""
    if glossary.is_welsh(language):
        return glossary.long_date(day, language)
    return f"{glossary.phrase(f'weekday.{day.weekday()}', language)} {format_date(day)}"


def build_work_sheet(sheet: WorkSheet) -> list[Flowable]:
    """One sheet's story; pure, so it can be tested without a database."""
    fonts.register_fonts()  # the story measures its own text
    title = TextLines([[(sheet.project_name, fonts.BOLD, 15),
                        (f"   {sheet.project_code} · {sheet.project_type}", fonts.REGULAR, 9)]])
    sheet_word = glossary.phrase("work_sheet.sheet", sheet.language)
    sheet_box = Table([[TextLines([[(sheet_word, fonts.REGULAR, 8)],
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
            *build_records_to_check(sheet.to_check, what="this sheet", landscape=True,
                                    language=sheet.language)]


def work_sheet_section(sheet: WorkSheet) -> Section:
    """The sheet as one landscape, marked section of a batch; every page's header names the
    session, its date and its supervisor."""
    return Section(sheet_heading(sheet), sheet.sheet_id, build_work_sheet(sheet),
                   staff_only=True, landscape=True, language=sheet.language)


def render_work_sheet(sheet: WorkSheet, *, invariant: bool = False) -> bytes:
    return render_sections([work_sheet_section(sheet)], printed_at=sheet.printed_at,
                           printed_by=sheet.printed_by, invariant=invariant)


def render_work_sheets(sheets: Sequence[WorkSheet], *, title: str, printed_at: dt.datetime,
                       printed_by: str | None,
                       progress: ProgressFn | None = None,
                       is_cancelled: CancelledFn | None = None,
                       invariant: bool = False) -> bytes:
    """All ``sheets`` in one PDF, each paged on its own; ``progress(done, total, text)`` after each
    sheet is laid out and ``is_cancelled()`` checked before each.

    Raises:
        Cancelled: ``is_cancelled()`` returned True.
    """
    with collector_paused():  # the stories measure their text as they are built
        sections = [work_sheet_section(sheet) for sheet in sheets]
        return render_sections(sections, title=title, printed_at=printed_at,
                               printed_by=printed_by, invariant=invariant, progress=progress,
                               is_cancelled=is_cancelled)


def _details(sheet: WorkSheet) -> Table:
    """When, where, who and what to wear, in four blocks side by side."""
    size = _DETAIL_SIZE
    lang = sheet.language

    def say(key: str, **values: object) -> str:
        return glossary.phrase(f"work_sheet.{key}", lang, **values)

    def bold(text: str) -> Segment:
        return (text, fonts.BOLD, size)

    def plain(text: str) -> Segment:
        return (text, fonts.REGULAR, size)

    day = sheet.session_date
    # A Welsh date is too long for one line: the weekday above it, never "2026" alone.
    when = [[bold(_day_text(day, lang))]] if not glossary.is_welsh(lang) else [
        [bold(glossary.phrase(f"weekday.{day.weekday()}", lang))],
        [bold(glossary.short_date(day, lang))]]
    when += [[bold(say("times", start=f"{sheet.start_time:%H:%M}",
                       end=f"{sheet.end_time:%H:%M}"))],
             [plain(say("break", minutes=sheet.break_minutes))]]
    # A phone number never breaks across lines.
    contact = " · ".join(x.replace(" ", "\u00a0") if x is sheet.beneficiary_phone else x
                         for x in (sheet.beneficiary, sheet.beneficiary_contact,
                                   sheet.beneficiary_phone) if x)
    where = [[bold(say("site")), plain(sheet.site_address)],
             [bold(say("beneficiary")), plain(contact)]]
    supervisors = ", ".join(sheet.supervisors)
    call = (say("call_office", office=sheet.office_name) if sheet.office_name
            else say("call_the_office"))
    who = [[bold(say("supervisor")),
            plain(supervisors) if supervisors else bold(say("none_assigned"))],
           [bold(say("van")), plain(sheet.van or say("no_van"))],
           [bold(call),
            bold(sheet.office_phone) if sheet.office_phone else plain(say("no_number"))]]
    wear = [[bold(say("hi_vis")) if sheet.hi_vis_required else plain(say("no_hi_vis"))]]
    if sheet.female_only:
        wear.append([bold(say("female_only"))])
    wear.append([plain("; ".join(sheet.site_notes) if sheet.site_notes
                       else say("no_site_notes"))])
    table = Table([[TextLines(block) for block in (when, where, who, wear)]],
                  colWidths=[56 * mm, 80 * mm, 70 * mm, 55 * mm])
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


def _person_cells(row: WorkSheetRow, words: dict[str, str]) -> list[Cell]:
    # Plain strings and TextLines: a day's batch has thousands of cells, and a paragraph
    # costs a markup parse for each.
    pickup: list[Line] = [[(words["own_way"], fonts.REGULAR, _SMALL_SIZE)]]
    if row.pickup_point:
        pickup = [[(row.pickup_point, fonts.REGULAR, _SMALL_SIZE)]]
        if row.pickup_time:
            pickup.insert(0, [(f"{row.pickup_time:%H:%M}", fonts.BOLD, _SMALL_SIZE)])
    alerts = [[(alert, fonts.REGULAR, ALERT_SIZE)] for alert in row.alerts]
    return [str(row.row_number), TextLines([[(row.name, fonts.BOLD, _NAME_SIZE)]]), row.crn,
            TextLines(pickup),
            TextLines(alerts) if alerts else words["no_alerts"],
            *[BLANK] * (len(_WIDTHS) - _WRITE_FROM)]


def _strip(language: Language) -> list[Cell]:
    """The last row: the code key beside the supervisor's signature, kept with the rows."""
    size = _SMALL_SIZE

    def say(key: str) -> str:
        return glossary.phrase(key, language)

    outcomes = " · ".join(f"{o.code} {say(f'outcome.{o.code}').split('– ', 1)[-1]}"
                          for o in _ON_SITE_OUTCOMES)
    ratings = " · ".join(say(f"rating.{r.value}") for r in Rating)
    legend = TextLines([[(say("work_sheet.key_outcome"), fonts.BOLD, size),
                         (outcomes, fonts.REGULAR, size)],
                        [(say("work_sheet.not_arrived"), fonts.REGULAR, size)],
                        [(say("work_sheet.key_ratings"), fonts.BOLD, size),
                         (ratings, fonts.REGULAR, size),
                         (say("work_sheet.key_times"), fonts.BOLD, size),
                         (say("work_sheet.clock"), fonts.REGULAR, size)]], leading=1.25)
    cells: list[Cell] = [legend, *[BLANK] * (len(_WIDTHS) - 1)]
    cells[7] = say("work_sheet.signature")
    cells[12] = say("work_sheet.print_name")
    return cells


def _register(sheet: WorkSheet, first_page_room: float) -> list[Flowable]:
    """The register, one table per page, each with its own header row.

    Every row's height is fixed here, so the pages are cut here too: no table is split
    during layout, and the last person always shares a page with the spare rows and the
    signature.
    """
    lang = sheet.language
    words = {key: glossary.phrase(f"work_sheet.{key}", lang)
             for key in ("own_way", "no_alerts", "all_to_check", "nobody")}
    nobody = words["all_to_check"] if sheet.to_check else words["nobody"]
    people = [_person_cells(row, words) for row in sheet.rows] or [
        [BLANK, nobody, *[BLANK] * (len(_WIDTHS) - 2)]]
    heights = [_row_height(cells) for cells in people]
    headers = column_headers(lang)
    header_height = _header_height(headers)
    tail = SPARE_ROWS * _ROW_HEIGHT + _STRIP_HEIGHT
    pages: list[list[int]] = [[]]
    room = first_page_room - header_height
    for index, height in enumerate(heights):
        needed = height + (tail if index == len(heights) - 1 else 0)
        if pages[-1] and needed > room:
            pages.append([])
            room = LANDSCAPE_BODY_HEIGHT - header_height
        pages[-1].append(index)
        room -= height
    story: list[Flowable] = []
    for number, indexes in enumerate(pages):
        last_page = number == len(pages) - 1
        story.append(_page_table([people[i] for i in indexes], [heights[i] for i in indexes],
                                 with_tail=last_page, printed_rows=bool(sheet.rows),
                                 headers=headers, header_height=header_height,
                                 language=lang))
        if not last_page:
            story.append(PageBreak())
    return story


def _header_height(headers: tuple[str, ...]) -> float:
    """Room for the tallest header: two lines, or more where a Welsh header breaks again."""
    lines = max(2, *(header.count("\n") + 1 for header in headers))
    return _HEADER_HEIGHT + (lines - 2) * HEADER_SIZE * 1.2


def _page_table(people: list[list[Cell]], heights: list[float], *, with_tail: bool,
                printed_rows: bool, headers: tuple[str, ...], header_height: float,
                language: Language) -> Table:
    data: list[list[Cell]] = [list(headers), *people]
    row_heights = [header_height, *heights]
    people_end = len(data) - 1
    if with_tail:
        data += [[BLANK] * len(_WIDTHS) for _ in range(SPARE_ROWS)]
        data.append(_strip(language))
        row_heights += [_ROW_HEIGHT] * SPARE_ROWS + [_STRIP_HEIGHT]
    grid_end = len(data) - (2 if with_tail else 1)
    table = Table(data, colWidths=_WIDTHS, rowHeights=row_heights)
    commands: list[TableCommand] = [
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


def _row_height(cells: list[Cell]) -> float:
    """The writing height, or more if the name, pick-up or alerts need it."""
    needed = max((cell.wrap(width - 2 * _PAD_SIDE, 1000)[1]
                  for cell, width in zip(cells[:_WRITE_FROM], _WIDTHS, strict=False)
                  if isinstance(cell, TextLines)), default=0)
    return max(_ROW_HEIGHT, needed + _PAD_TOP + _PAD_BOTTOM)
