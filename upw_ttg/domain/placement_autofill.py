"""Auto-fill: propose a week's placements for every live order, in memory, never breaking a rule."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from upw_ttg.domain.placement import (
    Booking,
    Occupant,
    PersonFacts,
    Rule,
    SessionFacts,
    day_parts,
    grid_index,
    session_started,
)
from upw_ttg.domain.placement_board import Board
from upw_ttg.progress import CancelledFn, ProgressFn

# Plain words for why a person was not placed, by the rule that stopped them.
REASONS: dict[Rule, str] = {
    Rule.NO_ASSESSMENT: "no completed assessment",
    Rule.ORDER_NOT_LIVE: "no hours left to work",
    Rule.SESSION_NOT_OPEN: "session stood down or past",
    Rule.ALREADY_BOOKED: "already booked",
    Rule.CAPACITY: "no capacity",
    Rule.VAN_SEATS: "van full and no other way to travel",
    Rule.FEMALE_ONLY: "female-only session",
    Rule.LONE_WOMAN: "would be the only woman in a mixed group",
    Rule.GENDER_UNCONFIRMED: "gender for the placement rules not yet confirmed",
    Rule.CHILDREN: "no suitable site (children present)",
    Rule.VULNERABLE_ADULTS: "no suitable site (vulnerable adults present)",
    Rule.SUPERVISOR_GENDER: "no suitable supervisor",
    Rule.CLOSE_SUPERVISION: "no suitable site (close supervision)",
    Rule.KEEP_APART: "keep-apart",
    Rule.OVERLAP: "already busy at that time",
    Rule.BEFORE_SENTENCE: "before the sentence date",
    Rule.AFTER_PROJECT_END: "project ended",
    Rule.PROJECT_NOT_AVAILABLE: "project not available",
    Rule.AFTER_DEADLINE: "after the order's deadline (extension needed)",
    Rule.FEMALE_ONLY_CHOICE: "no female-only session",
    Rule.LONE_NON_BINARY: "would be the only non-binary person in a group",
    Rule.VICTIM_ZONE: "victim exclusion zone to check",
    Rule.AVAILABILITY: "availability",
    Rule.INTERPRETER: "needs an interpreter and none is booked",
}
NO_SESSIONS = "no sessions in the delivery unit that week"
NO_FEMALE_ONLY = "no female-only session in the delivery unit that week"
_ONCE = (NO_SESSIONS, NO_FEMALE_ONLY)


@dataclass(frozen=True, slots=True)
class Want:
    """One live order to place this week."""

    person: PersonFacts
    crn: str
    target_minutes: int  # still to offer this week, after what is already booked
    unit_id: int | None
    first_due: dt.date | None = None  # the first-session deadline, when none is booked yet


@dataclass(frozen=True, slots=True)
class Slot:
    """A session open to auto-fill, with what auto-fill needs beyond the rules."""

    facts: SessionFacts
    unit_id: int | None
    minutes: int  # hours offered: the session's length
    pickups: tuple[tuple[int, int | None], ...] = ()  # (session pick-up id, its office id)


@dataclass(frozen=True, slots=True)
class Proposed:
    order_id: int
    person_id: int
    session_id: int
    session_pickup_id: int | None
    travels_by_van: bool
    minutes: int


@dataclass(frozen=True, slots=True)
class Unplaced:
    order_id: int
    person_id: int
    target_minutes: int
    proposed_minutes: int
    reasons: tuple[str, ...]


@dataclass
class Result:
    placements: list[Proposed]
    unplaced: list[Unplaced]
    late_first: list[tuple[int, dt.date, dt.date]]  # (order, first session, due)


def propose(wants: Sequence[Want], slots: Sequence[Slot],
            occupants: Mapping[int, Iterable[Occupant]],
            bookings: Mapping[int, Iterable[Booking]], today: dt.date, *,
            now: dt.datetime | None = None,
            progress: ProgressFn | None = None,
            cancelled: CancelledFn | None = None) -> Result | None:
    """Placements for ``wants``; None if ``cancelled()`` said stop.

    Only sessions that have not started by ``now`` are proposed (from ``today`` when no time
    is given): nobody is sent to a session already under way.

    Order: people whose first session is due soonest, then those with the nearest deadline.
    A woman may join an all-male group only if another woman joins it too; any left alone at
    the end are taken off and tried again on groups that already have a woman.
    """
    open_slots = [s for s in slots if s.facts.open and s.facts.date >= today
                  and (now is None or not session_started(s.facts.date, s.facts.start, now))]
    board = Board({s.facts.session_id: s.facts for s in open_slots}, occupants, bookings, today)
    by_unit: dict[int | None, list[Slot]] = defaultdict(list)
    for slot in sorted(open_slots, key=lambda s: (s.facts.date, s.facts.start,
                                                  s.facts.session_id)):
        by_unit[slot.unit_id].append(slot)
    ordered = sorted(wants, key=lambda w: (w.first_due or dt.date.max,
                                           w.person.deadline or dt.date.max, w.person.order_id))
    state = _State(board, by_unit)
    total = len(ordered)
    for i, want in enumerate(ordered):
        if i % 50 == 0:
            if cancelled is not None and cancelled():
                return None
            if progress is not None:
                progress(i, total, "Matching people to sessions")
        state.fill(want, lone_ok=True)
    state.repair(ordered)
    if progress is not None:
        progress(total, total, "Proposal ready")
    return state.result(ordered)


def _relevant(person: PersonFacts, facts: SessionFacts) -> bool:
    if facts.female_only:
        return person.is_woman or person.female_only_choice
    return not (person.female_only_choice and facts.is_group)


class _State:
    def __init__(self, board: Board, by_unit: dict[int | None, list[Slot]]):
        self.board = board
        self.by_unit = by_unit
        self.slots = {s.facts.session_id: s for group in by_unit.values() for s in group}
        self.placed: dict[int, list[Proposed]] = defaultdict(list)  # by order
        self.reasons: dict[int, Counter[str]] = defaultdict(Counter)

    def given(self, order_id: int) -> int:
        return sum(p.minutes for p in self.placed[order_id])

    def fill(self, want: Want, *, lone_ok: bool) -> None:
        person = want.person
        if want.target_minutes - self.given(person.order_id) <= 0:
            return
        candidates = self.by_unit.get(want.unit_id, [])
        if not candidates:
            self.reasons[person.order_id][NO_SESSIONS] += 1
            return
        reasons = self.reasons[person.order_id]
        # Sessions the person could never join are not reasons: a man is not "refused" a
        # female-only group, nor a woman who chose female-only a mixed one.
        candidates = [s for s in candidates if _relevant(person, s.facts)]
        if not candidates:
            reasons[NO_FEMALE_ONLY if person.female_only_choice else NO_SESSIONS] += 1
            return
        for slot in self._preferred(want, candidates):
            if want.target_minutes - self.given(person.order_id) <= 0:
                return
            sid = slot.facts.session_id
            quick = self._quick_no(person, slot)
            if quick is not None:
                reasons[REASONS[quick]] += 1
                continue
            if person.non_binary and slot.facts.is_group and not self.board.non_binary(sid):
                # Soft rule: auto-fill never overrides, so it does not make anyone the only
                # non-binary person in a group.
                reasons[REASONS[Rule.LONE_NON_BINARY]] += 1
                continue
            women = self.board.women(sid)
            if slot.facts.mixed_group and (
                    (not person.is_woman and women == 1)
                    or (person.is_woman and women == 0 and not lone_ok)):
                reasons[REASONS[Rule.LONE_WOMAN]] += 1
                continue
            choice = self._travel(person, slot)
            if isinstance(choice, Rule):
                reasons[REASONS[choice]] += 1
                continue
            pickup, by_van = choice
            breaches = self.board.check_add(person, sid, travels_by_van=by_van)
            if breaches:
                for b in breaches:
                    reasons[REASONS[b.rule]] += 1
                continue
            self.board.add(person, sid, travels_by_van=by_van)
            self.placed[person.order_id].append(Proposed(person.order_id, person.person_id,
                                                         sid, pickup, by_van, slot.minutes))

    @staticmethod
    def _preferred(want: Want, candidates: list[Slot]) -> list[Slot]:
        """Female-only sessions first for those who chose them; the person's own office next;
        then the earliest, so a first session comes as soon as it can."""
        person = want.person
        return sorted(candidates, key=lambda s: (
            not (person.female_only_choice and s.facts.female_only),
            s.facts.office_id != person.office_id, s.facts.date, s.facts.start))

    def _quick_no(self, person: PersonFacts, slot: Slot) -> Rule | None:
        """Cheap reasons to skip a session before running every rule."""
        facts = slot.facts
        if not person.assessed:
            return Rule.NO_ASSESSMENT
        if facts.female_only and not (person.is_woman or person.female_only_choice):
            return Rule.FEMALE_ONLY
        if person.female_only_choice and facts.is_group and not facts.female_only:
            return Rule.FEMALE_ONLY_CHOICE
        grid = person.availability
        weekday = facts.date.weekday()
        if any(grid[grid_index(weekday, p)] != "Y" for p in day_parts(facts.start, facts.end)):
            return Rule.AVAILABILITY
        if self.board.count(facts.session_id) >= facts.places:
            return Rule.CAPACITY
        return None

    def _travel(self, person: PersonFacts, slot: Slot) -> tuple[int | None, bool] | Rule:
        """By van from the pick-up point of the person's office if there is a seat; else
        their own way if they can travel independently."""
        facts = slot.facts
        if slot.pickups and facts.van_seats is not None:
            if self.board.van_count(facts.session_id) < facts.van_seats:
                own = [p for p, office in slot.pickups if office == person.office_id]
                return (own[0] if own else slot.pickups[0][0]), True
            if not person.can_travel_independently:
                return Rule.VAN_SEATS
        return None, False

    def repair(self, ordered: Sequence[Want]) -> None:
        """Rule UPW-3: pair up women left alone in a mixed group, or take them off and retry."""
        wants = {w.person.order_id: w for w in ordered}
        retry: list[Want] = []
        for sid in sorted(self.board.touched()):
            if self.board.composition([sid]).get(sid) is None:
                continue
            alone = [p for order in self.placed for p in self.placed[order]
                     if p.session_id == sid and wants[order].person.is_woman]
            if self._pair(sid, ordered):
                continue
            for item in alone:
                self.placed[item.order_id].remove(item)
                self.board.remove(sid, item.person_id)
                retry.append(wants[item.order_id])
        for want in retry:
            self.fill(want, lone_ok=False)

    def _pair(self, sid: int, ordered: Sequence[Want]) -> bool:
        """Add a woman who still needs hours to the session, so its woman is not alone."""
        slot = self.slots[sid]
        for want in ordered:
            person = want.person
            if not person.is_woman or want.unit_id != slot.unit_id \
                    or not _relevant(person, slot.facts) \
                    or want.target_minutes - self.given(person.order_id) <= 0 \
                    or self._quick_no(person, slot) is not None:
                continue
            choice = self._travel(person, slot)
            if isinstance(choice, Rule):
                continue
            pickup, by_van = choice
            if self.board.check_add(person, sid, travels_by_van=by_van):
                continue
            self.board.add(person, sid, travels_by_van=by_van)
            self.placed[person.order_id].append(Proposed(person.order_id, person.person_id,
                                                         sid, pickup, by_van, slot.minutes))
            return True
        return False

    def result(self, ordered: Sequence[Want]) -> Result:
        placements: list[Proposed] = []
        unplaced: list[Unplaced] = []
        late: list[tuple[int, dt.date, dt.date]] = []
        for want in ordered:
            order = want.person.order_id
            mine = self.placed[order]
            placements.extend(mine)
            given = self.given(order)
            if want.first_due is not None and mine:
                first = min(self.slots[p.session_id].facts.date for p in mine)
                if first > want.first_due:
                    late.append((order, first, want.first_due))
            if given < want.target_minutes:
                counts = self.reasons[order]
                reasons = tuple(f"{text} ({n} session{'s' if n != 1 else ''})"
                                if text not in _ONCE else text
                                for text, n in counts.most_common())
                unplaced.append(Unplaced(order, want.person.person_id, want.target_minutes,
                                         given, reasons or ("no session suitable",)))
        return Result(placements, unplaced, late)
