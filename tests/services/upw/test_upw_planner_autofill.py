"""The week planner, the waiting list, and auto-fill: proposals, reasons, apply, progress."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import Gender, PlacementPreference
from upw_ttg.errors import Cancelled
from upw_ttg.records.upw import PlacementRequest


def test_the_week_planner_shows_fill_marks_and_warnings(upw):
    sid = upw.session(capacity=8)
    female = upw.session(upw.MONDAY + dt.timedelta(days=2), female_only=True)
    upw.svc.placement.place(upw.man(), sid)
    upw.svc.placement.place(upw.placeable(person={"interpreter_needed": True}), sid,
                            override_reason="Interpreter requested from the agency")
    upw.svc.placement.place(upw.woman(), female)
    plan = upw.svc.planner.week(upw.unit, upw.MONDAY + dt.timedelta(days=3))
    assert plan.week_start == upw.MONDAY and len(plan.days) == 7
    cells = {c.session_id: c for row in plan.rows for day in row.days for c in day}
    assert cells[sid].fill == "2/6"
    assert cells[sid].interpreter_needed and cells[sid].warnings == ("interpreter to book",)
    assert cells[female].female_only and cells[female].fill == "1/6"
    assert cells[female].warnings == ()
    row = next(r for r in plan.rows if any(c.session_id == female for d in r.days for c in d))
    assert [len(d) for d in row.days] == [0, 0, 1, 0, 0, 0, 0]


def test_the_waiting_list_says_why(upw, app):
    sid = upw.session(upw.MONDAY + dt.timedelta(days=8))
    booked_later = upw.man()
    upw.svc.placement.place(booked_later, sid)
    new = upw.man(sentenced=dt.date(2026, 11, 25))
    overdue = upw.man(sentenced=dt.date(2026, 10, 1))
    rows = {r.order_id: r for r in upw.svc.planner.waiting(upw.unit, week_start=upw.MONDAY)}
    assert rows[new].reasons == ("No first session booked: due by Wed 9 Dec 2026.",
                                 "No session in the next 7 days.",
                                 "Below the weekly offer: 0:00 of 7:00 hours booked in the week of "
                                 "Mon 30 Nov 2026.")
    assert rows[overdue].reasons[0] == "First session overdue: it was due by Thu 15 Oct 2026."
    assert rows[booked_later].reasons[0].startswith("First session booked for Tue 8 Dec 2026, "
                                                    "after the deadline")
    assert rows[new].first_session_due == dt.date(2026, 12, 9)
    assert rows[booked_later].next_session is None


def _proposal(upw, **kwargs):
    return upw.svc.autofill.propose(upw.MONDAY, upw.unit, **kwargs)


def test_auto_fill_offers_the_weekly_hours_and_intensive_working_more(upw):
    for day in range(5):
        upw.session(upw.MONDAY + dt.timedelta(days=day))
    regular = upw.man()
    intensive = upw.man(intensive_extra_hours=21)
    proposal = _proposal(upw)
    mine = [p for p in proposal.placements if p.order_id == regular]
    theirs = [p for p in proposal.placements if p.order_id == intensive]
    assert sum(p.minutes for p in mine) == 7 * 60 and len(mine) == 1
    assert sum(p.minutes for p in theirs) == 28 * 60 and len(theirs) == 4
    assert len({p.session_date for p in theirs}) == 4
    assert proposal.shortfalls == ()


def test_women_who_chose_female_only_get_female_only_sessions(upw):
    mixed = upw.session()
    female = upw.session(upw.MONDAY + dt.timedelta(days=1), female_only=True)
    choosers = [upw.woman(placement_preference=PlacementPreference.FEMALE_ONLY_GROUP)
                for _ in range(2)]
    proposal = _proposal(upw)
    assert {(p.order_id, p.session_id) for p in proposal.placements} == {
        (choosers[0], female), (choosers[1], female)}
    assert mixed not in {p.session_id for p in proposal.placements}


def test_no_female_only_session_is_a_reason(upw):
    upw.session()
    chooser = upw.woman(placement_preference=PlacementPreference.FEMALE_ONLY_GROUP)
    (short,) = _proposal(upw).shortfalls
    assert short.order_id == chooser
    assert short.reasons == ("no female-only session in the delivery unit that week",)


def test_women_are_placed_in_pairs_never_alone(upw):
    sid = upw.session()
    upw.svc.placement.place(upw.man(), sid)
    lone = upw.woman()
    (short,) = _proposal(upw).shortfalls
    assert short.order_id == lone
    assert short.reasons == ("would be the only woman in a mixed group (1 session)",)
    partner = upw.woman()
    proposal = _proposal(upw)
    assert {p.order_id for p in proposal.placements} == {lone, partner}
    assert upw.svc.autofill.apply(proposal).created == 2


def test_reasons_for_no_capacity_availability_and_no_assessment(upw):
    sid = upw.session(capacity=1)
    upw.svc.placement.place(upw.man(), sid)
    full = upw.man()
    busy = upw.man(availability="N" * 20 + "Y")
    unassessed = upw.placeable(assessed=False)
    reasons = {s.order_id: s.reasons for s in _proposal(upw).shortfalls}
    assert reasons[full] == ("no capacity (1 session)",)
    assert reasons[busy] == ("availability (1 session)",)
    assert reasons[unassessed] == ("no completed assessment (1 session)",)


def test_a_late_first_session_is_noted(upw):
    upw.session(upw.MONDAY + dt.timedelta(days=4))
    upw.man(sentenced=dt.date(2026, 11, 2))
    proposal = _proposal(upw)
    assert len(proposal.placements) == 1
    assert proposal.notes[0].endswith("first session on Fri 4 Dec 2026, after the deadline of "
                                      "Mon 16 Nov 2026.")


def test_apply_books_everything_once_and_rechecks_the_rules(upw):
    sid = upw.session(capacity=2)
    orders = [upw.man(), upw.man()]
    proposal = _proposal(upw)
    assert len(proposal.placements) == 2
    upw.svc.placement.place(upw.man(), sid)  # someone took a place since the proposal
    result = upw.svc.autofill.apply(proposal)
    assert result.created == 1
    ((refused, why),) = result.refused
    assert refused.order_id in orders and "The session is full" in why[0]
    again = upw.svc.autofill.apply(proposal)
    assert (again.created, again.already_there, len(again.refused)) == (0, 1, 1)


def test_progress_and_cancel(upw):
    upw.session()
    for _ in range(3):
        upw.man()
    seen = []
    _proposal(upw, progress=lambda done, total, text: seen.append((done, total, text)))
    assert seen[0][2] == "Loading orders and sessions" and seen[-1][2] == "Proposal ready"
    with pytest.raises(Cancelled):
        _proposal(upw, cancelled=lambda: True)


def test_auto_fill_leaves_people_already_booked_that_week(upw):
    sid = upw.session()
    upw.session(upw.MONDAY + dt.timedelta(days=1))
    order = upw.man()
    upw.svc.placement.place_many([PlacementRequest(order, sid)])
    assert _proposal(upw).placements == ()
    assert upw.svc.planner.waiting(upw.unit, week_start=upw.MONDAY) == [] or all(
        r.order_id != order or "Below the weekly offer" not in " ".join(r.reasons)
        for r in upw.svc.planner.waiting(upw.unit, week_start=upw.MONDAY))


def test_men_are_not_told_about_female_only_sessions(upw):
    upw.session(female_only=True)
    man = upw.placeable(Gender.MALE)
    (short,) = _proposal(upw).shortfalls
    assert short.order_id == man
    assert short.reasons == ("no sessions in the delivery unit that week",)
