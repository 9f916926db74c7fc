"""The one placement rule engine (rules UPW-1 to UPW-9): pure, fed with plain facts, no database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from upw_ttg.domain.codes import Gender, GenderCategory, PatternFrequency

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PART_NAMES = ("morning", "afternoon", "evening")
# Where a day's parts meet: morning ends at noon, evening starts at five.
_NOON = dt.time(12, 0)
_FIVE = dt.time(17, 0)
# Project types whose sessions put people together in a group (rule UPW-3 applies to them).
GROUP_TYPES = frozenset({"group", "induction"})
INDIVIDUAL_TYPE = "individual"
# Phrases that state a category plainly, after ``_plain_words``; anything else is asked.
_CATEGORY_PHRASES = {
    GenderCategory.WOMAN: frozenset({
        "woman", "female", "f", "w", "trans woman", "transgender woman", "trans female",
        "transwoman", "cis woman", "cisgender woman", "cis female"}),
    GenderCategory.MAN: frozenset({
        "man", "male", "m", "trans man", "transgender man", "trans male", "transman",
        "cis man", "cisgender man", "cis male"}),
    GenderCategory.NON_BINARY: frozenset({"non binary", "nonbinary", "enby", "nb"}),
    GenderCategory.NOT_STATED: frozenset({"not stated", "prefer not to say",
                                          "rather not say"}),
}


class Rule(StrEnum):
    """Every rule the engine can report, in the order a coordinator should read them."""

    NO_ASSESSMENT = "no_assessment"
    ORDER_NOT_LIVE = "order_not_live"
    SESSION_NOT_OPEN = "session_not_open"
    ALREADY_BOOKED = "already_booked"
    CAPACITY = "capacity"
    VAN_SEATS = "van_seats"
    FEMALE_ONLY = "female_only"
    LONE_WOMAN = "lone_woman"
    GENDER_UNCONFIRMED = "gender_unconfirmed"
    CHILDREN = "children"
    VULNERABLE_ADULTS = "vulnerable_adults"
    SUPERVISOR_GENDER = "supervisor_gender"
    CLOSE_SUPERVISION = "close_supervision"
    KEEP_APART = "keep_apart"
    OVERLAP = "overlap"
    BEFORE_SENTENCE = "before_sentence"
    AFTER_PROJECT_END = "after_project_end"
    PROJECT_NOT_AVAILABLE = "project_not_available"
    AFTER_DEADLINE = "after_deadline"
    FEMALE_ONLY_CHOICE = "female_only_choice"
    LONE_NON_BINARY = "lone_non_binary"
    VICTIM_ZONE = "victim_zone"
    AVAILABILITY = "availability"
    INTERPRETER = "interpreter"


@dataclass(frozen=True, slots=True)
class Breach:
    """One broken rule: hard rules block, soft ones need a recorded reason to go ahead."""

    rule: Rule
    hard: bool
    message: str


@dataclass(frozen=True, slots=True)
class Commitment:
    kind: str
    weekday: int  # 0 = Monday
    start: dt.time
    end: dt.time
    description: str | None = None


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the rules need to know about one person and the order being worked."""

    person_id: int
    order_id: int
    name: str
    is_woman: bool
    assessed: bool
    sentence_date: dt.date
    deadline: dt.date | None  # the effective deadline: the latest extension, if any
    order_live: bool = True
    minutes_remaining: int = 1
    female_only_choice: bool = False
    risk_to_children: bool = False
    risk_to_vulnerable_adults: bool = False
    no_female_supervisor: bool = False
    no_male_supervisor: bool = False
    close_supervision: bool = False
    victim_exclusion_zone: str | None = None
    interpreter_needed: bool = False
    availability: str = "Y" * 21
    commitments: tuple[Commitment, ...] = ()
    keep_apart: frozenset[int] = frozenset()
    office_id: int | None = None
    can_travel_independently: bool = True
    gender_unconfirmed: bool = False  # the category for the rules is not yet confirmed
    non_binary: bool = False


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """What the rules need to know about one session, its project and its staffing."""

    session_id: int
    project_id: int
    project_name: str
    project_type: str
    date: dt.date
    start: dt.time
    end: dt.time
    places: int  # min(project capacity, supervisors x people per supervisor)
    van_seats: int | None
    female_only: bool
    open: bool = True  # planned, not stood down or completed
    tags: frozenset[str] = frozenset()
    supervisor_genders: tuple[Gender, ...] = ()
    weekdays: frozenset[int] = frozenset(range(1, 8))  # ISO weekdays the project works
    frequency: PatternFrequency = PatternFrequency.WEEKLY
    available_from: dt.date | None = None
    available_to: dt.date | None = None
    project_end: dt.date | None = None
    closed_reason: str | None = None  # bank holiday or closure on that day
    interpreter_booked: bool = False
    office_id: int | None = None

    @property
    def is_group(self) -> bool:
        return self.project_type in GROUP_TYPES

    @property
    def mixed_group(self) -> bool:
        """A group that men may join: rule UPW-3 applies."""
        return is_mixed_group(self.project_type, self.female_only)

    @property
    def label(self) -> str:
        return f"{self.project_name} on {format_day(self.date)}"


