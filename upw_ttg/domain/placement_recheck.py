"""Bookings already made, judged again by the same rules when their facts change (rule UPW-24)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from upw_ttg.domain.placement import (
    Booking,
    Breach,
    Occupant,
    PersonFacts,
    Rule,
    SessionFacts,
    lone_woman,
    person_breaches,
)

# Rules about how many a session holds: judged on the order the places were booked, so a
# session over its places blames the places booked last, not everyone on it.
_COUNTED = frozenset({Rule.CAPACITY, Rule.VAN_SEATS})
_RULE_ORDER = {rule: i for i, rule in enumerate(Rule)}


@dataclass(frozen=True, slots=True)
class HeldPlace:
    """One place on a session, as the rules need it; ``occupant`` is how others see it."""

    appointment_id: int
    person: PersonFacts
    occupant: Occupant
    travels_by_van: bool


@dataclass(frozen=True, slots=True)
class BreachRow:
    """A broken rule as kept in the queue: one per rule, the messages joined."""

    rule: Rule
    hard: bool
    message: str


_TITLES = {
    Rule.NO_ASSESSMENT: "No assessment", Rule.ORDER_NOT_LIVE: "Order not live",
    Rule.SESSION_NOT_OPEN: "Session not open", Rule.ALREADY_BOOKED: "Already booked",
    Rule.CAPACITY: "Capacity", Rule.VAN_SEATS: "Van seats", Rule.FEMALE_ONLY: "Female-only",
    Rule.LONE_WOMAN: "One woman alone", Rule.CHILDREN: "Risk to children",
    Rule.VULNERABLE_ADULTS: "Risk to vulnerable adults",
    Rule.SUPERVISOR_GENDER: "Supervisor's gender", Rule.CLOSE_SUPERVISION: "Close supervision",
    Rule.KEEP_APART: "Keep apart", Rule.OVERLAP: "Two places at once",
    Rule.BEFORE_SENTENCE: "Before sentence", Rule.AFTER_PROJECT_END: "After the project ends",
    Rule.PROJECT_NOT_AVAILABLE: "Project not available",
    Rule.AFTER_DEADLINE: "After the deadline", Rule.FEMALE_ONLY_CHOICE: "Chose female-only",
    Rule.VICTIM_ZONE: "Victim exclusion zone", Rule.AVAILABILITY: "Availability",
    Rule.INTERPRETER: "Interpreter", Rule.GENDER_UNCONFIRMED: "Gender not confirmed",
    Rule.LONE_NON_BINARY: "Only non-binary person",
}


def rule_title(rule: Rule | str) -> str:
    """A rule's short name for lists and columns."""
    try:
        return _TITLES[Rule(rule)]
    except (ValueError, KeyError):  # a rule added without a title still reads
        return str(rule).replace("_", " ").capitalize()


def held_breaches(session: SessionFacts, held: Sequence[HeldPlace],
                  bookings: Mapping[int, Sequence[Booking]], *, today: dt.date
                  ) -> dict[int, tuple[BreachRow, ...]]:
    """Every rule each place on ``session`` breaks now, by appointment id.

    ``held`` is in booking order. Each place is judged by ``person_breaches`` against everyone
    else on the session; places and van seats against those booked before it; rule UPW-3 on the
    whole group, blamed on the one woman's place.
    """
    ordered = list(held)
    occupants = [h.occupant for h in ordered]
    women = sum(1 for o in occupants if o.is_woman)
    overbooked = len(ordered) > session.places or (
        any(h.travels_by_van for h in ordered)
        and (session.van_seats is None
             or sum(1 for h in ordered if h.travels_by_van) > session.van_seats))
    out: dict[int, tuple[BreachRow, ...]] = {}
    for i, place in enumerate(ordered):
        pid = place.person.person_id
        others = [o for o in occupants if o.person_id != pid]
        own = bookings.get(pid, ())
        found = [b for b in person_breaches(place.person, session, others, own,
                                            travels_by_van=place.travels_by_van, today=today)
                 if b.rule not in _COUNTED]
        if overbooked:
            earlier = [o for o in occupants[:i] if o.person_id != pid]
            found += [Breach(b.rule, b.hard, _counted_message(b, session, ordered))
                      for b in person_breaches(place.person, session, earlier, own,
                                               travels_by_van=place.travels_by_van,
                                               today=today)
                      if b.rule in _COUNTED]
        if place.occupant.is_woman and lone_woman(session, 0, women, adding=True):
            found.append(Breach(Rule.LONE_WOMAN, True, "She is the only woman in this mixed "
                                "group: place another woman with her, or move her to another "
                                "session."))
        if found:
            out[place.appointment_id] = merge_breaches(found)
    return out


def _counted_message(breach: Breach, session: SessionFacts, held: Sequence[HeldPlace]) -> str:
    if breach.rule == Rule.CAPACITY:
        return (f"The session is overbooked: {len(held)} people for {session.places} places, "
                "and this place was booked after the others fitted.")
    riders = sum(1 for h in held if h.travels_by_van)
    if session.van_seats is None:
        return f"No van is booked for this session, and {riders} travel by van."
    return (f"The van is overbooked: {riders} travel by van for {session.van_seats} seats, "
            "and this place was booked after the others fitted.")


def merge_breaches(breaches: Sequence[Breach]) -> tuple[BreachRow, ...]:
    """One row per rule, hard before soft; a rule broken hard drops its soft messages."""
    by_rule: dict[Rule, list[Breach]] = {}
    for breach in breaches:
        by_rule.setdefault(breach.rule, []).append(breach)
    rows = []
    for rule, found in by_rule.items():
        hard = any(b.hard for b in found)
        messages = dict.fromkeys(b.message for b in found if b.hard == hard)
        rows.append(BreachRow(rule, hard, " ".join(messages)))
    return tuple(sorted(rows, key=lambda r: (not r.hard, _RULE_ORDER[r.rule])))
