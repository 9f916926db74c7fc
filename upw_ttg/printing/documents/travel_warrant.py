"""The printed travel warrant: the part the person hands over, and the office's counterfoil."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from upw_ttg.domain.codes import WarrantMode
from upw_ttg.domain.upw_print import TravelWarrantData
from upw_ttg.printing import fonts, styles
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import Styles, details_table_style, get_styles
from upw_ttg.printing.template import Section
from upw_ttg.printing.text import escape, format_date

TITLE = "Travel warrant"
_MODES = {WarrantMode.BUS: "Bus", WarrantMode.TRAIN: "Train"}
_COLUMNS = ("30%", "70%")
_COUNTERFOIL_COLUMNS = ("19%", "31%", "19%", "31%")


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def _dates(data: TravelWarrantData) -> str:
    if data.valid_from == data.valid_to:
        return format_date(data.valid_from)
    return f"{format_date(data.valid_from)} to {format_date(data.valid_to)}"


def _valid_label(data: TravelWarrantData) -> str:
    return "Valid on" if data.valid_from == data.valid_to else "Valid from"


def build_travel_warrant(data: TravelWarrantData) -> list[Flowable]:
    """The warrant above a cut line, the counterfoil below it."""
    s = get_styles()
    return [*_warrant(data, s), Spacer(1, 8 * mm), *_cut_line(s), Spacer(1, 4 * mm),
            *_counterfoil(data, s)]


def render_travel_warrant(data: TravelWarrantData) -> bytes:
    return render_sections([warrant_section(data)], printed_at=data.printed_at,
                           printed_by=data.printed_by)


def warrant_section(data: TravelWarrantData) -> Section:
    """The warrant as one section of a batch; the counterfoil already names the issuer."""
    return Section(f"{TITLE} {data.serial_text}", data.serial_text, build_travel_warrant(data),
                   staff_only=False, show_printed_by=False)


def _warrant(data: TravelWarrantData, s: Styles) -> list[Flowable]:
    serial_label = ParagraphStyle("SerialLabel", parent=s.small, alignment=TA_RIGHT)
    serial_style = ParagraphStyle("Serial", parent=s.title, alignment=TA_RIGHT,
                                  textColor=styles.INK)
    serial = [Paragraph("Serial number", serial_label),
              Paragraph(f"<b>{escape(data.serial_text)}</b>", serial_style)]
    heading = Table([[Paragraph(TITLE, s.title), serial]], colWidths=("55%", "45%"))
    heading.setStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                      ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                      ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    office = data.office
    issuer = "<br/>".join([f"<b>{escape(office.name)}</b>",
                           *(escape(x) for x in office.address_lines)]
                          + ([f"Phone {escape(office.phone)}"] if office.phone else []))
    rows = [
        ("Passenger", f"<b>{escape(data.person_name)}</b>"),
        ("Journey", f"<b>{escape(data.travel_from)}</b> to <b>{escape(data.travel_to)}</b> "
                    "and back"),
        ("By", _MODES.get(data.mode, data.mode.value)),
        (_valid_label(data), f"<b>{_dates(data)}</b>"),
        ("Issued by", issuer),
    ]
    table = Table([[Paragraph(k, s.label), Paragraph(v, s.value)] for k, v in rows],
                  colWidths=_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    signature = Table([[Paragraph("Signature, for the issuing office", s.small), "",
                        Paragraph("Date", s.small)],
                       [Paragraph(escape(data.issued_by or ""), s.body), "",
                        Paragraph(format_date(data.issued_on), s.body)]],
                      colWidths=("55%", "10%", "35%"), hAlign="LEFT")
    signature.setStyle([("LINEABOVE", (0, 0), (0, 0), 0.6, styles.INK),
                        ("LINEABOVE", (2, 0), (2, 0), 0.6, styles.INK),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return [heading, Spacer(1, 3 * mm), table, Spacer(1, 4 * mm),
            Paragraph("Hand this warrant to the ticket office or the driver in exchange for "
                      "your ticket. It is valid only for the journey and dates shown, and "
                      "only for the person named. It cannot be exchanged for money.", s.body),
            Spacer(1, 12 * mm), signature]


def _cut_line(s: Styles) -> list[Flowable]:
    return [Paragraph("✂  Cut here. The counterfoil below stays with the issuing office.",
                      s.small),
            HRFlowable(width="100%", thickness=0.8, color=styles.MUTED, dash=(4, 3),
                       spaceBefore=1 * mm, spaceAfter=1 * mm)]


def _counterfoil(data: TravelWarrantData, s: Styles) -> list[Flowable]:
    pairs = [
        ("Serial", f"<b>{escape(data.serial_text)}</b>"), ("Issued", format_date(data.issued_on)),
        ("Passenger", escape(data.person_name)), ("CRN", escape(data.crn)),
        ("Journey", f"{escape(data.travel_from)} to {escape(data.travel_to)}"),
        ("By", _MODES.get(data.mode, data.mode.value)),
        (_valid_label(data), _dates(data)), ("Fare", f"<b>{pounds(data.fare_pence)}</b>"),
        ("Eligible", escape(data.eligibility)), ("Issued by", escape(data.issued_by or "")),
    ]
    cells = [[Paragraph(k, s.label), Paragraph(v, s.value)] for k, v in pairs]
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=_COUNTERFOIL_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    returned = Table([[Paragraph("☐ Used&nbsp;&nbsp;&nbsp;☐ Returned unused&nbsp;&nbsp;&nbsp;"
                                 "☐ Void", s.body),
                       Paragraph("Checked by ____________________", s.body)]],
                     colWidths=("55%", "45%"), hAlign="LEFT")
    returned.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    return [Paragraph("Counterfoil: office copy", s.subtitle), table, Spacer(1, 3 * mm),
            returned]
