"""The caseload dashboard on a small hand-built caseload: every list, counts and quality."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import event

from upw_ttg.domain.codes import ContactMethod, ReferralStatus, ReleaseDateType, Role
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import ContactInput, ReferralInput, ReviewInput

from tests.services.ttg.ttg_support import fill_plan, make_episode, make_person, prison_id, read_at

NOW = dt.datetime(2026, 11, 26, 10, 30)


def names(rows) -> list[str]:
    return [r.person_name.split()[0] for r in rows]


@pytest.fixture
def caseload(app, ttg, add_staff) -> SimpleNamespace:
    """Eight people: due a plan, overdue, complete, near release, released, another prison."""
    w1 = add_staff("wyn", Role.RESETTLEMENT_WORKER, "Wyn Worker")
    w2 = add_staff("tom", Role.RESETTLEMENT_WORKER, "Tom Worker")

    def person(letter: str, first: str, prison: str = "HMI", **dates) -> int:
        return make_episode(app, make_person(app, f"X40000{letter}", first), prison, **dates)

    ann = person("1", "Ann", reception_date=dt.date(2026, 11, 23),
                 screening_date=dt.date(2026, 11, 24), sentence_start_date=dt.date(2026, 11, 23))
    bob = person("2", "Bob")
    cai = person("3", "Cai", reception_date=dt.date(2026, 9, 1),
                 screening_date=dt.date(2026, 9, 2), sentence_start_date=dt.date(2026, 9, 1),
                 conditional_release_date=dt.date(2026, 12, 15))
    dee = person("4", "Dee", hdc_approved_date=dt.date(2027, 3, 1))
    eve = person("5", "Eve", reception_date=dt.date(2026, 9, 1),
                 screening_date=dt.date(2026, 9, 2), sentence_start_date=dt.date(2026, 9, 1),
                 conditional_release_date=dt.date(2027, 1, 10))
    early = dict(reception_date=dt.date(2026, 6, 1), screening_date=dt.date(2026, 6, 2),
                 sentence_start_date=dt.date(2026, 6, 1))
    fay = person("6", "Fay", "HMI", conditional_release_date=dt.date(2026, 11, 20), **early)
    gus = person("7", "Gus", "HMI", conditional_release_date=dt.date(2026, 11, 25), **early)
    hal = person("8", "Hal", "LII", reception_date=dt.date(2026, 11, 25),
                 screening_date=dt.date(2026, 11, 26),
                 sentence_start_date=dt.date(2026, 11, 25))
    ttg.dashboard.assign(read_at(app, ann, bob, cai), w1.id)
    ttg.dashboard.assign(read_at(app, hal), w2.id)
    # Bob: a draft plan, overdue, with a referral waiting past its date.
    plan = ttg.plans.create(bob)
    ttg.referrals.create(plan.id, ReferralInput("accommodation", "Shelter",
                                                dt.date(2026, 11, 10), dt.date(2026, 11, 20)))
    # Cai: completed on time (on 8 Sep), no address for release in three weeks, contact
    # waiting for an acknowledgement.
    app.ctx.now = lambda: dt.datetime(2026, 9, 8, 10)
    plan = fill_plan(ttg, ttg.plans.create(cai), on=dt.date(2026, 9, 7))
    ttg.plans.complete(plan.id, plan.version)
    app.ctx.now = lambda: NOW
    ttg.reviews.save(cai, ReviewInput(review_date=dt.date(2026, 11, 20),
                                      accommodation_found=False))
    ttg.handover.add_contact(cai, ContactInput(dt.date(2026, 11, 20), ContactMethod.EMAIL,
                                               "Release plan"))
    # Dee: completed late.
    plan = fill_plan(ttg, ttg.plans.create(dee))
    ttg.plans.complete(plan.id, plan.version)
    # Fay released after a contact; Gus released with a contact only on the day.
    for episode, contact in ((fay, dt.date(2026, 11, 10)), (gus, dt.date(2026, 11, 25))):
        ttg.handover.add_contact(episode, ContactInput(contact, ContactMethod.PHONE, "Call"))
        ttg.events.release(episode, app.custody.get(episode).expected_release_date,
                           "Conditional release", ttg.events.state(episode).version)
    return SimpleNamespace(w1=w1, w2=w2, ann=ann, bob=bob, cai=cai, dee=dee, eve=eve, hal=hal)


def test_every_list_of_the_dashboard(ttg, caseload):
    board = ttg.dashboard.caseload()
    assert board.in_custody == 6
    assert names(board.due_a_plan) == ["Ann", "Hal"]
    assert [r.date for r in board.due_a_plan] == [dt.date(2026, 12, 1), dt.date(2026, 12, 3)]
    assert board.due_a_plan[0].note == "Plan not started; due 1 Dec 2026."
    assert names(board.plans_overdue) == ["Eve", "Bob"]
    assert board.plans_overdue[1].note == ("Plan in draft; was due 10 Nov 2026 (12 working "
                                           "days ago).")
    assert names(board.releases_within_12_weeks) == ["Cai", "Eve"]
    assert names(board.releases_within_24_weeks) == ["Cai", "Eve", "Dee"]
    dee = board.releases_within_24_weeks[2]
    assert (dee.expected_release_type, dee.note) == (ReleaseDateType.HDC,
                                                     "HDC approved date (may change).")
    assert names(board.no_accommodation) == ["Cai"]
    assert board.no_accommodation[0].note == ("Release 15 Dec 2026: no address for the first "
                                              "night.")
    assert names(board.handover_not_started) == ["Eve"]
    assert names(board.handovers_not_acknowledged) == ["Cai"]
    assert board.handovers_not_acknowledged[0].note == ("Contact on 20 Nov 2026 not "
                                                        "acknowledged: chase after 27 Nov 2026.")
    assert names(board.referrals_overdue) == ["Bob"]
    assert board.referrals_overdue[0].note.startswith("Shelter (Accommodation): sent 10 Nov")


def test_each_row_opens_the_persons_plan(ttg, caseload):
    board = ttg.dashboard.caseload()
    assert board.plans_overdue[1].plan_id == ttg.plans.for_episode(caseload.bob).id
    assert board.due_a_plan[0].plan_id is None
    assert board.referrals_overdue[0].episode_id == caseload.bob


def test_the_dashboard_for_a_prison_or_a_worker(app, ttg, caseload):
    lincoln = ttg.dashboard.caseload(prison_id=prison_id(app, "LII"))
    assert lincoln.in_custody == 1 and names(lincoln.due_a_plan) == ["Hal"]
    assert [(w.worker_name, w.cases) for w in lincoln.workers] == [("Tom Worker", 1)]
    mine = ttg.dashboard.caseload(worker_id=caseload.w1.id)
    assert mine.in_custody == 3
    assert names(mine.due_a_plan) == ["Ann"] and names(mine.plans_overdue) == ["Bob"]
    assert [(w.worker_name, w.cases) for w in mine.workers] == [("Wyn Worker", 3)]


def test_assigning_cases_gives_a_count_per_worker(app, ttg, caseload):
    board = ttg.dashboard.caseload()
    assert [(w.worker_name, w.cases) for w in board.workers] == [
        ("Tom Worker", 1), ("Wyn Worker", 3), ("Not assigned", 2)]
    counts = ttg.dashboard.assign(read_at(app, caseload.dee, caseload.eve),
                                    caseload.w2.id)
    assert [(w.worker_name, w.cases) for w in counts] == [("Tom Worker", 3), ("Wyn Worker", 3)]
    assert app.audit.events_for("custody_episode", caseload.dee)[-1].changes == {
        "worker_id": [None, caseload.w2.id]}
    supervisor = app.ctx.actor
    with pytest.raises(ValidationError, match="active resettlement worker"):
        ttg.dashboard.assign(read_at(app, caseload.dee), supervisor.id + 999)


def test_quality_figures_answer_the_inspection_questions(ttg, caseload):
    quality = ttg.dashboard.caseload().quality
    # Plans due by today: Bob (draft), Cai (on time), Dee (late), Eve, Fay, Gus (none).
    assert [(f.count, f.total) for f in quality.all()] == [(1, 6), (2, 6), (2, 6), (2, 6),
                                                          (1, 2)]
    assert quality.plans_on_time.percent == 16.7
    assert quality.ro_contacted_before_release.label == ("Responsible officer contacted "
                                                         "before release")
    assert quality.since == dt.date(2025, 11, 26)


def test_an_empty_caseload_has_no_percentages(ttg):
    board = ttg.dashboard.caseload()
    assert board.in_custody == 0 and board.due_a_plan == ()
    assert all(f.percent is None for f in board.quality.all())


def test_the_dashboard_runs_a_fixed_number_of_queries(app, ttg, caseload):
    """No query per person: the statement count does not grow with the caseload."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    ttg.dashboard.caseload()  # warms the working-day calendar
    event.listen(app.db.engine, "before_cursor_execute", count)
    try:
        ttg.dashboard.caseload()
        few = len(statements)
        for i in range(5):
            episode = make_episode(app, make_person(app, f"X4001{i:02d}", "Ivy"))
            plan = ttg.plans.create(episode)
            ttg.referrals.create(plan.id, ReferralInput(
                "health", "GP", dt.date(2026, 11, 1), dt.date(2026, 11, 2),
                status=ReferralStatus.SENT))
        statements.clear()
        ttg.dashboard.caseload()
    finally:
        event.remove(app.db.engine, "before_cursor_execute", count)
    # Each service call first reads the caller's current roles (one small query by key); one
    # more finds the restricted cases among the rows (rule ACC-2); one reads the reviews due
    # (rule TTG-REVIEWDUE).
    data_queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")
                    and not s.lstrip().startswith("SELECT staff.active")]
    assert len(statements) == few and len(data_queries) <= 7


