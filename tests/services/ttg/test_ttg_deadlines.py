"""Deadlines from the settings and the working-day calendar, across holidays and date changes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.codes import ReleaseDateType
from upw_ttg.domain.custody import DateChangeRow
from upw_ttg.domain.resettlement import DeadlineKind, DeadlineSettings
from upw_ttg.domain.working_days import WorkingCalendar

from tests.services.ttg.ttg_support import make_episode, make_person

CAL = WorkingCalendar()
DEFAULTS = DeadlineSettings()


@pytest.mark.parametrize(("screening", "due"), [
    (dt.date(2026, 12, 22), dt.date(2026, 12, 31)),  # over Christmas Day and Boxing Day (Mon)
    (dt.date(2026, 12, 24), dt.date(2027, 1, 5)),    # ... and New Year's Day
    (dt.date(2026, 12, 26), dt.date(2027, 1, 5)),    # screened on a Saturday
    (dt.date(2027, 3, 25), dt.date(2027, 4, 5)),     # over Good Friday and Easter Monday
    (dt.date(2027, 3, 26), dt.date(2027, 4, 5)),     # screened on Good Friday
])
def test_plan_due_counts_working_days_over_bank_holidays(ttg, screening, due):
    assert ttg.deadlines.plan_due(screening) == due


@pytest.mark.parametrize(("release", "review"), [
    (dt.date(2027, 3, 19), dt.date(2026, 12, 24)),  # 12 weeks before is Christmas Day
    (dt.date(2027, 3, 22), dt.date(2026, 12, 24)),  # ... is the Boxing Day substitute
    (dt.date(2027, 3, 26), dt.date(2026, 12, 31)),  # ... is New Year's Day
    (dt.date(2027, 6, 18), dt.date(2027, 3, 25)),   # ... is Good Friday
    (dt.date(2027, 6, 21), dt.date(2027, 3, 25)),   # ... is Easter Monday
    (dt.date(2027, 5, 5), dt.date(2027, 2, 10)),    # an ordinary Wednesday
])
def test_pre_release_review_falls_on_the_working_day_on_or_before(ttg, release, review):
    assert ttg.deadlines.pre_release_review_due(release) == review


@pytest.mark.parametrize(("contact", "chase"), [
    (dt.date(2026, 12, 21), dt.date(2026, 12, 30)),
    (dt.date(2026, 12, 30), dt.date(2027, 1, 7)),
    (dt.date(2027, 3, 24), dt.date(2027, 4, 2)),
])
def test_chase_date_is_five_working_days_after_the_contact(ttg, contact, chase):
    assert ttg.deadlines.chase_date(contact) == chase


def test_window_and_supervision_are_calendar_periods(ttg):
    assert ttg.deadlines.handover_window_opens(dt.date(2027, 6, 1)) == dt.date(2027, 4, 6)
    assert ttg.deadlines.supervision_end(dt.date(2027, 6, 1)) == dt.date(2028, 6, 1)
    assert ttg.deadlines.supervision_end(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_deadlines_follow_the_settings_and_closures(app, ttg):
    setting = next(s for s in app.settings.list_settings() if s.key == "ttg.plan_working_days")
    app.settings.update(setting.key, "10", setting.version)
    assert ttg.deadlines.plan_due(dt.date(2027, 3, 25)) == dt.date(2027, 4, 12)
    app.calendar.add_closure(dt.date(2027, 4, 12), "Staff training day")
    assert ttg.deadlines.plan_due(dt.date(2027, 3, 25)) == dt.date(2027, 4, 13)


def test_an_episode_has_every_deadline(app, ttg):
    episode = make_episode(app, make_person(app), reception_date=dt.date(2026, 11, 20),
                           screening_date=dt.date(2026, 11, 23),
                           sentence_start_date=dt.date(2026, 11, 20),
                           conditional_release_date=dt.date(2027, 3, 19))
    found = ttg.deadlines.for_episode(episode)
    d = found.deadlines
    assert found.expected_release_type == ReleaseDateType.CRD
    assert d.screening_due == dt.date(2026, 11, 23)
    assert d.plan_due == dt.date(2026, 11, 30)
    assert d.pre_release_review_due == dt.date(2026, 12, 24)
    assert d.handover_window_opens == dt.date(2027, 1, 22)
    assert d.supervision_end == dt.date(2028, 3, 19)
    assert found.moves == ()


def test_deadlines_follow_the_release_date_precedence(app, ttg):
    """An approved HDC date comes before the CRD, so the deadlines hang on it; a confirmed
    date comes before both; removing them falls back to the CRD."""
    episode_id = make_episode(app, make_person(app), conditional_release_date=dt.date(2027, 6, 1),
                              hdc_eligibility_date=dt.date(2027, 3, 1))
    steps = [("hdc_approved_date", dt.date(2027, 3, 19), ReleaseDateType.HDC,
              dt.date(2026, 12, 24)),
             ("confirmed_release_date", dt.date(2027, 3, 18), ReleaseDateType.CONFIRMED,
              dt.date(2026, 12, 24)),
             ("confirmed_release_date", None, ReleaseDateType.HDC, dt.date(2026, 12, 24)),
             ("hdc_approved_date", None, ReleaseDateType.CRD, dt.date(2027, 3, 9))]
    for field, value, kind, review in steps:
        edit = app.custody.get(episode_id).to_input()
        setattr(edit, field, value)
        edit.change_reason = "Governor's decision"
        assert app.custody.update(episode_id, edit).expected_release_type == kind
        assert ttg.deadlines.for_episode(episode_id).deadlines.pre_release_review_due == review


def test_a_release_date_change_moves_the_deadlines_that_hang_on_it(app, ttg):
    episode_id = make_episode(app, make_person(app), conditional_release_date=dt.date(2027, 3, 19))
    edit = app.custody.get(episode_id).to_input()
    edit.conditional_release_date = dt.date(2027, 4, 2)
    edit.change_reason = "Additional days awarded"
    app.custody.update(episode_id, edit)
    moves = ttg.deadlines.moved(episode_id)
    assert [(m.kind, m.old, m.new) for m in moves] == [
        (DeadlineKind.PRE_RELEASE_REVIEW, dt.date(2026, 12, 24), dt.date(2027, 1, 8)),
        (DeadlineKind.HANDOVER_WINDOW, dt.date(2027, 1, 22), dt.date(2027, 2, 5)),
        (DeadlineKind.SUPERVISION_END, dt.date(2028, 3, 19), dt.date(2028, 4, 2))]
    assert {(m.reason, m.changed_by, m.because_of) for m in moves} == {
        ("Additional days awarded", "Ada Admin", ("conditional_release_date",))}
    assert moves[0].days_later == 15


def test_moves_are_listed_newest_first_and_unrelated_dates_move_nothing(app, ttg):
    episode_id = make_episode(app, make_person(app), conditional_release_date=dt.date(2027, 3, 19))
    for minute, (field, value, why) in enumerate((
            ("licence_expiry_date", dt.date(2027, 9, 1), "LED keyed"),
            ("conditional_release_date", dt.date(2027, 4, 2), "ADA"),
            ("confirmed_release_date", dt.date(2027, 4, 1), "Confirmed"))):
        app.ctx.now = lambda m=minute: dt.datetime(2026, 11, 26, 10, 31 + m)
        edit = app.custody.get(episode_id).to_input()
        setattr(edit, field, value)
        edit.change_reason = why
        app.custody.update(episode_id, edit)
    moves = ttg.deadlines.moved(episode_id)
    review = [m for m in moves if m.kind == DeadlineKind.PRE_RELEASE_REVIEW]
    assert [m.reason for m in review] == ["Confirmed", "ADA"]
    assert all(m.reason != "LED keyed" for m in moves)
    assert (review[1].old, review[1].new, review[0].old, review[0].new) == (
        dt.date(2026, 12, 24), dt.date(2027, 1, 8), dt.date(2027, 1, 8), dt.date(2027, 1, 7))


def test_supervision_runs_from_the_actual_release(app, ttg):
    episode_id = make_episode(app, make_person(app), reception_date=dt.date(2026, 6, 1),
                              screening_date=dt.date(2026, 6, 2),
                              sentence_start_date=dt.date(2026, 6, 1),
                              conditional_release_date=dt.date(2026, 12, 1))
    state = ttg.events.state(episode_id)
    ttg.events.early_release(episode_id, dt.date(2026, 11, 20), "Home detention curfew",
                             state.version)
    assert ttg.deadlines.for_episode(episode_id).deadlines.supervision_end == \
        dt.date(2027, 11, 20)


# ---- properties ----------------------------------------------------------------------------
days = st.dates(dt.date(2021, 1, 1), dt.date(2034, 12, 31))
counts = st.integers(1, 30)


@given(days, counts)
def test_plan_due_is_always_a_working_day_the_right_count_after_screening(screening, n):
    due = rules.plan_due(screening, DeadlineSettings(plan_working_days=n), CAL)
    assert CAL.is_working_day(due)
    assert due > screening
    assert CAL.working_days_between(screening, due) == n


@given(days, days)
def test_release_deadlines_are_monotonic_in_the_release_date(first, second):
    early, late = sorted((first, second))
    for rule in (lambda r: rules.pre_release_review_due(r, DEFAULTS, CAL),
                 lambda r: rules.handover_window_opens(r, DEFAULTS),
                 lambda r: rules.supervision_end(r, DEFAULTS)):
        assert rule(early) <= rule(late)
    review = rules.pre_release_review_due(early, DEFAULTS, CAL)
    assert CAL.is_working_day(review)
    assert review <= early - dt.timedelta(weeks=12)


@given(days)
def test_a_contact_is_never_chased_on_or_before_its_chase_date(contact):
    chase = rules.chase_date(contact, DEFAULTS, CAL)
    assert CAL.is_working_day(chase) and chase > contact
    assert not rules.needs_chase(contact, None, chase, DEFAULTS, CAL)
    assert rules.needs_chase(contact, None, chase + dt.timedelta(days=1), DEFAULTS, CAL)
    assert not rules.needs_chase(contact, contact, chase + dt.timedelta(days=9), DEFAULTS, CAL)


@settings(max_examples=60)
@given(st.lists(st.dates(dt.date(2027, 1, 1), dt.date(2029, 12, 31)), min_size=1,
                max_size=6))
def test_moves_chain_from_the_first_release_date_to_the_current_one(crds):
    """However often the CRD moves, the review moves form a chain from first to last."""
    history, stamp = [], dt.datetime(2026, 1, 1)
    for old, new in zip(crds, crds[1:], strict=False):
        stamp += dt.timedelta(hours=1)
        history.append(DateChangeRow("conditional_release_date", old, new, "why", stamp, "A"))
    current = {"conditional_release_date": crds[-1], "reception_date": dt.date(2026, 1, 1)}
    moves = [m for m in rules.deadline_moves(current, history[::-1], DEFAULTS, CAL)
             if m.kind == DeadlineKind.PRE_RELEASE_REVIEW][::-1]
    due = [rules.pre_release_review_due(c, DEFAULTS, CAL) for c in crds]
    expected = [(a, b) for a, b in zip(due, due[1:], strict=False) if a != b]
    assert [(m.old, m.new) for m in moves] == expected
