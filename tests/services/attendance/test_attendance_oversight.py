"""A manager's check of enforcement (rule UPW-OVERSIGHT): queued, agreed, overturned, reopened."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from upw_ttg.domain.codes import Language, OrderStatus, Role
from upw_ttg.domain.enforcement import Decision
from upw_ttg.domain.oversight import ReviewKind, ReviewVerdict, agreement_rate, chosen_for_review
from upw_ttg.errors import CapabilityDeniedError, ValidationError
from upw_ttg.printing import glossary
from upw_ttg.services.attendance import build_attendance
from upw_ttg.storage.models import AuditEvent, UpwOrder

from tests.narrowing import present
from tests.pdf_support import flat, pdf_text
from tests.printing.glossary_support import words_not_in_glossary
from tests.services.attendance.attendance_data import World, set_clock, set_setting

FAILED_ON = dt.date(2026, 11, 24)


@pytest.fixture
def world(app) -> World:
    set_clock(app, dt.datetime(2026, 11, 24, 17, 0))
    return World(app)


@pytest.fixture
def coordinator(signed_in_as):
    services = signed_in_as(Role.COORDINATOR, username="cerys")
    services.ctx.now = lambda: dt.datetime(2026, 11, 25, 10, 0)
    return services


@pytest.fixture
def manager(signed_in_as):
    services = signed_in_as(Role.MANAGER, username="mo")
    services.ctx.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    return services


def failure(world: World, code: str = "UAAB") -> tuple[int, int, int]:
    order, session, appt = world.case(day=FAILED_ON)
    world.key(session, appt, code)
    return order, session, appt


def test_a_warning_is_checked_and_the_agreement_counts_for_coordinator_and_unit(
        world, coordinator, manager):
    _order, _session, appt = failure(world)
    build_attendance(coordinator.ctx).enforcement.decide(appt, Decision.WARN,
                                                         circumstances="Did not come.")
    reviews = build_attendance(manager.ctx).reviews
    queue = reviews.queue()
    [item] = queue.items
    assert (item.kind, item.code, item.appointment_id) == (ReviewKind.DECISION, "EA02", appt)
    assert item.decided_by == coordinator.ctx.actor.full_name
    assert item.notes == "Did not come."
    assert queue.sample_percent == 100
    done = reviews.agree(item.id, item.version)
    assert done.verdict == ReviewVerdict.AGREED
    queue = reviews.queue()
    assert queue.items == ()
    [by_staff] = queue.by_coordinator
    assert (by_staff.label, by_staff.agreed, by_staff.overturned, by_staff.rate) == (
        coordinator.ctx.actor.full_name, 1, 0, 1.0)
    [by_unit] = queue.by_unit
    assert by_unit.agreed == 1 and by_unit.label
    with world.app.db.read() as s:
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.entity == "enforcement_review")
                        .limit(1)) is not None


def test_an_overturned_warning_goes_back_to_the_coordinator_and_no_longer_counts(
        world, coordinator, manager):
    _order, _session, appt = failure(world)
    enforcement = build_attendance(coordinator.ctx).enforcement
    enforcement.decide(appt, Decision.WARN)
    assert enforcement.queue().decisions == ()
    reviews = build_attendance(manager.ctx).reviews
    [item] = reviews.queue().items
    with pytest.raises(ValidationError) as refused:
        reviews.overturn(item.id, item.version, "  ")
    assert "reason" in refused.value.fields
    reviews.overturn(item.id, item.version, "He rang beforehand: ask for his evidence first.")
    queue = enforcement.queue()
    [reopened] = queue.decisions
    assert reopened.appointment_id == appt
    assert present(reopened.reopened_reason).startswith("He rang beforehand")
    assert [r.appointment_id for r in queue.reopened] == [appt]
    info = enforcement.decision(appt)
    assert info.decided is None and Decision.WARN in info.choices
    with pytest.raises(ValidationError) as no_letter:
        build_attendance(coordinator.ctx).letters.render_warning_letter(appt)
    assert "overturned" in str(no_letter.value.fields["appointment_id"])
    assert [a.overturned for a in enforcement.history(info.order_id)] == [True]
    # Decided again: it leaves the reopened list and is put to a manager once more.
    enforcement.decide(appt, Decision.REFER)
    assert enforcement.queue().reopened == ()
    [again] = reviews.queue().items
    assert again.code == "BRE01"
    [rate] = reviews.queue().by_coordinator
    assert (rate.agreed, rate.overturned, rate.rate) == (0, 1, 0.0)


def test_an_overturned_referral_takes_the_order_out_of_breach(world, coordinator, manager):
    order, _session, appt = failure(world)
    build_attendance(coordinator.ctx).enforcement.decide(appt, Decision.REFER)
    with world.app.db.read() as s:
        assert s.get(UpwOrder, order).status == OrderStatus.IN_BREACH
    reviews = build_attendance(manager.ctx).reviews
    [item] = reviews.queue().items
    reviews.overturn(item.id, item.version, "First failure: a warning was the right step.")
    with world.app.db.read() as s:
        assert s.get(UpwOrder, order).status != OrderStatus.IN_BREACH
    assert build_attendance(coordinator.ctx).enforcement.queue().breaches_not_laid == ()


def test_an_overturned_accepted_absence_is_listed_until_its_outcome_changes(
        world, coordinator, manager):
    _order, session, appt = failure(world, "AAME")
    reviews = build_attendance(manager.ctx).reviews
    [item] = reviews.queue().items
    assert (item.kind, item.code) == (ReviewKind.ABSENCE, "AAME")
    assert item.description
    # Saving the same register again queues nothing more.
    world.key(session, appt, "AAME")
    assert len(reviews.queue().items) == 1
    reviews.overturn(item.id, item.version, "A dentist's appointment can be moved.")
    enforcement = build_attendance(coordinator.ctx).enforcement
    [reopened] = enforcement.queue().reopened
    assert (reopened.appointment_id, reopened.reopened_reason) == (
        appt, "A dentist's appointment can be moved.")
    world.key(session, appt, "UAAB")
    queue = enforcement.queue()
    assert queue.reopened == ()
    assert [d.appointment_id for d in queue.decisions] == [appt]


def test_the_sample_setting_decides_what_is_queued(world, coordinator, manager):
    set_setting(world.app, "upw.review_sample_percent", "0")
    _order, _session, appt = failure(world)
    build_attendance(coordinator.ctx).enforcement.decide(appt, Decision.WARN)
    failure(world, "AAFC")
    reviews = build_attendance(manager.ctx).reviews
    assert reviews.queue().items == ()
    assert reviews.queue().sample_percent == 0
    set_setting(world.app, "upw.review_sample_percent", "100")
    failure(world, "AAFC")
    assert len(reviews.queue().items) == 1


def test_a_manager_does_not_check_their_own_decision_and_a_coordinator_checks_none(
        world, coordinator, manager):
    _order, _session, appt = failure(world)
    build_attendance(manager.ctx).enforcement.decide(appt, Decision.WARN)
    reviews = build_attendance(manager.ctx).reviews
    [item] = reviews.queue().items
    with pytest.raises(ValidationError) as refused:
        reviews.agree(item.id, item.version)
    assert "another manager" in str(refused.value.fields["verdict"])
    with pytest.raises(CapabilityDeniedError):
        build_attendance(coordinator.ctx).reviews.queue()
    # Someone else may, once; a second verdict is refused.
    other = build_attendance(world.app.ctx).reviews
    done = other.agree(item.id, item.version, "Right call.")
    with pytest.raises(ValidationError):
        other.overturn(item.id, done.version, "Changed my mind.")


def test_no_further_action_on_a_failure_with_a_decision_is_checked_too(
        world, coordinator, manager):
    order, _session, appt = failure(world)
    enforcement = build_attendance(coordinator.ctx).enforcement
    enforcement.decide(appt, Decision.WARN)
    enforcement.record_action(order, "NFA", appointment_id=appt)
    codes = sorted(i.code for i in build_attendance(manager.ctx).reviews.queue().items)
    assert codes == ["EA02", "NFA"]


@given(st.integers(min_value=1, max_value=2**40))
def test_a_sample_of_100_queues_everything_and_0_nothing(key):
    assert chosen_for_review(key, 100)
    assert not chosen_for_review(key, 0)


@given(st.integers(min_value=1, max_value=2**40), st.integers(0, 100), st.integers(0, 100))
def test_a_larger_sample_keeps_everything_a_smaller_one_chose(key, low, high):
    low, high = sorted((low, high))
    assert not chosen_for_review(key, low) or chosen_for_review(key, high)


def test_a_sample_of_ten_percent_is_about_one_in_ten_and_not_every_tenth():
    chosen = [k for k in range(1, 10_001) if chosen_for_review(k, 10)]
    assert 900 <= len(chosen) <= 1100
    assert len({k % 10 for k in chosen}) == 10


def test_no_rate_before_anything_is_checked():
    assert agreement_rate(0, 0) is None
    assert agreement_rate(3, 1) == 0.75


# The breach summary marks what a manager overturned: struck through, with the manager's
# verdict and reason, and no longer counted as the referral for breach.
REASON = "First failure: a warning was the right step."


def _overturned_referral(world, coordinator, manager):
    order, _session, appt = failure(world)
    enforcement = build_attendance(coordinator.ctx).enforcement
    enforcement.decide(appt, Decision.REFER, circumstances="Did not come.")
    reviews = build_attendance(manager.ctx).reviews
    [item] = reviews.queue().items
    reviews.overturn(item.id, item.version, REASON)
    enforcement.decide(appt, Decision.WARN, circumstances="Did not come.")
    return order


def test_an_overturned_referral_is_printed_as_overturned_not_as_a_live_decision(
        world, coordinator, manager):
    order = _overturned_referral(world, coordinator, manager)
    letters = build_attendance(manager.ctx).letters
    summary = letters.breach_summary(order)
    referral, warning = summary.actions
    assert (referral.code, referral.overturned_reason) == ("BRE01", REASON)
    assert referral.overturned_on is not None
    assert (warning.code, warning.overturned_on) == ("EA02", None)
    assert summary.referred_on is None and summary.breach_due is None
    pdf = letters.render_breach_summary(order)
    if os.environ.get("UPW_TTG_PDF_OUT"):
        Path(os.environ["UPW_TTG_PDF_OUT"], "breach-overturned.pdf").write_bytes(pdf)
    text = flat(pdf_text(pdf))
    assert "BRE01 Breach requested" in text
    # The overturn is stamped by the computer's clock, not the test's.
    on = glossary.short_date(referral.overturned_on, Language.ENGLISH)
    assert f"Overturned by a manager on {on}: {REASON}" in text
    assert text.count("Overturned by a manager") == 1  # the warning stands
    assert "EA02 First warning letter sent" in text
    assert "Referred for breach on Not yet referred Breach to be laid by —" in text


def test_the_welsh_summary_marks_the_overturn_in_glossary_words(world, coordinator, manager):
    order = _overturned_referral(world, coordinator, manager)
    letters = build_attendance(manager.ctx).letters
    summary = letters.breach_summary(order, language=Language.WELSH)
    pdf = letters.render_breach_summary(order, language=Language.WELSH)
    text = flat(pdf_text(pdf))
    on = glossary.short_date(present(summary.actions[0].overturned_on), Language.WELSH)
    assert f"Gwrthdrowyd gan reolwr ar {on}: {REASON}" in text
    assert words_not_in_glossary(pdf, Language.WELSH,
                                 [summary, "BS", "OFFICIAL-SENSITIVE"]) == set()
