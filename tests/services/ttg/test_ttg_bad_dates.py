"""One record with an impossible date never takes down a list, a plan or a printout."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.services.ttg.ttg_support import make_episode, make_person

BAD_DATES = [dt.date(1, 1, 1), dt.date(1, 3, 15), dt.date(2101, 1, 3), dt.date(9999, 12, 31)]


def _mistype(app, episode_id: int, **dates: dt.date) -> None:
    """Store dates as an old import or a slip would have left them.

    Written through the driver itself: the application now refuses such dates at its own
    boundary, and these tests are about records that got past it before.
    """
    mark = "?" if app.db.is_sqlite else "%s"
    assignments = ", ".join(f"{name} = {mark}" for name in dates)
    raw = app.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"UPDATE custody_episode SET {assignments} WHERE id = {mark}",
                       [*(day.isoformat() for day in dates.values()), episode_id])
        raw.commit()
    finally:
        raw.close()


@pytest.fixture(params=BAD_DATES, ids=str)
def broken(request, app) -> tuple[int, int]:
    """(a healthy episode, an episode whose release and screening dates are impossible)."""
    good = make_episode(app, make_person(app, crn="X300002", forename="Ann"))
    bad = make_episode(app, make_person(app))
    _mistype(app, bad, expected_release_date=request.param,
             conditional_release_date=request.param, screening_date=request.param)
    return good, bad


def test_the_dashboard_sets_the_record_aside_and_keeps_the_others(ttg, broken):
    good, bad = broken
    board = ttg.dashboard.caseload()
    assert board.in_custody == 2
    assert [row.episode_id for row in board.needs_attention] == [bad]
    note = board.needs_attention[0].note
    assert "release date" in note and "screening date" in note
    listed = {row.episode_id for name in ("due_a_plan", "plans_overdue",
                                          "releases_within_24_weeks")
              for row in getattr(board, name)}
    assert good in listed
    per_prison = ttg.dashboard.caseload(prison_id=None)
    assert per_prison.needs_attention == board.needs_attention


def test_the_plan_deadlines_and_handover_of_the_record_still_open(app, ttg, broken):
    _good, bad = broken
    deadlines = ttg.deadlines.for_episode(bad)
    assert deadlines.deadlines.release_date is not None
    plan = ttg.plans.create(bad)
    assert ttg.plans.for_episode(bad).id == plan.id
    ttg.handover.for_episode(bad)
    for render in (ttg.printouts.render_handover_pack, ttg.printouts.render_person_copy,
                   ttg.printouts.render_release_sheet):
        assert render(bad).startswith(b"%PDF")
    assert app.case_summary.render(app.custody.get(bad).person_id).startswith(b"%PDF")


def test_healthy_records_need_no_attention(ttg, app):
    make_episode(app, make_person(app))
    assert ttg.dashboard.caseload().needs_attention == ()
