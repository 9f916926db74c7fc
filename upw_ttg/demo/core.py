"""Shared state of one demo run: scale, dates, id counters, working days and the rows to save."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from upw_ttg.domain.working_days import WorkingCalendar


@dataclass(frozen=True, slots=True)
class ScaleSpec:
    """How big a demo is: people by kind and the number of projects."""

    upw_people: int
    ttg_people: int
    other_people: int
    projects: int
    coordinators_per_office: int
    workers_per_prison: int


SCALE_SPECS: dict[str, ScaleSpec] = {
    "small": ScaleSpec(upw_people=125, ttg_people=55, other_people=120, projects=18,
                       coordinators_per_office=1, workers_per_prison=1),
    "crc": ScaleSpec(upw_people=4_820, ttg_people=680, other_people=0, projects=60,
                     coordinators_per_office=2, workers_per_prison=3),
    "national": ScaleSpec(upw_people=19_700, ttg_people=20_000, other_people=60_300,
                          projects=215, coordinators_per_office=6, workers_per_prison=12),
}


class Weighted:
    """A weighted choice costing one random number and a bisect (random.choices is slower)."""

    def __init__(self, weights: dict[Any, float]):
        self.keys = list(weights)
        self.cumulative = list(accumulate(weights.values()))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.keys[bisect_right(self.cumulative, rng.random() * self.total)]


class Workdays:
    """Working days (no weekends or bank holidays) between two dates, for due-date arithmetic."""

    def __init__(self, first: dt.date, last: dt.date):
        holidays: set[int] = set()
        no_sessions: set[int] = set()
        calendar = WorkingCalendar()
        for year in range(first.year, last.year + 1):
            # Outside the holidays library's range, weekends alone are close enough here.
            with contextlib.suppress(ValueError):
                holidays.update(d.toordinal() for d in calendar.bank_holidays(year))
                no_sessions.update(d.toordinal() for d in calendar.no_session_days(year))
        self.bank_holidays = frozenset(holidays)
        # No session on a bank holiday's own date either, even at a weekend.
        self.no_session_days = frozenset(holidays | no_sessions)
        self._days = [o for o in range(first.toordinal(), last.toordinal() + 1)
                      if (o % 7) not in (6, 0) and o not in holidays]
        # date.toordinal() % 7: 0 is Sunday, 6 is Saturday.

    def add(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (n >= 1)."""
        index = bisect_right(self._days, day.toordinal()) + n - 1
        index = min(index, len(self._days) - 1)
        return dt.date.fromordinal(self._days[index])

    def on_or_before(self, day: dt.date) -> dt.date:
        index = bisect_right(self._days, day.toordinal()) - 1
        return dt.date.fromordinal(self._days[max(index, 0)])

    def between(self, start: dt.date, end: dt.date) -> int:
        return (bisect_right(self._days, end.toordinal())
                - bisect_right(self._days, start.toordinal()))

    def is_working(self, day: dt.date) -> bool:
        i = bisect_left(self._days, day.toordinal())
        return i < len(self._days) and self._days[i] == day.toordinal()


@dataclass(slots=True)
class TableRows:
    """Rows for one table: dicts (missing nullable columns become NULL) or complete tuples."""

    dicts: list[dict[str, Any]] = field(default_factory=list)
    columns: tuple[str, ...] | None = None
    tuples: list[tuple[Any, ...]] = field(default_factory=list)


class Sink:
    """Every row the generator makes, by table, until they are saved in dependency order."""

    def __init__(self) -> None:
        self.tables: dict[str, TableRows] = {}

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.tables.setdefault(table, TableRows()).dicts.append(row)

    def tuple_rows(self, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
        rows = self.tables.setdefault(table, TableRows())
        rows.columns = columns
        return rows.tuples

    def count(self, table: str) -> int:
        rows = self.tables.get(table)
        return 0 if rows is None else len(rows.dicts) + len(rows.tuples)


@dataclass(slots=True)
class OfficeInfo:
    id: int
    code: str
    name: str
    unit: str
    index: int


@dataclass
class Context:
    """What every stage reads and writes."""

    scale: str
    spec: ScaleSpec
    seed: int
    today: dt.date
    sink: Sink
    next_ids: dict[str, int]
    offices: list[OfficeInfo]
    prisons: dict[str, int]
    workdays: Workdays
    staff: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        """The first day of the three years of history."""
        return self.today - dt.timedelta(days=3 * 365 + 1)

    def rng(self, stage: str) -> random.Random:
        # One stream per stage, so changing one stage does not reshuffle all the others.
        return random.Random(f"{self.seed}:{stage}")

    def ids(self, table: str, count: int = 1) -> int:
        """Reserve ``count`` ids of ``table``; returns the first."""
        first = self.next_ids[table]
        self.next_ids[table] = first + count
        return first


def stamp(day: dt.date, minutes: int = 9 * 60) -> dt.datetime:
    """A created/updated time on ``day``: deterministic, so the same seed gives the same data."""
    return dt.datetime.combine(day, dt.time(minutes // 60 % 24, minutes % 60))


def versioned(day: dt.date, by: int | None, minutes: int = 9 * 60) -> dict[str, Any]:
    at = stamp(day, minutes)
    return {"version": 1, "created_at": at, "updated_at": at, "updated_by_id": by}


def hhmm(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)
