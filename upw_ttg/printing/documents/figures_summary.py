"""The figures on one landscape page: each figure over 12 months, month by month, and by unit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from upw_ttg.domain.codes import Language
from upw_ttg.domain.figures import LOWER_IS_BETTER, FigureKind
from upw_ttg.printing import glossary
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import MARGIN_SIDE, data_table_style, get_styles
from upw_ttg.printing.template import LANDSCAPE_BODY_HEIGHT
from upw_ttg.printing.text import escape
from upw_ttg.printing.words import Words
from upw_ttg.records.figures import UNKNOWN, WHOLE_SERVICE, FigureRow, Figures, Tally, tally_text

# Units beyond this many are left to the screen and the export: the page stays one page.
MOST_UNITS = 6
# The scope's own words (a unit's name prints as recorded).
_SCOPE_WORDS = {WHOLE_SERVICE: "whole_service", UNKNOWN: "unknown"}


def _month_text(tally: Tally, kind: FigureKind) -> str:
    """A month's cell, in whole percents: twelve of them share the page's width."""
    if kind == FigureKind.MINUTES or tally.percent is None:
        return tally_text(tally, kind)
    return f"{tally.percent:.0f}%"


def _counts(row: FigureRow, w: Words) -> str:
    if row.definition.kind == FigureKind.MINUTES:
        return w.text("hours", count=f"{row.overall.count / 60:,.0f}")
    return w.text("count_of", count=f"{row.overall.count:,}", total=f"{row.overall.total:,}")


def _month(day: dt.date, w: Words) -> str:
    """A month column's heading: "Jul" in English; in Welsh the month's number and year
    ("7/26"), as twelve of the glossary's full month names ("Gorffennaf") do not fit."""
    return f"{day.month}/{day:%y}" if w.welsh else f"{day:%b}"


def _month_year(day: dt.date, w: Words) -> str:
    return f"{glossary.month(day, w.language)} {day.year}" if w.welsh else f"{day:%B %Y}"


def _label(row: FigureRow, w: Words) -> str:
    """A figure's name, unescaped: from the glossary, or as defined if it has no term yet."""
    key = f"figure.{row.definition.key}"
    return w.text(key) if w.welsh and w.has(key) else row.definition.label


def _scope(figures: Figures, w: Words) -> str:
    return ", ".join(w.text(f"figures.{_SCOPE_WORDS[part]}") if part in _SCOPE_WORDS else part
                     for part in figures.scope.split(", "))


def build_figures_summary(figures: Figures,
                          language: Language = Language.ENGLISH) -> list[Flowable]:
    """Who it covers and when, a table of the figures by month and one by unit, and how to
    read them; the fixed words in ``language``."""
    s = get_styles()
    w = Words(language, "figures")
    first, last, today = figures.months[0], figures.months[-1], figures.today
    this_month = (f"{today.day} {glossary.month(today, w.language)}" if w.welsh
                  else f"{today.day} {today:%B}")
    story: list[Flowable] = [
        Paragraph(w("period", scope=_scope(figures, w), first=_month_year(first, w),
                    last=_month_year(last, w), today=this_month), s.body),
        Spacer(1, 2 * mm)]
    header = [w(f"col_{key}") for key in ("figure", "question", "cases", "year")] + \
        [_month(m, w) for m in figures.months]
    rows: list[list[Any]] = [[Paragraph(h, s.table_header) for h in header]]
    for row in figures.rows:
        kind = row.definition.kind
        label = _label(row, w) + (w.text("fewer_is_better")
                                  if row.definition.key in LOWER_IS_BETTER else "")
        rows.append([Paragraph(escape(label), s.table_cell_small),
                     row.definition.question, _counts(row, w), tally_text(row.overall, kind),
                     *(_month_text(t, kind) for t in row.by_month)])
    # "12/25" needs a little more than "Dec": the Welsh month columns take it from the rest.
    first_columns, month_width = (([50, 10, 30, 16], 12.5) if w.welsh
                                  else ([56, 10, 36, 16], 11))
    widths = [x * mm for x in first_columns] + [month_width * mm] * len(figures.months)
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style(right_columns=range(2, len(header))))
    story += [table, Spacer(1, 4 * mm)]
    units = _units(figures)[:MOST_UNITS]
    if units:
        rows = [[Paragraph(h, s.table_header)
                 for h in (w("col_figure"), *(escape(u) for u in units))]]
        for row in figures.rows:
            by_name = {split.name: split.tally for split in row.by_unit}
            rows.append([Paragraph(escape(_label(row, w)), s.table_cell_small),
                         *(tally_text(by_name.get(name, Tally()), row.definition.kind)
                           for name in units)])
        table = Table(rows, colWidths=[62 * mm] + [30 * mm] * len(units), repeatRows=1,
                      hAlign="LEFT")
        table.setStyle(data_table_style(right_columns=range(1, len(units) + 1)))
        story += [Paragraph(w(f"by_unit.{figures.group.value}"), s.heading), table]
    story += [Spacer(1, 3 * mm), Paragraph(w("how_to_read"), s.small)]
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
                           printed_by: str | None, invariant: bool = False,
                           language: Language = Language.ENGLISH) -> bytes:
    """The summary as PDF bytes on one landscape page, marked for staff only."""
    w = Words(language, "figures")
    return render_pdf(build_figures_summary(figures, w.language),
                      title=w.text(f"title.{figures.group.value}"),
                      reference=f"FIG-{figures.group.value.upper()}-{figures.today:%Y%m%d}",
                      printed_at=printed_at, printed_by=printed_by, staff_only=True,
                      landscape=True, invariant=invariant, language=w.language)
