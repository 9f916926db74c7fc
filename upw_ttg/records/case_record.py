"""A person's case as one screen reads it: sessions with outcomes, hours per order, the timeline
and the letters, with the parts the reader may not see named."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.records.letters import LetterLine


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One booked session of the person: upcoming, or past with its outcome."""

    appointment_id: int
    session_id: int
    order_id: int
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    project_name: str
    outcome: str          # "" while it is still to come or not yet keyed
    credited_minutes: int
    stood_down: bool
    upcoming: bool


@dataclass(frozen=True, slots=True)
class HoursLine:
    """An order's hours: ordered, worked and still owed (minutes)."""

    order_id: int
    sentence_date: dt.date
    ordered_minutes: int
    credited_minutes: int
    remaining_minutes: int
    status: str


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One line of the timeline; ``opens`` and ``ref_id`` say where it is edited."""

    when: dt.date
    kind: str       # session, warrant, enforcement, order, custody, plan, keep_apart
    text: str
    opens: str      # session, order, warrant, custody, plan, keep_apart
    ref_id: int
    upcoming: bool = False


@dataclass(frozen=True, slots=True)
class CaseOverview:
    """What the person's record shows; a part the reader may not see is empty and named in
    ``hidden`` (so the screen can say so rather than show nothing)."""

    person_id: int
    today: dt.date
    sessions: tuple[SessionLine, ...]
    hours: tuple[HoursLine, ...]
    events: tuple[CaseEvent, ...]
    keep_apart_pairs: int
    hidden: frozenset[str]
    letters: tuple[LetterLine, ...] = ()

    @property
    def upcoming(self) -> tuple[SessionLine, ...]:
        return tuple(s for s in self.sessions if s.upcoming)

    @property
    def past(self) -> tuple[SessionLine, ...]:
        return tuple(s for s in reversed(self.sessions) if not s.upcoming)
