"""The printed travel warrant: the part the person hands to the bus driver or ticket office,
the operator's instructions and boxes, and the office's counterfoil; English or Welsh.

Only an issued warrant printed for the first time is valid for travel. A reprint says "Copy,
original issued …"; a void, used or returned warrant says so in words and across the page.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from upw_ttg.domain.codes import WarrantStatus
from upw_ttg.printing import fonts, glossary, styles
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import Styles, details_table_style, get_styles
from upw_ttg.printing.template import Section
from upw_ttg.printing.text import escape
from upw_ttg.records.upw_print import TravelWarrantData

_COLUMNS = ("27%", "73%")
_COUNTERFOIL_COLUMNS = ("17%", "33%", "17%", "33%")
_DATE_COLUMNS = 2
_WATERMARK_SIZE = 96
_WATERMARK_GREY = colors.Color(0.55, 0.55, 0.55, alpha=0.35)


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def _w(key: str, data: TravelWarrantData, **values: object) -> str:
    return glossary.phrase(key, data.language, **values)


def status_mark(data: TravelWarrantData) -> str | None:
    """The word across a warrant that is not valid for travel (VOID, USED, …), or None."""
    if data.status != WarrantStatus.ISSUED:
        return _w(f"warrant.mark.{data.status.value}", data)
    return _w("warrant.mark.copy", data) if data.copy else None


def status_words(data: TravelWarrantData) -> str | None:
    """The sentence under the heading saying why the warrant is not valid, or None."""
    if data.status != WarrantStatus.ISSUED:
        return _w(f"warrant.words.{data.status.value}", data)
    if data.copy:
        return _w("warrant.words.copy", data, date=glossary.short_date(data.issued_on,
                                                                        data.language))
    return None


def title(data: TravelWarrantData) -> str:
    return _w(f"warrant.title.{data.mode.value}", data)


class _Watermark(Flowable):
    """Invisible in the flow: draws ``text`` large and grey across the middle of the frame."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self._frame = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._frame = (avail_width, avail_height)
        return 0, 0

    def draw(self) -> None:
        width, height = self._frame
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(_WATERMARK_GREY)
        # As large as fits across the page on the slant, so a long Welsh word stays whole.
        natural = stringWidth(self.text, fonts.BOLD, _WATERMARK_SIZE)
        size = min(_WATERMARK_SIZE, _WATERMARK_SIZE * width * 0.95 / natural)
        canvas.setFont(fonts.BOLD, size)
        canvas.translate(width / 2, -height * 0.42)
        canvas.rotate(32)
        canvas.drawCentredString(0, -size / 3, self.text)
        canvas.restoreState()


def build_travel_warrant(data: TravelWarrantData) -> list[Flowable]:
    """The warrant above a cut line, the counterfoil below it."""
    s = get_styles()
    mark = status_mark(data)
    story: list[Flowable] = [_Watermark(mark)] if mark else []
    return [*story, *_warrant(data, s), Spacer(1, 3 * mm), *_cut_line(data, s),
            Spacer(1, 1 * mm), *_counterfoil(data, s)]


def render_travel_warrant(data: TravelWarrantData) -> bytes:
    return render_sections([warrant_section(data)], printed_at=data.printed_at,
                           printed_by=data.printed_by)


def warrant_section(data: TravelWarrantData) -> Section:
    """The warrant as one section of a batch; the counterfoil already names the issuer."""
    mark = status_mark(data)
    heading = f"{title(data)} {data.serial_text}" + (f" – {mark}" if mark else "")
    return Section(heading, data.serial_text, build_travel_warrant(data), staff_only=False,
                   language=data.language, show_printed_by=False)


def _heading(data: TravelWarrantData, s: Styles) -> Flowable:
    serial_label = ParagraphStyle("SerialLabel", parent=s.small, alignment=TA_RIGHT)
    serial_style = ParagraphStyle("Serial", parent=s.title, alignment=TA_RIGHT,
                                  textColor=styles.INK)
    serial = [Paragraph(_w("warrant.serial", data), serial_label),
              Paragraph(f"<b>{escape(data.serial_text)}</b>", serial_style)]
    heading = Table([[Paragraph(title(data), s.title), serial]], colWidths=("60%", "40%"))
    heading.setStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                      ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return heading


