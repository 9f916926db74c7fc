"""Keep-apart pairs as services hand them out: the sensitive detail only to those allowed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import KeepApartKind


@dataclass(frozen=True, slots=True)
class KeepApartPair:
    """One pair, seen from one person's record: ``other_*`` is the person to keep away from.

    ``detail`` and ``end_reason`` are None unless the reader may see them (coordinators and
    managers); ``detail_hidden`` then says there is something they are not shown.
    """

    id: int
    person_id: int
    other_person_id: int
    other_name: str
    other_crn: str
    kind: KeepApartKind
    detail: str | None
    detail_hidden: bool
    recorded_on: dt.date
    recorded_by: str | None
    ended_on: dt.date | None
    ended_by: str | None
    end_reason: str | None
    version: int

    @property
    def current(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True, slots=True)
class BrokenBooking:
    """A future session on which both people of a pair are booked: rule UPW-5 is broken there."""

    session_id: int
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    project_name: str
    names: tuple[str, ...]
    message: str


@dataclass(frozen=True, slots=True)
class KeepApartResult:
    """A pair just recorded, and the future bookings it breaks (to move or remove)."""

    pair: KeepApartPair
    broken: tuple[BrokenBooking, ...]
