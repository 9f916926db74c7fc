"""The figures on one landscape page: each figure over 12 months, month by month, and by unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from upw_ttg.domain.figures import LOWER_IS_BETTER
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import MARGIN_SIDE, data_table_style, get_styles
from upw_ttg.printing.template import LANDSCAPE_BODY_HEIGHT
from upw_ttg.printing.text import escape
from upw_ttg.records.figures import FigureGroup, FigureKind, FigureRow, Figures, Tally, tally_text

TITLES = {FigureGroup.UPW: "Unpaid Work figures", FigureGroup.TTG: "Through the Gate figures"}
# Units beyond this many are left to the screen and the export: the page stays one page.
MOST_UNITS = 6


def _month_text(tally: Tally, kind: FigureKind) -> str:
    """A month's cell, in whole percents: twelve of them share the page's width."""
    if kind == FigureKind.MINUTES or tally.percent is None:
        return tally_text(tally, kind)
    return f"{tally.percent:.0f}%"


def _counts(row: FigureRow) -> str:
    if row.definition.kind == FigureKind.MINUTES:
        return f"{row.overall.count / 60:,.0f} hours"
    return f"{row.overall.count:,} of {row.overall.total:,}"


def build_figures_summary(figures: Figures) -> list[Flowable]:
    """Who it covers and when, a table of the figures by month and one by unit, and how to
    read them."""
    s = get_styles()
    first, last = figures.months[0], figures.months[-1]
    story: list[Flowable] = [
        Paragraph(f"{escape(figures.scope)}: the 12 months from {first:%B %Y} to "
                  f"{last:%B %Y} (this month to {figures.today.day} {figures.today:%B}).",
                  s.body),
        Spacer(1, 2 * mm)]
    header = ["Figure", "Q.", "Cases", "12 months"] + [f"{m:%b}" for m in figures.months]
    rows: list[list[Any]] = [[Paragraph(h, s.table_header) for h in header]]
    for row in figures.rows:
        kind = row.definition.kind
        label = row.definition.label + (" (fewer is better)"
                                        if row.definition.key in LOWER_IS_BETTER else "")
        rows.append([Paragraph(escape(label), s.table_cell_small),
                     row.definition.question, _counts(row), tally_text(row.overall, kind),
                     *(_month_text(t, kind) for t in row.by_month)])
    widths = [56 * mm, 10 * mm, 36 * mm, 16 * mm] + [11 * mm] * len(figures.months)
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style(right_columns=range(2, len(header))))
    story += [table, Spacer(1, 4 * mm)]
    units = _units(figures)[:MOST_UNITS]
    if units:
        header = ["Figure", *units]
        rows = [[Paragraph(escape(h), s.table_header) for h in header]]
        for row in figures.rows:
            by_name = {split.name: split.tally for split in row.by_unit}
            rows.append([Paragraph(escape(row.definition.label), s.table_cell_small),
                         *(tally_text(by_name.get(name, Tally()), row.definition.kind)
                           for name in units)])
        table = Table(rows, colWidths=[62 * mm] + [30 * mm] * len(units), repeatRows=1,
                      hAlign="LEFT")
        table.setStyle(data_table_style(right_columns=range(1, len(header))))
        story += [Paragraph(f"By {figures.unit_label.lower()}, over the 12 months",
                            s.heading), table]
    story += [Spacer(1, 3 * mm), Paragraph(
        "Each figure is the share of cases that met the standard, counted in the month its "
        "deadline fell (see docs/rules.md, FIG-1 to FIG-15); a case not yet due is not "
        "counted. Q. is the inspection question. The screen lists the cases behind every "
        "number.", s.small)]
    # One page whatever the names' lengths: a long list of units shrinks rather than spills.
    width = landscape(A4)[0] - 2 * MARGIN_SIDE
    return [KeepInFrame(width, LANDSCAPE_BODY_HEIGHT - 2 * mm, story, mode="shrink")]


def _units(figures: Figures) -> list[str]:
    names: list[str] = []
    for row in figures.rows:
        for split in row.by_unit:
            if split.name not in names:
                names.append(split.name)
    return names


def render_figures_summary(figures: Figures, *, printed_at: dt.datetime,
                           printed_by: str | None, invariant: bool = False) -> bytes:
    """The summary as PDF bytes on one landscape page, marked for staff only."""
    return render_pdf(build_figures_summary(figures), title=TITLES[figures.group],
                      reference=f"FIG-{figures.group.value.upper()}-{figures.today:%Y%m%d}",
                      printed_at=printed_at, printed_by=printed_by, staff_only=True,
                      landscape=True, invariant=invariant)
