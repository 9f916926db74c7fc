"""What every figure's query shares: the scope asked for, a fact per case, and the tallies."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, namedtuple
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Select, func
from sqlalchemy.orm import Session

from upw_ttg.domain.figures import DEFINITIONS, FigureGroup, month_end, month_of
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.records.figures import FigureRow, Figures, FigureSplit, Tally


@dataclass
class Scope:
    """One reading of the figures: the window of anchor dates, the unit and worker asked for,
    and whether each case is wanted (a drill-down) or only the counts."""

    session: Session
    today: dt.date
    start: dt.date
    end: dt.date
    calendar: WorkingCalendar
    settings: Mapping[str, Any]
    unit_id: int | None = None
    worker_id: int | None = None
    detail: bool = False
    only: str | None = None
    cache: dict[str, Any] = field(default_factory=dict)

    def wants(self, key: str) -> bool:
        return self.only is None or self.only == key

    def summarised(self) -> tuple[dt.date | None, dt.date]:
        """The months read from the orders' monthly summary (rule FIG-16), as the first and
        the one after the last (none when the window does not start a month); the days from
        the second on are read from the appointments."""
        last = month_of(self.end)
        cut = last if self.end < month_end(last) else month_end(last) + dt.timedelta(days=1)
        first = self.start if self.start.day == 1 else None
        return first, cut if first is not None else self.start

    def within(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def read(self, query: Select[*tuple[Any, ...]]) -> Any:
        """``query``'s rows through the session's connection: plain rows, without the ORM's
        per-row loading, which cost more than the database for a year of appointments."""
        return self.session.connection().execute(query)

    def records(self, query: Select[*tuple[Any, ...]]) -> list[Any]:
        """``query``'s rows as plain named tuples, for rows whose fields are read by name
        again and again: a result row's field costs ten times a tuple's."""
        result = self.read(query)
        return list(map(_record(tuple(result.keys()))._make, result))

    def rows(self, query: Select[*tuple[Any, ...]], columns: Sequence[Any],
             detail: Sequence[Any] = ()) -> Iterable[Any]:
        """``query`` over ``columns``: grouped with a count ``n`` when only counts are wanted
        (a few thousand groups instead of every appointment); one row per case with the
        ``detail`` columns for a drill-down."""
        if self.detail:
            return self.records(query.add_columns(*detail))
        grouped = query.add_columns(func.count().label("n")).group_by(*columns)
        return self.records(grouped)


@lru_cache(maxsize=64)
def _record(fields: tuple[str, ...]) -> Any:
    return namedtuple("Record", fields, rename=True)


class Fact(NamedTuple):
    """One case (or ``n`` alike) counted by a figure."""

    key: str
    unit_id: int | None
    worker_id: int | None
    day: dt.date
    met: bool
    n: int = 1
    minutes: int = 0
    person_id: int | None = None
    # Built only for a drill-down (counting a year of a CRC makes tens of thousands of facts).
    note: str | bool = ""


def as_date(value: Any) -> dt.date | None:
    """A date from SQL's ``date()`` (text on SQLite, a date on PostgreSQL)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# Remembered: a drill-down writes the same few hundred days into thousands of notes, and
# formatting a date is slow.
@lru_cache(maxsize=4096)
def day_text(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "none"


class Tallies:
    """Counts per figure, per month, per unit and per worker."""

    def __init__(self, months: Sequence[dt.date]):
        self.months = tuple(months)
        self._index = {m: i for i, m in enumerate(self.months)}
        # Each day's month, found once: the service's custody episodes are counted a fact
        # each, on a few hundred days.
        self._index_of_day: dict[dt.date, int | None] = {}
        self.cells: dict[tuple[str, int | None, int | None, int], list[int]] = {}

    def add(self, fact: Fact) -> None:
        day = fact.day
        index = self._index_of_day.get(day, -1)
        if index == -1:
            index = self._index_of_day[day] = self._index.get(month_of(day))
        if index is None:
            return
        key = (fact.key, fact.unit_id, fact.worker_id, index)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = [0, 0]
        if fact.minutes:
            cell[0] += fact.minutes
        else:
            cell[0] += fact.n if fact.met else 0
            cell[1] += fact.n

    def figures(self, group: FigureGroup, today: dt.date, unit_label: str, scope: str,
                units: Mapping[int, str], workers: Mapping[int, str]) -> Figures:
        by_key: dict[str, list[tuple[int | None, int | None, int, list[int]]]] = \
            defaultdict(list)
        for (key, unit, worker, month), cell in self.cells.items():
            by_key[key].append((unit, worker, month, cell))
        rows = []
        for definition in DEFINITIONS:
            if definition.group != group:
                continue
            months = [Tally()] * len(self.months)
            per_unit: dict[int | None, Tally] = defaultdict(Tally)
            per_worker: dict[int | None, Tally] = defaultdict(Tally)
            for unit, worker, month, (count, total) in by_key.get(definition.key, ()):
                tally = Tally(count, total)
                months[month] = months[month] + tally
                per_unit[unit] = per_unit[unit] + tally
                per_worker[worker] = per_worker[worker] + tally
            overall = sum(months, Tally())
            rows.append(FigureRow(definition, overall, tuple(months),
                                  _splits(per_unit, units), _splits(per_worker, workers)))
        return Figures(group, today, self.months, unit_label, scope, tuple(rows))


def _splits(tallies: Mapping[int | None, Tally], names: Mapping[int, str]
            ) -> tuple[FigureSplit, ...]:
    rows = [FigureSplit(key, names.get(key, "Not recorded") if key is not None
                        else "Not recorded", tally) for key, tally in tallies.items()]
    return tuple(sorted(rows, key=lambda s: (s.key_id is None, s.name)))
