"""The figures screen's tables: the figures, one figure by month or by unit, and its cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.figures import LOWER_IS_BETTER, FigureKind
from upw_ttg.records.figures import FigureCase, FigureRow, FigureSplit, Tally, tally_text
from upw_ttg.time_text import format_minutes

from ui.formatting import format_date
from ui.models.table_model import Column, RowTableModel


def _percent_sort(tally: Tally) -> float:
    return -1.0 if tally.percent is None else tally.percent


def _counts(tally: Tally, kind: FigureKind) -> str:
    if kind == FigureKind.MINUTES:
        return f"{tally.count / 60:,.0f} hours"
    return f"{tally.count:,} of {tally.total:,}"


class FigureRowsModel(RowTableModel[FigureRow]):
    """Each figure of a group over the 12 months, and its last three months."""

    COLUMNS = (
        Column("Figure", lambda r: r.definition.label + (
            " (fewer is better)" if r.definition.key in LOWER_IS_BETTER else ""),
            tooltip=lambda r: f"Rule {r.definition.rule} in docs/rules.md"),
        Column("Question", lambda r: r.definition.question),
        Column("Cases", lambda r: _counts(r.overall, r.definition.kind),
               sort=lambda r: r.overall.total or r.overall.count, numeric=True),
        Column("12 months", lambda r: tally_text(r.overall, r.definition.kind),
               sort=lambda r: _percent_sort(r.overall), numeric=True),
        Column("Last month", lambda r: tally_text(r.by_month[-2], r.definition.kind),
               sort=lambda r: _percent_sort(r.by_month[-2]), numeric=True),
        Column("This month", lambda r: tally_text(r.by_month[-1], r.definition.kind),
               sort=lambda r: _percent_sort(r.by_month[-1]), numeric=True),
    )


@dataclass(frozen=True, slots=True)
class MonthTally:
    """One month of one figure, for the trend's table."""

    month: dt.date
    tally: Tally
    kind: FigureKind


class MonthTallyModel(RowTableModel[MonthTally]):
    COLUMNS = (
        Column("Month", lambda r: f"{r.month:%b %Y}", sort=lambda r: r.month),
        Column("Cases", lambda r: _counts(r.tally, r.kind),
               sort=lambda r: r.tally.total or r.tally.count, numeric=True),
        Column("%", lambda r: tally_text(r.tally, r.kind),
               sort=lambda r: _percent_sort(r.tally), numeric=True),
    )


@dataclass(frozen=True, slots=True)
class SplitTally:
    """One unit's or worker's share of one figure."""

    split: FigureSplit
    kind: FigureKind


class SplitModel(RowTableModel[SplitTally]):
    COLUMNS = (
        Column("Name", lambda r: r.split.name),
        Column("Cases", lambda r: _counts(r.split.tally, r.kind),
               sort=lambda r: r.split.tally.total or r.split.tally.count, numeric=True),
        Column("%", lambda r: tally_text(r.split.tally, r.kind),
               sort=lambda r: _percent_sort(r.split.tally), numeric=True),
    )


class FigureCasesModel(RowTableModel[FigureCase]):
    """The cases behind a figure: those that missed the standard first."""

    COLUMNS = (
        Column("Name", lambda r: r.person_name),
        Column("CRN", lambda r: r.crn),
        Column("Standard", lambda r: "Missed" if r.missed else (
            f"{format_minutes(r.minutes)} hours" if r.minutes else "Met"),
            sort=lambda r: (not r.missed, r.minutes)),
        Column("Date", lambda r: format_date(r.date) if r.date else "",
               sort=lambda r: r.date or dt.date.min),
        Column("Unit", lambda r: r.unit_name),
        Column("Worker", lambda r: r.worker_name),
        Column("What the figure read", lambda r: r.note, tooltip=lambda r: r.note),
    )
