"""Bookings a change of facts breaks (rule UPW-24): who, where and which rules, and what a change
does to the bookings already made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.placement import format_day
from upw_ttg.domain.placement_recheck import BreachRow, rule_title


@dataclass(frozen=True, slots=True)
class BrokenBooking:
    """A booking that breaks at least one rule, with who, where and why."""

    appointment_id: int
    appointment_version: int
    person_id: int
    order_id: int
    crn: str
    name: str
    session_id: int
    project_name: str
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    breaches: tuple[BreachRow, ...]
    found_at: dt.datetime | None = None

    @property
    def hard(self) -> bool:
        return any(b.hard for b in self.breaches)

    @property
    def session_label(self) -> str:
        if self.session_date is None:  # a restricted case's row shows name and CRN only
            return self.project_name
        return (f"{self.project_name}, {format_day(self.session_date)} "
                f"{self.start_time:%H:%M}–{self.end_time:%H:%M}")

    def rules_text(self) -> str:
        return "; ".join(rule_title(b.rule) + ("" if b.hard else " (soft)")
                         for b in self.breaches)

    def why(self) -> str:
        return " ".join(b.message for b in self.breaches)


@dataclass(frozen=True, slots=True)
class RecheckReport:
    """What a change does to bookings already made: newly broken ones, and how many it mends."""

    broken: tuple[BrokenBooking, ...] = ()
    mended: int = 0

    @property
    def count(self) -> int:
        return len(self.broken)

    def summary(self) -> str:
        if not self.broken:
            return "This change breaks no booking."
        hard = sum(1 for b in self.broken if b.hard)
        noun = "booking" if self.count == 1 else "bookings"
        text = f"This change breaks {self.count} {noun}"
        if hard != self.count:
            text += f" ({hard} against a rule that cannot be overridden)"
        return text + "."
