"""The pure rule engine and schedule: cases the services cannot reach with today's clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from upw_ttg.domain.codes import Gender, GenderCategory, PatternFrequency
from upw_ttg.domain.placement import (
    Occupant,
    PersonFacts,
    Rule,
    SessionFacts,
    check_placement,
    day_parts,
    identity_not_male,
    is_woman,
    lone_woman,
    session_places,
)
from upw_ttg.domain.upw_schedule import Pattern, pattern_dates

TODAY = dt.date(2026, 11, 26)


def _person(**changes) -> PersonFacts:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(person_id=1, order_id=1, name="Ann", is_woman=False, assessed=True,
                  sentence_date=dt.date(2026, 11, 1), deadline=dt.date(2027, 11, 1))
    values.update(changes)
    return PersonFacts(**values)


def _session(**changes) -> SessionFacts:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(session_id=9, project_id=1, project_name="Park", project_type="group",
                  date=dt.date(2026, 12, 1), start=dt.time(9), end=dt.time(16), places=6,
                  van_seats=None, female_only=False, supervisor_genders=(Gender.MALE,))
    values.update(changes)
    return SessionFacts(**values)


def _rules(person, session, occupants=(), bookings=(), today=TODAY, by_van=False):
    decision = check_placement(person, session, list(occupants), list(bookings),
                               travels_by_van=by_van, today=today)
    return [b.rule for b in decision.breaches]


def test_before_the_sentence_date_and_in_the_past():
    person = _person(sentence_date=dt.date(2026, 12, 5))
    assert _rules(person, _session(), today=dt.date(2026, 11, 1)) == [Rule.BEFORE_SENTENCE]
    assert _rules(_person(), _session(date=dt.date(2026, 11, 25))) == [Rule.SESSION_NOT_OPEN]
    assert _rules(_person(), _session(open=False)) == [Rule.SESSION_NOT_OPEN]


def test_a_once_project_runs_only_on_its_day_and_an_order_with_no_hours_left():
    once = _session(frequency=PatternFrequency.ONCE, available_from=dt.date(2026, 12, 2))
    assert _rules(_person(), once) == [Rule.PROJECT_NOT_AVAILABLE]
    assert _rules(_person(minutes_remaining=0), _session()) == [Rule.ORDER_NOT_LIVE]


def test_no_van_means_nobody_travels_by_van_and_unknown_supervisor_gender_is_soft():
    assert _rules(_person(), _session(), by_van=True) == [Rule.VAN_SEATS]
    unknown = _session(supervisor_genders=(Gender.NOT_STATED,))
    decision = check_placement(_person(no_male_supervisor=True), unknown, [], [],
                               travels_by_van=False, today=TODAY)
    assert [(b.rule, b.hard) for b in decision.breaches] == [(Rule.SUPERVISOR_GENDER, False)]


def test_lone_woman_blames_only_the_change_that_causes_it():
    group = _session()
    assert lone_woman(group, 0, 1, adding=True) is not None
    assert lone_woman(group, 2, 1, adding=False) is not None
    assert lone_woman(group, 1, 1, adding=False) is None  # she was already alone
    assert lone_woman(group, 1, 1, adding=True) is not None
    assert lone_woman(group, 0, 2, adding=True) is None
    assert lone_woman(_session(female_only=True), 0, 1, adding=True) is None
    assert lone_woman(_session(project_type="individual"), 0, 1, adding=True) is None
    woman = _person(is_woman=True)
    others = [Occupant(5, True), Occupant(6, False)]
    assert _rules(woman, group, others) == []


def test_the_category_decides_and_parts_of_the_day():
    assert is_woman(GenderCategory.WOMAN) and not is_woman(GenderCategory.NON_BINARY)
    assert not is_woman(GenderCategory.UNCONFIRMED) and not is_woman(GenderCategory.NOT_STATED)
    assert identity_not_male(GenderCategory.NOT_STATED)
    assert not identity_not_male(GenderCategory.MAN)
    assert identity_not_male(GenderCategory.NON_BINARY)
    assert day_parts(dt.time(9), dt.time(16)) == (0, 1)
    assert day_parts(dt.time(13), dt.time(19)) == (1, 2)
    assert day_parts(dt.time(18), dt.time(20)) == (2,)
    assert session_places(8, 1, 6) == 6 and session_places(8, 0, 6) == 0
    assert session_places(4, 2, 6) == 4


def test_pattern_dates_respect_the_end_and_available_to_dates():
    pattern = Pattern(PatternFrequency.WEEKLY, (1, 3), dt.date(2026, 11, 1),
                      available_to=dt.date(2026, 12, 20), end_date=dt.date(2026, 12, 9))
    assert pattern_dates(pattern, dt.date(2026, 11, 30), dt.date(2027, 1, 31)) == [
        dt.date(2026, 11, 30), dt.date(2026, 12, 2), dt.date(2026, 12, 7), dt.date(2026, 12, 9)]
    assert pattern_dates(pattern, dt.date(2027, 1, 1), dt.date(2027, 1, 31)) == []