def test_the_reception_queue_holds_cases_nobody_holds(app, ttg, caseload):
    board = ttg.dashboard.caseload()
    assert names(board.not_assigned) == ["Eve", "Dee"], "the longest waiting first"
    assert "no resettlement worker yet" in board.not_assigned[0].note
    only = ttg.dashboard.caseload(unassigned=True)
    assert {r.person_name.split()[0] for r in only.due_a_plan} <= {"Dee", "Eve"}
    assert only.in_custody == 2
    ttg.dashboard.assign(read_at(app, caseload.dee), caseload.w2.id)
    assert names(ttg.dashboard.caseload().not_assigned) == ["Eve"]


def test_the_worker_is_chosen_when_custody_is_recorded(app, ttg, caseload):
    episode = make_episode(app, make_person(app, "X400019", "Ida"), worker_id=caseload.w1.id)
    record = app.custody.get(episode)
    assert (record.worker_id, record.worker_name) == (caseload.w1.id, "Wyn Worker")
    assert "Ida" not in names(ttg.dashboard.caseload().not_assigned)
    # An edit that leaves the worker unchosen keeps the one on record.
    edited = app.custody.update(episode, dataclasses.replace(
        record.to_input(), worker_id=None, prison_number=record.prison_number))
    assert edited.worker_id == caseload.w1.id
    moved = app.custody.update(episode, dataclasses.replace(edited.to_input(),
                                                            worker_id=caseload.w2.id))
    assert moved.worker_name == "Tom Worker"
    with pytest.raises(ValidationError, match="active resettlement worker"):
        make_episode(app, make_person(app, "X400020", "Jo"), worker_id=app.ctx.actor.id + 999)