def _status_box(words: str, s: Styles) -> Flowable:
    style = ParagraphStyle("WarrantStatus", parent=s.subtitle, fontSize=12, leading=15,
                           textColor=styles.INK)
    box = Table([[Paragraph(escape(words), style)]], colWidths=("100%",))
    box.setStyle([("BOX", (0, 0), (-1, -1), 2, styles.INK),
                  ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                  ("FONTNAME", (0, 0), (-1, -1), fonts.BOLD)])
    return box


def _dates_table(data: TravelWarrantData, s: Styles) -> Flowable:
    """One line per day of travel, with a box the operator ticks when issuing that day's
    ticket; in columns when there are many."""
    days = [f"☐&nbsp;&nbsp;{escape(glossary.long_date(d, data.language))}"
            for d in data.travel_dates]
    columns = 1 if len(days) <= 2 else _DATE_COLUMNS
    rows = [days[i:i + columns] for i in range(0, len(days), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table([[Paragraph(d, s.table_cell) if d else "" for d in row] for row in rows],
                  colWidths=[f"{100 / columns}%"] * columns, hAlign="LEFT")
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return table


def _fare(data: TravelWarrantData) -> str:
    total = pounds(data.fare_pence)
    days = len(data.travel_dates)
    if days == 1:
        return _w("warrant.fare.one_day", data, total=total)
    return _w("warrant.fare.days", data, total=total, days=days)


def _issuer(data: TravelWarrantData) -> str:
    office = data.office
    lines = [f"<b>{escape(office.organisation)}</b>, "
             + escape(glossary.phrase("letter.team", data.language, office=office.name)),
             escape(", ".join(office.address_lines))]
    if office.phone:
        lines.append(f"{_w('service.phone', data)}: "
                     f"<b>{escape(office.phone).replace(' ', '&nbsp;')}</b>")
    return "<br/>".join(lines)


def _warrant(data: TravelWarrantData, s: Styles) -> list[Flowable]:
    mode = data.mode.value
    journey = "return" if data.return_journey else "single"
    story: list[Flowable] = [_heading(data, s), Spacer(1, 2 * mm)]
    words = status_words(data)
    if words:
        story += [_status_box(words, s), Spacer(1, 2 * mm)]
    route = _w("warrant.from_to", data, start=f"<b>{escape(data.travel_from)}</b>",
               end=f"<b>{escape(data.travel_to)}</b>")
    rows: list[tuple[str, Flowable | str]] = [
        (_w("warrant.passenger", data), f"<b>{escape(data.person_name)}</b>"),
        (_w("warrant.journey", data), route),
        (_w("warrant.ticket", data), f"<b>{_w(f'warrant.ticket.{mode}.{journey}', data)}</b>"),
        (_w("warrant.dates", data), _dates_table(data, s)),
        (_w("warrant.fare", data), _fare(data)),
        (_w("warrant.issued_by", data), _issuer(data)),
    ]
    table = Table([[Paragraph(k, s.label), v if isinstance(v, Flowable)
                    else Paragraph(v, s.value)] for k, v in rows],
                  colWidths=_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    story += [table, Spacer(1, 3 * mm), *_operator(data, s), Spacer(1, 3 * mm),
              Paragraph(f"<b>{_w('warrant.for_person', data)}</b>", s.body),
              Paragraph(_w(f"warrant.person.{mode}", data), s.body), Spacer(1, 5 * mm),
              _signature(data, s)]
    return story


def _operator(data: TravelWarrantData, s: Styles) -> list[Flowable]:
    """What the driver or ticket office does, who to bill, and the boxes they fill in."""
    office = data.office
    values = dict(organisation=escape(office.organisation), office=escape(office.name),
                  account=f"<b>{escape(office.warrant_account or '')}</b>")
    key = "warrant.operator" if office.warrant_account else "warrant.operator.no_account"
    text = _w(key, data, **values)
    if office.phone:
        text += " " + _w("warrant.operator.queries", data,
                         phone=escape(office.phone).replace(" ", "&nbsp;"))
    heading = _w(f"warrant.for_operator.{data.mode.value}", data)
    boxes = Table([[Paragraph(_w("warrant.box.ticket", data), s.small),
                    Paragraph(_w("warrant.box.fare", data), s.small),
                    Paragraph(_w("service.date", data), s.small),
                    Paragraph(_w("warrant.box.stamp", data), s.small)],
                   ["", "£", "", ""]],
                  colWidths=("34%", "18%", "18%", "30%"), rowHeights=[None, 10 * mm],
                  hAlign="LEFT")
    boxes.setStyle([("GRID", (0, 0), (-1, -1), 0.8, styles.INK),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return [KeepTogether([Paragraph(f"<b>{heading}</b>", s.body), Paragraph(text, s.body),
                          boxes])]


def _signature(data: TravelWarrantData, s: Styles) -> Flowable:
    signature = Table([[Paragraph(_w("warrant.signature", data), s.small), "",
                        Paragraph(_w("warrant.issued_on", data), s.small)],
                       [Paragraph(escape(data.issued_by or ""), s.body), "",
                        Paragraph(glossary.short_date(data.issued_on, data.language), s.body)]],
                      colWidths=("55%", "10%", "35%"), hAlign="LEFT")
    signature.setStyle([("LINEABOVE", (0, 0), (0, 0), 0.6, styles.INK),
                        ("LINEABOVE", (2, 0), (2, 0), 0.6, styles.INK),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return signature


def _cut_line(data: TravelWarrantData, s: Styles) -> list[Flowable]:
    return [Paragraph(f"✂  {_w('warrant.cut', data)}", s.small),
            HRFlowable(width="100%", thickness=0.8, color=styles.MUTED, dash=(4, 3),
                       spaceBefore=1 * mm, spaceAfter=1 * mm)]


def _counterfoil(data: TravelWarrantData, s: Styles) -> list[Flowable]:
    first, last = data.travel_dates[0], data.travel_dates[-1]
    dates = glossary.short_date(first, data.language)
    if last != first:
        dates = _w("warrant.from_to", data, start=dates,
                   end=glossary.short_date(last, data.language))
    mode = data.mode.value
    journey = "return" if data.return_journey else "single"
    pairs = [
        (_w("warrant.serial", data), f"<b>{escape(data.serial_text)}</b>"),
        (_w("warrant.issued_on", data), glossary.short_date(data.issued_on, data.language)),
        (_w("warrant.passenger", data), escape(data.person_name)),
        (_w("warrant.crn", data), escape(data.crn)),
        (_w("warrant.journey", data), _w("warrant.from_to", data,
                                         start=escape(data.travel_from),
                                         end=escape(data.travel_to))),
        (_w("warrant.ticket", data), f"{_w(f'warrant.mode.{mode}', data)}, "
                                     f"{_w(f'warrant.kind.{journey}', data)}"),
        (_w("warrant.dates", data), dates),
        (_w("warrant.fare", data), f"<b>{pounds(data.fare_pence)}</b>"),
        (_w("warrant.eligible", data), escape(data.eligibility)),
        (_w("warrant.status", data), _w(f"warrant.state.{data.status.value}", data)
         + (f" ({_w('warrant.mark.copy', data)})" if data.copy else "")),
    ]
    cells = [[Paragraph(k, s.label), Paragraph(v, s.table_cell)] for k, v in pairs]
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=_COUNTERFOIL_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    table.setStyle([("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    ticks = "&nbsp;&nbsp;&nbsp;".join(
        f"☐ {_w(f'warrant.state.{state}', data)}"
        for state in ("used", "returned_unused", "void"))
    returned = Table([[Paragraph(ticks, s.table_cell),
                       Paragraph(f"{_w('warrant.checked_by', data)} ____________________",
                                 s.table_cell)]],
                     colWidths=("60%", "40%"), hAlign="LEFT")
    returned.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return [KeepTogether([Paragraph(f"<b>{_w('warrant.counterfoil', data)}</b>", s.body), table,
                          Spacer(1, 2 * mm), returned])]


