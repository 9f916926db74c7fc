"""Rules TTG-REVIEWDUE and TTG-REVIEWTEXT: each change that makes a review due, in the service
that writes it, and the review that closes the items (and refuses repeated text)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from upw_ttg.domain.case_reviews import (
    CaseChangeKind,
    ReviewTrigger,
    normalise_review_text,
    repeats_previous,
)
from upw_ttg.domain.codes import MappaLevel, RiskLevel
from upw_ttg.errors import StaleRecordError, ValidationError
from upw_ttg.records.case_reviews import CaseReviewInput, ChangeNoteInput
from upw_ttg.records.ttg import RiskInput
from upw_ttg.storage.models import AuditEvent, UpwOrder

from tests.services.attendance.attendance_data import World, set_clock
from tests.services.ttg.ttg_support import make_episode, make_person, ttg_services
from tests.services.upw.risk_support import assessed, change

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def world(app) -> World:
    set_clock(app, dt.datetime(2026, 11, 26, 10, 0))
    return World(app)


def _items(app, person_id: int):
    return app.case_reviews.for_person(person_id).items


def _move(app, person_id: int, **changes):
    record = app.people.get(person_id)
    return app.people.update(person_id, dataclasses.replace(record.to_input(), **changes))


def test_a_change_of_address_makes_a_review_due_saying_what_changed(app, world):
    person = world.person()
    _move(app, person, address_line1="  12 HIGH street ")  # the same address retyped
    assert _items(app, person) == ()
    _move(app, person, address_line1="4 Queen Street", town="Hull", postcode="HU1 1AA")
    [item] = _items(app, person)
    assert (item.trigger, item.changed_on, item.open) == (ReviewTrigger.ADDRESS, TODAY, True)
    assert item.what_changed == ("Address changed from 12 HIGH street, York, YO1 7HH to "
                                 "4 Queen Street, Hull, HU1 1AA.")
    assert item.label == "Change of address"
    _move(app, person, phone="07700 900123")  # not the address: no review
    assert len(_items(app, person)) == 1


@pytest.mark.parametrize(("kind", "trigger"), [
    (CaseChangeKind.LOST_CONTACT, ReviewTrigger.LOST_CONTACT),
    (CaseChangeKind.NEW_RELATIONSHIP, ReviewTrigger.NEW_RELATIONSHIP)])
def test_a_loss_of_contact_or_new_relationship_noted_makes_a_review_due(app, world, kind,
                                                                        trigger):
    person = world.person()
    noted = dt.date(2026, 11, 20)
    record = app.case_reviews.note_change(person, ChangeNoteInput(kind, noted, " Told us. "))
    [item] = record.open_items
    assert (item.trigger, item.what_changed, item.changed_on) == (trigger, "Told us.", noted)
    with pytest.raises(ValidationError) as refused:
        app.case_reviews.note_change(person, ChangeNoteInput(kind, TODAY + dt.timedelta(1),
                                                             " "))
    assert set(refused.value.fields) == {"detail", "noted_on"}


def test_the_second_failure_to_comply_on_an_order_makes_one_review_due(app, world):
    order, first, appointment = world.case()
    with app.db.read() as s:
        person = s.get(UpwOrder, order).person_id
    project = world.project()
    world.key(first, appointment, "UAAB")
    assert _items(app, person) == ()
    second = world.session(project, dt.date(2026, 11, 25))
    world.key(second, world.book(second, order), "AFTC")
    [item] = _items(app, person)
    assert item.trigger == ReviewTrigger.FAILURE_TO_COMPLY
    assert item.what_changed == ("A second failure to comply on the Unpaid Work order, at "
                                 "the session of 25/11/2026.")
    assert item.changed_on == dt.date(2026, 11, 25)
    # Keying the same outcome again changes nothing; a third failure raises no second item.
    world.key(second, app.attendance.registers.load_register(second).rows[0].appointment_id,
              "AFTC")
    third = world.session(project, dt.date(2026, 11, 26))
    world.key(third, world.book(third, order), "UAAB")
    assert len(_items(app, person)) == 1


def test_a_change_of_risk_on_the_plan_or_the_assessment_makes_a_review_due(app, world):
    ttg = ttg_services(app)
    person = make_person(app)
    plan = ttg.plans.create(make_episode(app, person))
    plan = ttg.plans.save_risk(plan.id, RiskInput(RiskLevel.LOW, MappaLevel.NONE,
                                                  version=plan.version))
    assert _items(app, person) == (), "a first answer is no change"
    plan = ttg.plans.save_risk(plan.id, RiskInput(RiskLevel.LOW, MappaLevel.NONE, "Same",
                                                  version=plan.version))
    assert _items(app, person) == ()
    ttg.plans.save_risk(plan.id, RiskInput(RiskLevel.HIGH, MappaLevel.NONE,
                                           version=plan.version))
    [item] = _items(app, person)
    assert item.trigger == ReviewTrigger.RISK
    # The words name no level: roles that may not read the risk section see the item.
    assert "high" not in item.what_changed.lower()
    upw_person = world.person()
    assessment = assessed(world, upw_person)
    change(app, assessment, risk_level=RiskLevel.HIGH)
    [item] = _items(app, upw_person)
    assert item.trigger == ReviewTrigger.RISK and "Unpaid Work assessment" in item.what_changed


def test_a_review_closes_the_items_and_refuses_the_previous_text(app, world):
    person = world.person()
    reviews = app.case_reviews
    record = reviews.note_change(person, ChangeNoteInput(
        CaseChangeKind.LOST_CONTACT, TODAY, "No answer for a week"))
    first = "Spoke to his sister: he is at her flat.\nNo change to risk."
    record = reviews.record_review(person, CaseReviewInput(
        first, {i.id: i.version for i in record.open_items}))
    assert record.open_items == ()
    [review] = record.reviews
    assert (review.considered, review.reviewed_on, review.reviewed_by) == (
        first, TODAY, "Ada Admin")
    assert review.closed == ("Loss of contact, 26/11/2026",)
    assert record.items[0].reviewed_on == TODAY
    record = reviews.note_change(person, ChangeNoteInput(
        CaseChangeKind.NEW_RELATIONSHIP, TODAY, "New partner"))
    items = {i.id: i.version for i in record.open_items}
    with pytest.raises(ValidationError) as refused:
        reviews.record_review(person, CaseReviewInput(
            "  spoke to his SISTER: he is at her flat. no change   to risk. ", items))
    assert refused.value.fields["considered"].startswith(
        "This is the review of 26/11/2026 word for word. Write what was considered this time")
    assert len(reviews.for_person(person).open_items) == 1
    with pytest.raises(ValidationError, match="what was considered"):
        reviews.record_review(person, CaseReviewInput("   ", items))
    with pytest.raises(ValidationError, match="no review due"):
        reviews.record_review(person, CaseReviewInput("Something new", {}))
    stale = {i: v - 1 for i, v in items.items()}
    with pytest.raises(StaleRecordError):
        reviews.record_review(person, CaseReviewInput("Met the new partner's probation "
                                                      "officer.", stale))
    record = reviews.record_review(person, CaseReviewInput(
        "Met the new partner's probation officer.", items))
    assert [r.considered for r in record.reviews][0].startswith("Met the new partner")
    with pytest.raises(StaleRecordError):  # already closed
        reviews.record_review(person, CaseReviewInput("Again, differently.", {
            i.id: i.version for i in record.items if not i.open}))
    with app.db.read() as s:
        entities = set(s.scalars(select(AuditEvent.entity).where(
            AuditEvent.entity.in_(("case_change", "review_due", "case_review")))))
    assert entities == {"case_change", "review_due", "case_review"}


@given(st.text(max_size=40), st.lists(st.sampled_from([" ", "\n", "\t", "  "]), max_size=3))
def test_spacing_and_case_never_make_a_text_new(text, spaces):
    padded = "".join(spaces) + text.upper().replace(" ", " " + "".join(spaces)) + "".join(spaces)
    assert repeats_previous(padded, text) == (normalise_review_text(padded)
                                              == normalise_review_text(text))
    assert repeats_previous(text, text) and not repeats_previous(text, None)


def test_reviews_and_items_stay_consistent_after_every_change(app, world):
    """Whatever is noted, moved or reviewed, in any order: an item is open until a review
    closes it, each review closed at least one, and no review repeats the one before."""
    reviews = app.case_reviews
    texts = st.sampled_from(["Checked with the police", "checked  WITH the police",
                             "Talked to the hostel", "Nothing new"])

    class Reviews(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.person = world.person()
            self.raised = 0

        @rule(kind=st.sampled_from(CaseChangeKind))
        def note(self, kind):
            reviews.note_change(self.person, ChangeNoteInput(kind, TODAY, "Noted"))
            self.raised += 1

        @rule(town=st.sampled_from(["York", "Hull", "Selby"]))
        def move(self, town):
            before = app.people.get(self.person).town
            _move(app, self.person, town=town)
            self.raised += before != town

        @rule(text=texts)
        def review(self, text):
            record = reviews.for_person(self.person)
            with contextlib.suppress(ValidationError):
                reviews.record_review(self.person, CaseReviewInput(
                    text, {i.id: i.version for i in record.open_items}))

        @invariant()
        def consistent(self):
            record = reviews.for_person(self.person)
            assert len(record.items) == self.raised
            ids = {r.id for r in record.reviews}
            assert all(i.review_id in ids for i in record.items if not i.open)
            assert all(r.closed for r in record.reviews)
            ordered = list(reversed(record.reviews))
            assert not any(repeats_previous(b.considered, a.considered)
                           for a, b in zip(ordered, ordered[1:], strict=False))

    run_state_machine_as_test(Reviews, settings=settings(
        max_examples=5, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
