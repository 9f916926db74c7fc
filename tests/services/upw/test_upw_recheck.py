"""Rule UPW-24: bookings judged again when their facts change, shown before saving, then queued."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from upw_ttg.domain.codes import Gender, GenderCategory
from upw_ttg.domain.placement import Rule
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.upw import PlacementRequest
from upw_ttg.storage.models import AuditEvent, BookingBreach


def queued(upw, **narrow) -> dict[int, set[Rule]]:
    """``{appointment_id: rules}`` of the open queue."""
    return {b.appointment_id: {r.rule for r in b.breaches}
            for b in upw.svc.broken.list(**narrow)}


def booked(upw, order_id: int, session_id: int, **options) -> int:
    return upw.svc.placement.place(order_id, session_id, **options).id


def project_of(upw, session_id: int) -> int:
    return upw.svc.sessions.get(session_id).project_id


def test_tagging_a_site_is_previewed_then_queues_the_person_at_risk_to_children(upw):
    sid = upw.session()
    at_risk = booked(upw, upw.man(risk_to_children=True), sid)
    booked(upw, upw.man(), sid)
    project = upw.svc.projects.get_project(project_of(upw, sid))
    tagged = dataclasses.replace(project.to_input(), tags=("children_present",))

    preview = upw.svc.projects.preview_update_project(project.id, tagged)
    assert [(b.appointment_id, b.breaches[0].rule) for b in preview.broken] == [
        (at_risk, Rule.CHILDREN)]
    assert preview.summary() == "This change breaks 1 booking."
    assert upw.svc.projects.get_project(project.id).tags == ()  # nothing saved
    assert queued(upw) == {}

    saved = upw.svc.projects.update_project(project.id, tagged)
    assert queued(upw) == {at_risk: {Rule.CHILDREN}}
    assert upw.svc.broken.count() == 1
    assert upw.svc.broken.count(unit_id=upw.unit) == 1
    assert upw.svc.broken.count(unit_id=upw.units.get("HBR", -1)) == 0

    untagged = dataclasses.replace(saved.to_input(), tags=())
    assert upw.svc.projects.preview_update_project(project.id, untagged).mended == 1
    upw.svc.projects.update_project(project.id, untagged)
    assert queued(upw) == {}


def test_a_risk_flag_added_to_the_assessment_after_booking_is_queued(upw):
    sid = upw.session(tags=("vulnerable_adults_present",))
    order = upw.man()
    place = booked(upw, order, sid)
    record = upw.svc.assessments.for_order(order)
    flagged = dataclasses.replace(record.to_input(), risk_to_vulnerable_adults=True)
    assert upw.svc.assessments.preview_update(record.id, flagged).count == 1
    upw.svc.assessments.update(record.id, flagged)
    assert queued(upw) == {place: {Rule.VULNERABLE_ADULTS}}
    person = upw.app.orders.get(order).person_id
    assert [b.appointment_id for b in upw.svc.broken.for_person(person)] == [place]


def test_a_new_supervisor_of_the_restricted_gender_is_saved_and_queued(upw):
    sid = upw.session(supervisor_gender=Gender.MALE)
    place = booked(upw, upw.man(no_female_supervisor=True), sid)
    woman = upw.supervisor(Gender.FEMALE)
    preview = upw.svc.sessions.preview_set_staff(sid, supervisor_id=woman)
    assert [b.breaches[0].rule for b in preview.broken] == [Rule.SUPERVISOR_GENDER]
    assert upw.svc.sessions.get(sid).supervisors[0].gender == Gender.MALE
    upw.svc.sessions.set_staff(sid, supervisor_id=woman)
    assert queued(upw) == {place: {Rule.SUPERVISOR_GENDER}}
    assert upw.svc.broken.rules_by_appointment([place]) == {place: "Supervisor's gender"}


def test_a_closure_queues_the_day_and_removing_it_clears_the_queue(upw, app):
    sid = upw.session()
    place = booked(upw, upw.man(), sid)
    preview = app.calendar.preview_closure(upw.MONDAY, "Flooding", office_id=upw.office)
    assert preview.count == 1
    assert app.calendar.closures() == []
    closure = app.calendar.add_closure(upw.MONDAY, "Flooding", office_id=upw.office)
    assert queued(upw) == {place: {Rule.PROJECT_NOT_AVAILABLE}}
    assert "office closed (Flooding)" in upw.svc.broken.list()[0].why()
    app.calendar.remove_closure(closure.id)
    assert queued(upw) == {}


def test_lowering_capacity_queues_only_the_places_booked_last(upw):
    sid = upw.session(capacity=4)
    places = [booked(upw, upw.man(), sid) for _ in range(4)]
    project = upw.svc.projects.get_project(project_of(upw, sid))
    upw.svc.projects.update_project(project.id, dataclasses.replace(project.to_input(),
                                                                    capacity=2))
    assert queued(upw) == {places[2]: {Rule.CAPACITY}, places[3]: {Rule.CAPACITY}}
    upw.svc.broken.remove(places[3], "Moved to another order's session by phone")
    assert queued(upw) == {places[2]: {Rule.CAPACITY}}
    with upw.app.db.read() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "booking_breach")).one()
        assert "Moved to another order" in event.changes


def test_a_gender_edit_that_leaves_a_woman_alone_is_queued_against_her(upw, app):
    sid = upw.session()
    orders = [upw.man() for _ in range(3)]
    places = [booked(upw, o, sid) for o in orders]
    person = app.orders.get(orders[0]).person_id
    changed = dataclasses.replace(app.people.get(person).to_input(), gender=Gender.FEMALE,
                                  gender_identity=None, gender_category=GenderCategory.WOMAN)
    assert [b.appointment_id for b in app.people.preview_update(person, changed).broken] == [
        places[0]]
    assert app.people.get(person).gender == Gender.MALE
    app.people.update(person, changed)
    assert queued(upw) == {places[0]: {Rule.LONE_WOMAN}}
    # Placing another woman with her mends it.
    upw.svc.placement.place(upw.woman(), sid)
    assert queued(upw) == {}


def test_moving_a_queued_booking_resolves_it(upw):
    sid = upw.session()
    place = booked(upw, upw.man(risk_to_children=True), sid)
    project = upw.svc.projects.get_project(project_of(upw, sid))
    upw.svc.projects.update_project(project.id, dataclasses.replace(
        project.to_input(), tags=("children_present",)))
    assert queued(upw) == {place: {Rule.CHILDREN}}
    upw.svc.placement.move(place, upw.session())
    assert queued(upw) == {}


def test_a_soft_rule_overridden_at_booking_stays_accepted_until_its_facts_change(upw):
    sid = upw.session()
    grid = "N" + "Y" * 20  # not free on Monday mornings
    order = upw.man(availability=grid)
    place = booked(upw, order, sid, override_reason="Only session before the deadline")
    with upw.app.db.read() as session:
        accepted = session.scalars(select(BookingBreach)).one()
        assert (accepted.rule, accepted.accepted_reason) == (
            "availability", "Only session before the deadline")
    project = upw.svc.projects.get_project(project_of(upw, sid))
    upw.svc.projects.update_project(project.id, dataclasses.replace(project.to_input(),
                                                                    capacity=7))
    assert queued(upw) == {}  # facts unrelated to the override changed: still accepted
    record = upw.svc.assessments.for_order(order)
    upw.svc.assessments.update(record.id, dataclasses.replace(
        record.to_input(), availability="NNY" + "Y" * 18))  # now afternoons too
    assert queued(upw) == {place: {Rule.AVAILABILITY}}
    entry = upw.svc.broken.list()[0]
    with pytest.raises(ValidationError):
        upw.svc.broken.accept(place, "", seen=entry.breaches)
    upw.svc.broken.accept(place, "Agreed with the person's employer", seen=entry.breaches)
    assert queued(upw) == {}


def test_a_hard_rule_cannot_be_accepted_and_stale_lists_are_refused(upw):
    sid = upw.session()
    place = booked(upw, upw.man(risk_to_children=True), sid)
    project = upw.svc.projects.get_project(project_of(upw, sid))
    upw.svc.projects.update_project(project.id, dataclasses.replace(
        project.to_input(), tags=("children_present",)))
    entry = upw.svc.broken.list()[0]
    with pytest.raises(ValidationError) as caught:
        upw.svc.broken.accept(place, "Supervisor agrees", seen=entry.breaches)
    assert "cannot be overridden" in caught.value.fields["reason"]
    upw.svc.placement.remove(place)
    with pytest.raises(NotFoundError):
        upw.svc.broken.accept(place, "Too late", seen=entry.breaches)


def test_placing_several_records_the_overrides_of_each(upw):
    sid = upw.session()
    a, b = upw.woman(availability="N" + "Y" * 20), upw.woman()
    upw.svc.placement.place_many([
        PlacementRequest(a, sid, override_reason="Works nights; agreed"),
        PlacementRequest(b, sid)])
    with upw.app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(BookingBreach)) == 1
    assert queued(upw) == {}


def test_a_stood_down_session_leaves_the_queue(upw):
    sid = upw.session()
    place = booked(upw, upw.man(risk_to_children=True), sid)
    project = upw.svc.projects.get_project(project_of(upw, sid))
    upw.svc.projects.update_project(project.id, dataclasses.replace(
        project.to_input(), tags=("children_present",)))
    assert queued(upw) == {place: {Rule.CHILDREN}}
    from upw_ttg.records.upw import StandDownReason
    upw.svc.stand_downs.stand_down(sid, StandDownReason.WEATHER, "Snow")
    assert queued(upw) == {}


def test_an_earlier_sentence_date_queues_bookings_after_the_new_deadline(upw, app):
    order = upw.man()
    deadline = app.orders.get(order).deadline
    assert deadline is not None
    place = booked(upw, order, upw.session(deadline - dt.timedelta(days=2)))
    earlier = dataclasses.replace(app.orders.get(order).to_input(),
                                  sentence_date=upw.SENTENCED - dt.timedelta(days=7))
    assert app.orders.preview_update(order, earlier).count == 1
    app.orders.update(order, earlier)
    assert queued(upw) == {place: {Rule.AFTER_DEADLINE}}
    from upw_ttg.records.orders import OrderExtensionRow
    app.orders.add_extension(order, OrderExtensionRow(
        upw.MONDAY, "York Magistrates", deadline + dt.timedelta(days=30), "Illness"))
    assert queued(upw) == {}