@dataclass(frozen=True, slots=True)
class Occupant:
    """Someone already on a session (no outcome yet, or attended)."""

    person_id: int
    is_woman: bool
    travels_by_van: bool = False
    name: str = ""
    non_binary: bool = False


@dataclass(frozen=True, slots=True)
class Booking:
    """One of the person's other places, for the one-place-at-a-time rule."""

    session_id: int
    date: dt.date
    start: dt.time
    end: dt.time
    label: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """The engine's answer for one placement."""

    breaches: tuple[Breach, ...] = field(default_factory=tuple)

    @property
    def hard(self) -> tuple[Breach, ...]:
        return tuple(b for b in self.breaches if b.hard)

    @property
    def soft(self) -> tuple[Breach, ...]:
        return tuple(b for b in self.breaches if not b.hard)

    @property
    def allowed(self) -> bool:
        """No rule broken at all: may go ahead without a reason."""
        return not self.breaches

    @property
    def allowed_with_reason(self) -> bool:
        """Only soft rules broken: may go ahead with a recorded reason."""
        return not self.hard

    def messages(self) -> list[str]:
        return [b.message for b in self.breaches]


def format_day(day: dt.date) -> str:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")
    return f"{WEEKDAY_NAMES[day.weekday()][:3]} {day.day} {months[day.month - 1]} {day.year}"


def _hhmm(value: dt.time) -> str:
    return f"{value:%H:%M}"


# --- people: the gender the rules read --------------------------------------------------

def is_woman(category: GenderCategory) -> bool:
    """A woman for rules UPW-2 and UPW-3: by the category recorded for placement, not free text."""
    return category == GenderCategory.WOMAN


def identity_not_male(category: GenderCategory) -> bool:
    """Whether female-only placements must be offered (rule UPW-2: gender not male). Someone
    not yet confirmed is offered them too, so nobody who may be a woman is passed over."""
    return category != GenderCategory.MAN


def gender_facts(category: GenderCategory) -> dict[str, bool]:
    """The gender facts of ``PersonFacts``, all read from the one category."""
    return {"is_woman": is_woman(category), "non_binary": category == GenderCategory.NON_BINARY,
            "gender_unconfirmed": category == GenderCategory.UNCONFIRMED}


def category_from_text(gender: Gender, identity: str | None) -> GenderCategory:
    """The category the person's own words state plainly, else the recorded gender when they
    gave no words; UNCONFIRMED when the words do not say, so a coordinator asks.

    "Woman (she/her)", "female", "Trans woman" are a woman; "Man (he/him)" a man; pronouns in
    brackets are set aside. Used to migrate records and when a caller gives no category.
    """
    words = _plain_words(identity)
    if not words:
        return {Gender.FEMALE: GenderCategory.WOMAN, Gender.MALE: GenderCategory.MAN}.get(
            gender, GenderCategory.NOT_STATED)
    for category, phrases in _CATEGORY_PHRASES.items():
        if words in phrases:
            return category
    return GenderCategory.UNCONFIRMED


