"""Sessions and who is on them, in memory: changes checked by the rule engine as they are made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from upw_ttg.domain.placement import (
    Booking,
    Breach,
    Occupant,
    PersonFacts,
    SessionFacts,
    lone_non_binary,
    lone_woman,
    person_breaches,
)


class Board:
    """The state a batch of adds, removals and moves works on before anything is written.

    Rule UPW-3 (never one woman alone) is judged on the state after the whole batch, so two women
    can join an all-male group together, or leave it together; ``composition`` reports it.
    """

    def __init__(self, sessions: Mapping[int, SessionFacts],
                 occupants: Mapping[int, Iterable[Occupant]],
                 bookings: Mapping[int, Iterable[Booking]], today: dt.date):
        self.sessions = dict(sessions)
        self.today = today
        self._people: dict[int, dict[int, Occupant]] = {
            sid: {o.person_id: o for o in occupants.get(sid, ())} for sid in self.sessions}
        self._bookings: dict[int, list[Booking]] = {pid: list(b) for pid, b in bookings.items()}
        self._women_before = {sid: self.women(sid) for sid in self.sessions}
        self._added_to: set[int] = set()
        self._joined: dict[int, dict[int, str]] = {}  # session -> person -> name, this batch
        self._removed_from: set[int] = set()

    # --- reading -----------------------------------------------------------------------
    def occupants(self, session_id: int) -> list[Occupant]:
        return list(self._people.get(session_id, {}).values())

    def count(self, session_id: int) -> int:
        return len(self._people.get(session_id, ()))

    def van_count(self, session_id: int) -> int:
        return sum(1 for o in self._people.get(session_id, {}).values() if o.travels_by_van)

    def women(self, session_id: int) -> int:
        return sum(1 for o in self._people.get(session_id, {}).values() if o.is_woman)

    def women_before(self, session_id: int) -> int:
        return self._women_before.get(session_id, 0)

    def non_binary(self, session_id: int) -> int:
        return sum(1 for o in self._people.get(session_id, {}).values() if o.non_binary)

    def has(self, session_id: int, person_id: int) -> bool:
        return person_id in self._people.get(session_id, {})

    def bookings(self, person_id: int) -> list[Booking]:
        return self._bookings.get(person_id, [])

    def touched(self) -> set[int]:
        return self._added_to | self._removed_from

    # --- changing ----------------------------------------------------------------------
    def check_add(self, person: PersonFacts, session_id: int, *,
                  travels_by_van: bool) -> list[Breach]:
        """Rules broken by ``person`` joining now, apart from rule UPW-3 (see ``composition``)."""
        return person_breaches(person, self.sessions[session_id], self.occupants(session_id),
                               self.bookings(person.person_id), travels_by_van=travels_by_van,
                               today=self.today)

    def add(self, person: PersonFacts, session_id: int, *, travels_by_van: bool) -> None:
        facts = self.sessions[session_id]
        self._people.setdefault(session_id, {})[person.person_id] = Occupant(
            person.person_id, person.is_woman, travels_by_van, person.name, person.non_binary)
        if person.non_binary:
            self._joined.setdefault(session_id, {})[person.person_id] = person.name
        self._bookings.setdefault(person.person_id, []).append(
            Booking(session_id, facts.date, facts.start, facts.end, facts.project_name))
        self._added_to.add(session_id)

    def remove(self, session_id: int, person_id: int) -> None:
        self._people.get(session_id, {}).pop(person_id, None)
        self._joined.get(session_id, {}).pop(person_id, None)
        self._bookings[person_id] = [b for b in self._bookings.get(person_id, [])
                                     if b.session_id != session_id]
        self._removed_from.add(session_id)

    def composition(self, session_ids: Iterable[int] | None = None) -> dict[int, Breach]:
        """Rule UPW-3 on every changed session (or those given), judged on the state now."""
        out = {}
        for sid in (self.touched() if session_ids is None else session_ids):
            facts = self.sessions.get(sid)
            if facts is None:
                continue
            breach = lone_woman(facts, self.women_before(sid), self.women(sid),
                                adding=sid in self._added_to)
            if breach is not None:
                out[sid] = Breach(breach.rule, breach.hard, f"{facts.label}: {breach.message}")
        return out

    def lone_non_binary(self) -> dict[tuple[int, int], Breach]:
        """The soft rule on every group a non-binary person joined in this batch, judged on
        the state now: ``{(session, person): breach}`` for one left the only one."""
        out = {}
        for sid, joined in self._joined.items():
            facts = self.sessions.get(sid)
            for person_id, name in joined.items():
                breach = lone_non_binary(facts, name, self.non_binary(sid)) if facts else None
                if facts is not None and breach is not None:
                    out[(sid, person_id)] = Breach(breach.rule, breach.hard,
                                                   f"{facts.label}: {breach.message}")
        return out
