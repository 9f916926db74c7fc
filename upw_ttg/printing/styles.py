"""The one style sheet for printed documents: fonts, colours, paragraph and table styles."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle

from upw_ttg.printing import fonts

# A table cell as reportlab draws it: text, a flowable, a list of flowables (an empty one
# draws nothing), or nothing.
Cell = str | Flowable | Sequence[Flowable] | None
# A table style command: its name, the first and last cell it applies to, then its values.
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[Any, ...]]

# Dark, high-contrast colours that survive a cheap office laser printer in black and white.
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#9aa3ad")
HEADER_FILL = colors.HexColor("#e3e8ee")
STRIPE_FILL = colors.HexColor("#f4f6f8")

# Page geometry shared by every document (A4; the template turns it for landscape).
MARGIN_SIDE = 18 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
CELL_PADDING = 3.5

BODY_SIZE = 10
# DejaVu Sans is wide (9pt sets like 10pt Arial), so 9pt keeps a nine-column table on A4.
TABLE_SIZE = 9
SMALL_SIZE = 8


@dataclass(frozen=True, slots=True)
class Styles:
    """Paragraph styles by role; documents never create their own.

    Headings do not use ``keepWithNext``: kept with a long table, a heading drags the whole
    table to a new page and leaves a blank one behind. Documents put a ``CondPageBreak``
    before each section instead.
    """

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    table_header: ParagraphStyle
    table_header_right: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_right: ParagraphStyle
    table_cell_small: ParagraphStyle
    page_header: ParagraphStyle
    page_footer: ParagraphStyle


@functools.cache
def get_styles() -> Styles:
    """The shared styles, built once after the embedded font is registered."""
    fonts.register_fonts()
    body = ParagraphStyle(
        "Body", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35,
        textColor=INK, alignment=TA_LEFT, spaceAfter=4)
    table_cell = ParagraphStyle(
        "TableCell", parent=body, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3, spaceAfter=0)
    table_header = ParagraphStyle(
        "TableHeader", parent=table_cell, fontName=fonts.BOLD, textColor=ACCENT)
    return Styles(
        title=ParagraphStyle(
            "Title", parent=body, fontName=fonts.BOLD, fontSize=20, leading=24,
            textColor=ACCENT, spaceAfter=2),
        subtitle=ParagraphStyle(
            "Subtitle", parent=body, fontName=fonts.BOLD, fontSize=14, leading=18,
            spaceAfter=2),
        heading=ParagraphStyle(
            "Heading", parent=body, fontName=fonts.BOLD, fontSize=13, leading=16,
            textColor=ACCENT, spaceBefore=14, spaceAfter=6),
        body=body,
        small=ParagraphStyle(
            "Small", parent=body, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.3, textColor=MUTED),
        note=ParagraphStyle(
            "Note", parent=body, fontName=fonts.ITALIC, textColor=MUTED),
        label=ParagraphStyle(
            "Label", parent=table_cell, fontName=fonts.BOLD, textColor=MUTED),
        value=ParagraphStyle("Value", parent=body, spaceAfter=0),
        table_header=table_header,
        table_header_right=ParagraphStyle(
            "TableHeaderRight", parent=table_header, alignment=TA_RIGHT),
        table_cell=table_cell,
        table_cell_right=ParagraphStyle(
            "TableCellRight", parent=table_cell, alignment=TA_RIGHT),
        table_cell_small=ParagraphStyle(
            "TableCellSmall", parent=table_cell, fontSize=SMALL_SIZE,
            leading=SMALL_SIZE * 1.3, textColor=MUTED),
        page_header=ParagraphStyle(
            "PageHeader", parent=body, fontSize=9, leading=11, textColor=MUTED),
        page_footer=ParagraphStyle(
            "PageFooter", parent=body, fontSize=8.5, leading=10, textColor=MUTED),
    )


def data_table_style(*, header_rows: int = 1, right_columns: Iterable[int] = (),
                     spaced_columns: Iterable[int] = (), striped: bool = True) -> TableStyle:
    """Grid style for a list table: shaded header that repeats, light rules, zebra rows.

    Args:
        header_rows: Rows at the top that form the header.
        right_columns: Indexes of numeric columns to right-align (for plain-string cells).
        spaced_columns: Indexes of left-aligned columns that follow a right-aligned one and
            need extra room so the two do not read as one.
        striped: Shade every other body row so wide rows are easy to follow.
    """
    commands: list[TableCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.9, ACCENT),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
    ]
    if striped:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1),
                         [colors.white, STRIPE_FILL]))
    for column in right_columns:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    for column in spaced_columns:
        commands.append(("LEFTPADDING", (column, 0), (column, -1), CELL_PADDING * 3))
    return TableStyle(commands)


def nested_table_style() -> TableStyle:
    """Style for a small table inside a cell (a list of labelled dates): no padding or rules."""
    return TableStyle([
        # Even an empty string cell sets a font; without this it would be Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])


def details_table_style() -> TableStyle:
    """Style for label/value grids (person details): no header, light rules between rows."""
    return TableStyle([
        # Even an empty string cell sets a font; without this it would be Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING + 2),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ])