def _plain_words(text: str | None) -> str:
    """Lower case, brackets and punctuation dropped: "Non-binary (they/them)" -> "non binary"."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", (text or "").lower())
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


# --- availability grid -----------------------------------------------------------------

def day_parts(start: dt.time, end: dt.time) -> tuple[int, ...]:
    """The parts of the day (0 morning, 1 afternoon, 2 evening) that ``start``–``end`` covers."""
    parts = []
    if start < _NOON:
        parts.append(0)
    if start < _FIVE and end > _NOON:
        parts.append(1)
    if end > _FIVE:
        parts.append(2)
    return tuple(parts)


def grid_index(weekday: int, part: int) -> int:
    """Position in the 21-character grid for a weekday (0 = Monday) and a part of the day."""
    return weekday * 3 + part


def unavailable_parts(grid: str, day: dt.date, start: dt.time, end: dt.time) -> list[str]:
    """Plain names of the parts of ``day`` the session covers when the person is not free."""
    weekday = day.weekday()
    return [f"{WEEKDAY_NAMES[weekday]} {PART_NAMES[p]}" for p in day_parts(start, end)
            if grid[grid_index(weekday, p)] != "Y"]


def clashing_commitments(commitments: Iterable[Commitment], day: dt.date, start: dt.time,
                         end: dt.time) -> list[Commitment]:
    weekday = day.weekday()
    return [c for c in commitments if c.weekday == weekday and c.start < end and start < c.end]


# --- capacity (rule UPW-1) ------------------------------------------------------------------

def session_places(project_capacity: int, supervisors: int, people_per_supervisor: int) -> int:
    """Places on a session: the smaller of the project's capacity and what its staff can take.

    Van seats limit only those travelling by van, so they are checked separately.
    """
    return max(0, min(project_capacity, supervisors * people_per_supervisor))


# --- the rules ----------------------------------------------------------------------------

def person_breaches(person: PersonFacts, session: SessionFacts, occupants: Sequence[Occupant],
                    bookings: Sequence[Booking], *, travels_by_van: bool,
                    today: dt.date) -> list[Breach]:
    """Every rule ``person`` would break by joining ``session``, except the group-composition
    rule (3), which depends on everyone joining and leaving together: see ``lone_woman``."""
    out: list[Breach] = []
    add = out.append
    if not person.assessed:
        add(Breach(Rule.NO_ASSESSMENT, True, f"{person.name} has no completed UPW assessment: "
                   "complete it before placing them."))
    if not person.order_live or person.minutes_remaining <= 0:
        add(Breach(Rule.ORDER_NOT_LIVE, True, "The order has no hours left to work or is "
                   "closed."))
    if not session.open:
        add(Breach(Rule.SESSION_NOT_OPEN, True, f"{session.label} has been stood down or "
                   "completed."))
    elif session.date < today:
        add(Breach(Rule.SESSION_NOT_OPEN, True, f"{session.label} is in the past."))
    if any(o.person_id == person.person_id for o in occupants):
        add(Breach(Rule.ALREADY_BOOKED, True, f"{person.name} is already on this session."))
    others = [o for o in occupants if o.person_id != person.person_id]
    if len(others) + 1 > session.places:
        add(Breach(Rule.CAPACITY, True, f"The session is full: {len(others)} of "
                   f"{session.places} places taken."))
    if travels_by_van:
        if session.van_seats is None:
            add(Breach(Rule.VAN_SEATS, True, "No van is booked for this session, so nobody "
                       "can travel by van."))
        else:
            riders = sum(1 for o in others if o.travels_by_van)
            if riders + 1 > session.van_seats:
                add(Breach(Rule.VAN_SEATS, True, f"The van is full: {riders} of "
                           f"{session.van_seats} seats taken."))
    out.extend(_gender_breaches(person, session))
    out.extend(_risk_breaches(person, session))
    apart = keep_apart_breach(person, others)
    if apart is not None:
        add(apart)
    for booking in bookings:
        if booking.session_id != session.session_id and booking.date == session.date \
                and booking.start < session.end and session.start < booking.end:
            add(Breach(Rule.OVERLAP, True, f"{person.name} is already booked at the same time: "
                       f"{booking.label or 'another session'} "
                       f"{_hhmm(booking.start)}–{_hhmm(booking.end)}."))
    out.extend(_date_breaches(person, session))
    out.extend(_soft_breaches(person, session))
    return out


def keep_apart_breach(person: PersonFacts, others: Sequence[Occupant]) -> Breach | None:
    """Rule UPW-5: ``person`` shares the session with someone they must be kept apart from.

    The message names the other person only; why they are kept apart is sensitive and never
    shown here.
    """
    apart = [o for o in others if o.person_id in person.keep_apart]
    if not apart:
        return None
    names = ", ".join(o.name or "someone" for o in apart)
    return Breach(Rule.KEEP_APART, True, f"{person.name} must be kept apart from {names}, "
                  "who is on this session.")


def session_started(day: dt.date, start: dt.time, now: dt.datetime) -> bool:
    """Whether a session on ``day`` starting at ``start`` has begun (or is over) by ``now``."""
    return (day, start) <= (now.date(), now.time())


def _gender_breaches(person: PersonFacts, session: SessionFacts) -> list[Breach]:
    out = []
    if session.female_only and not (person.is_woman or person.female_only_choice):
        out.append(Breach(Rule.FEMALE_ONLY, True, "This is a female-only session."))
    if person.gender_unconfirmed and session.is_group:
        out.append(Breach(Rule.GENDER_UNCONFIRMED, True, f"{person.name}'s gender for the "
                          "placement rules is not yet confirmed, so the women's rules cannot be "
                          "checked: confirm it on their record before placing them in a "
                          "group."))
    if person.female_only_choice and not session.female_only and session.is_group:
        out.append(Breach(Rule.FEMALE_ONLY_CHOICE, False, f"{person.name} chose female-only "
                          "group sessions; this group is mixed."))
    return out


def _risk_breaches(person: PersonFacts, session: SessionFacts) -> list[Breach]:
    out = []
    if person.risk_to_children and "children_present" in session.tags:
        out.append(Breach(Rule.CHILDREN, True, "Risk to children: this site has a school or "
                          "children present."))
    if person.risk_to_vulnerable_adults and "vulnerable_adults_present" in session.tags:
        out.append(Breach(Rule.VULNERABLE_ADULTS, True, "Risk to vulnerable adults: this site "
                          "has vulnerable adults present."))
    genders = session.supervisor_genders
    if person.no_female_supervisor and Gender.FEMALE in genders:
        out.append(Breach(Rule.SUPERVISOR_GENDER, True, "Must not be placed with a female "
                          "supervisor; this session has one."))
    if person.no_male_supervisor and Gender.MALE in genders:
        out.append(Breach(Rule.SUPERVISOR_GENDER, True, "Must not be placed with a male "
                          "supervisor; this session has one."))
    if (person.no_female_supervisor or person.no_male_supervisor) and (
            not genders or Gender.NOT_STATED in genders):
        out.append(Breach(Rule.SUPERVISOR_GENDER, False, "A supervisor's gender is not "
                          "recorded, and this person has a supervisor-gender restriction."))
    if person.close_supervision and session.project_type == INDIVIDUAL_TYPE:
        out.append(Breach(Rule.CLOSE_SUPERVISION, True, "Needs close supervision: group "
                          "placements only, not an individual placement."))
    return out


def _date_breaches(person: PersonFacts, session: SessionFacts) -> list[Breach]:
    out = []
    day = session.date
    if day < person.sentence_date:
        out.append(Breach(Rule.BEFORE_SENTENCE, True, "The session is before the sentence "
                          f"date ({format_day(person.sentence_date)})."))
    if session.project_end is not None and day > session.project_end:
        out.append(Breach(Rule.AFTER_PROJECT_END, True, "The project ends on "
                          f"{format_day(session.project_end)}."))
    reason = project_unavailable(session)
    if reason:
        out.append(Breach(Rule.PROJECT_NOT_AVAILABLE, True, reason))
    if person.deadline is not None and day > person.deadline:
        out.append(Breach(Rule.AFTER_DEADLINE, True, "The session is after the order's "
                          f"deadline ({format_day(person.deadline)}) and no extension covers "
                          "it."))
    return out


def project_unavailable(session: SessionFacts) -> str | None:
    """Why the project does not work on the session's day, or None if it does.

    Fortnightly parity is not checked: sessions are generated on the pattern, and the rule is
    about the day of the week and the dates the project is available.
    """
    day = session.date
    if session.closed_reason:
        return f"The project is closed on {format_day(day)}: {session.closed_reason}."
    if day.isoweekday() not in session.weekdays:
        return f"The project does not work on {WEEKDAY_NAMES[day.weekday()]}s."
    if session.available_from is not None and day < session.available_from:
        return f"The project is available only from {format_day(session.available_from)}."
    if session.available_to is not None and day > session.available_to:
        return f"The project is available only until {format_day(session.available_to)}."
    if session.frequency == PatternFrequency.ONCE and session.available_from is not None \
            and day != session.available_from:
        return f"The project runs once only, on {format_day(session.available_from)}."
    return None


def _soft_breaches(person: PersonFacts, session: SessionFacts) -> list[Breach]:
    out = []
    if person.victim_exclusion_zone:
        out.append(Breach(Rule.VICTIM_ZONE, False, "Victim exclusion zone: "
                          f"{person.victim_exclusion_zone}. Check the site is outside it."))
    busy = unavailable_parts(person.availability, session.date, session.start, session.end)
    if busy:
        out.append(Breach(Rule.AVAILABILITY, False, "Not available then according to the "
                          f"assessment: {', '.join(busy)}."))
    for c in clashing_commitments(person.commitments, session.date, session.start, session.end):
        what = f" ({c.description})" if c.description else ""
        out.append(Breach(Rule.AVAILABILITY, False, f"Clashes with a {c.kind} commitment"
                          f"{what}, {_hhmm(c.start)}–{_hhmm(c.end)}."))
    if person.interpreter_needed and not session.interpreter_booked:
        out.append(Breach(Rule.INTERPRETER, False, "Needs an interpreter and none is booked "
                          "for this session yet: book one."))
    return out


# --- rule UPW-3: never one woman alone in a mixed group ------------------------------------------

def is_mixed_group(project_type: str, female_only: bool) -> bool:
    """A group session that men may join (a group or an induction, not female-only): where
    rule UPW-3 applies. An individual placement has no group to be alone in."""
    return project_type in GROUP_TYPES and not female_only


def one_woman_alone(project_type: str, female_only: bool, women: int) -> bool:
    """Rule UPW-3 as a session stands: exactly one woman in a mixed group. The planner, the
    session's warnings and every change's check (``lone_woman``) ask this one question."""
    return women == 1 and is_mixed_group(project_type, female_only)


def lone_woman(session: SessionFacts, women_before: int, women_after: int,
               *, adding: bool) -> Breach | None:
    """Rule UPW-3 after a change to a session's people.

    A change that adds people must leave anything but exactly one woman. A change that only
    takes people off is refused when it *creates* a lone woman; it is not blamed for one who
    was already alone (e.g. after an absence was recorded), so taking a man off stays possible.
    """
    if not one_woman_alone(session.project_type, session.female_only, women_after):
        return None
    if not adding and women_before == 1:
        return None
    if adding and women_before == 0:
        text = ("She would be the only woman in this mixed group. Select her and another "
                "woman and add them together, or choose a female-only session.")
    elif adding:
        text = ("One woman is on her own in this mixed group. Select another woman too and "
                "add them all together, or move her first.")
    else:
        text = ("That would leave one woman on her own in this mixed group. Select her too "
                "and remove or move them together, or add another woman first.")
    return Breach(Rule.LONE_WOMAN, True, text)


def lone_non_binary(session: SessionFacts, name: str, non_binary_after: int
                    ) -> Breach | None:
    """A non-binary person joining a group in which they would be the only non-binary person
    (soft): going ahead needs a recorded reason, e.g. that they were asked and agreed."""
    if not session.is_group or non_binary_after != 1:
        return None
    return Breach(Rule.LONE_NON_BINARY, False, f"{name} would be the only non-binary person "
                  "in this group: check they are comfortable with it.")


def check_placement(person: PersonFacts, session: SessionFacts, occupants: Sequence[Occupant],
                    bookings: Sequence[Booking], *, travels_by_van: bool,
                    today: dt.date) -> Decision:
    """Every rule broken by ``person`` joining ``session`` on their own."""
    breaches = person_breaches(person, session, occupants, bookings,
                               travels_by_van=travels_by_van, today=today)
    others = [o for o in occupants if o.person_id != person.person_id]
    women = sum(1 for o in others if o.is_woman)
    composition = lone_woman(session, women, women + (1 if person.is_woman else 0), adding=True)
    if composition is not None:
        breaches.append(composition)
    if person.non_binary:
        alone = lone_non_binary(session, person.name, 1 + sum(1 for o in others if o.non_binary))
        if alone is not None:
            breaches.append(alone)
    return Decision(sort_breaches(breaches))


def sort_breaches(breaches: Iterable[Breach]) -> tuple[Breach, ...]:
    """Hard before soft, then in the order of ``Rule``; duplicates dropped."""
    order = {rule: i for i, rule in enumerate(Rule)}
    unique = dict.fromkeys(breaches)
    return tuple(sorted(unique, key=lambda b: (not b.hard, order[b.rule])))
