"""The figures managers and inspectors read: counts per month, unit and worker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.figures import FigureDefinition, FigureGroup, FigureKind

# What a figures reading covers when kept to no unit or worker, and the name of a unit or
# worker no longer on record (the printed summary says them in its own language).
WHOLE_SERVICE = "Whole service"
UNKNOWN = "Unknown"


@dataclass(frozen=True, slots=True)
class Tally:
    count: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.total, 1) if self.total else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.count + other.count, self.total + other.total)


@dataclass(frozen=True, slots=True)
class FigureSplit:
    """One unit's (delivery unit or prison) or one worker's tally; ``key_id`` None is "not
    recorded" (a person with no office, a case with no worker)."""

    key_id: int | None
    name: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class FigureRow:
    definition: FigureDefinition
    overall: Tally
    by_month: tuple[Tally, ...]
    by_unit: tuple[FigureSplit, ...]
    by_worker: tuple[FigureSplit, ...]


@dataclass(frozen=True, slots=True)
class Figures:
    """One group's figures over ``months`` (first days, oldest first), as at ``today``."""

    group: FigureGroup
    today: dt.date
    months: tuple[dt.date, ...]
    unit_label: str
    scope: str
    rows: tuple[FigureRow, ...]

    def row(self, key: str) -> FigureRow:
        return next(r for r in self.rows if r.definition.key == key)


@dataclass(frozen=True, slots=True)
class FigureCase:
    """One case behind a figure: who, where, which month, whether it is counted in the figure
    (``met``) and whether it fell short of the standard (``missed``: not counted, or, for a
    figure where fewer is better, counted)."""

    person_id: int | None
    person_name: str
    crn: str
    unit_name: str
    worker_name: str
    month: dt.date
    date: dt.date | None
    met: bool
    note: str
    minutes: int = 0
    missed: bool = False


def tally_text(tally: Tally, kind: FigureKind = FigureKind.RATE) -> str:
    """A tally as shown and printed: "87.9%" (or "–" with nothing to count); hours for
    hours, in thousands from 10,000."""
    if kind == FigureKind.MINUTES:
        if not tally.count:
            return "–"
        hours = tally.count / 60
        return f"{hours / 1000:.1f}k" if hours >= 10_000 else f"{hours:,.0f}"
    return "–" if tally.percent is None else f"{tally.percent:.1f}%"
