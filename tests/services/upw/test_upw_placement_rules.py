"""Every placement rule (rules UPW-1 to UPW-9) through the placement service the UI uses."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from upw_ttg.domain.codes import AuditAction, Gender, PlacementPreference
from upw_ttg.domain.placement import Rule
from upw_ttg.records.orders import OrderExtensionRow
from upw_ttg.records.upw import CommitmentInput, PlacementRequest, VanInput
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.storage.models import Appointment, KeepApart, Person


def refused(call, *args, **kwargs) -> dict[Rule, bool]:
    with pytest.raises(PlacementRefused) as caught:
        call(*args, **kwargs)
    return {b.rule: b.hard for b in caught.value.breaches}


def test_capacity_is_the_project_capacity(upw):
    sid = upw.session(capacity=2)
    upw.svc.placement.place(upw.man(), sid)
    upw.svc.placement.place(upw.man(), sid)
    assert refused(upw.svc.placement.place, upw.man(), sid) == {Rule.CAPACITY: True}
    assert upw.svc.sessions.get(sid).fill == "2/2"


def test_capacity_follows_supervisors_times_the_setting(upw, app):
    sid = upw.session(capacity=20)
    assert upw.svc.sessions.get(sid).places == 6
    setting = next(s for s in app.settings.list_settings()
                   if s.key == "upw.people_per_supervisor")
    app.settings.update("upw.people_per_supervisor", "1", setting.version)
    upw.svc.placement.place(upw.man(), sid)
    assert refused(upw.svc.placement.place, upw.man(), sid) == {Rule.CAPACITY: True}
    record = upw.svc.sessions.get(sid)
    upw.svc.sessions.set_staff(sid, supervisor_id=record.supervisors[0].id,
                               extra_supervisor_ids=[upw.supervisor()], version=record.version)
    upw.svc.placement.place(upw.man(), sid)
    assert upw.svc.sessions.get(sid).fill == "2/2"


def test_a_session_with_no_supervisor_has_no_places(upw):
    sid = upw.session(supervisors=0)
    assert upw.svc.sessions.get(sid).places == 0
    assert Rule.CAPACITY in refused(upw.svc.placement.place, upw.man(), sid)


def test_van_seats_limit_only_those_travelling_by_van(upw):
    sid = upw.session()
    van = upw.svc.projects.save_van(None, VanInput("YK19ABC", "Minibus", 1, upw.office))
    point = upw.svc.projects.list_pickup_points()  # none yet
    assert point == []
    from upw_ttg.records.upw import PickupPointInput
    stop = upw.svc.projects.save_pickup_point(None, PickupPointInput("York office", "Museum St",
                                                                     "YO1 6HP", upw.office))
    record = upw.svc.sessions.set_staff(sid, supervisor_id=upw.svc.sessions.get(sid)
                                        .supervisors[0].id, van_id=van.id)
    record = upw.svc.sessions.set_pickups(sid, [(stop.id, dt.time(8, 15))],
                                          version=record.version)
    pickup = record.pickups[0].id
    upw.svc.placement.place(upw.man(), sid, session_pickup_id=pickup, travels_by_van=True)
    assert refused(upw.svc.placement.place, upw.man(), sid, session_pickup_id=pickup,
                   travels_by_van=True) == {Rule.VAN_SEATS: True}
    upw.svc.placement.place(upw.man(), sid)  # making their own way
    assert upw.svc.sessions.get(sid).by_van == 1


def test_female_only_sessions_admit_women_only(upw):
    sid = upw.session(female_only=True)
    assert refused(upw.svc.placement.place, upw.man(), sid) == {Rule.FEMALE_ONLY: True}
    upw.svc.placement.place(upw.woman(), sid)  # rule UPW-3 does not apply to a female-only group
    chose = upw.placeable(Gender.MALE, identity="Non-binary",
                          placement_preference=PlacementPreference.FEMALE_ONLY_GROUP)
    # The only non-binary person in the group: soft, so it goes ahead with a reason.
    assert refused(upw.svc.placement.place, chose, sid) == {Rule.LONE_NON_BINARY: False}
    upw.svc.placement.place(chose, sid, override_reason="Asked them; happy to join the group")


def test_a_woman_who_chose_female_only_needs_a_reason_for_a_mixed_group(upw, app):
    sid = upw.session()
    upw.svc.placement.place(upw.man(), sid)
    a = upw.woman(placement_preference=PlacementPreference.FEMALE_ONLY_GROUP)
    b = upw.woman()
    with pytest.raises(PlacementRefused) as caught:
        upw.svc.placement.place_many([PlacementRequest(a, sid), PlacementRequest(b, sid)])
    assert caught.value.needs_reason
    assert {x.rule for x in caught.value.breaches} == {Rule.FEMALE_ONLY_CHOICE}
    rows = upw.svc.placement.place_many([
        PlacementRequest(a, sid, override_reason="She agreed on the phone: no female-only "
                                                 "session this month"),
        PlacementRequest(b, sid)])
    assert rows[0].override_reason.startswith("She agreed")
    event = app.audit.events_for("appointment", rows[0].id)[0]
    assert event.action == AuditAction.CREATE
    (rule,) = event.changes["after"]["overridden_rules"]
    assert rule.endswith("chose female-only group sessions; this group is mixed.")
    assert event.changes["after"]["override_reason"].startswith("She agreed")


def test_never_one_woman_alone_in_a_mixed_group(upw):
    sid = upw.session()
    man, a, b = upw.man(), upw.woman(), upw.woman()
    upw.svc.placement.place(man, sid)
    assert refused(upw.svc.placement.place, a, sid) == {Rule.LONE_WOMAN: True}
    rows = upw.svc.placement.place_many([PlacementRequest(a, sid), PlacementRequest(b, sid)])
    assert upw.people_on(sid) == {man, a, b}
    # Taking one woman off would leave the other alone: refused; both together is fine.
    assert refused(upw.svc.placement.remove, rows[0].id) == {Rule.LONE_WOMAN: True}
    other = upw.session()
    assert refused(upw.svc.placement.move, rows[0].id, other) == {Rule.LONE_WOMAN: True}
    upw.svc.placement.move_many([(rows[0].id, PlacementRequest(0, other)),
                                 (rows[1].id, PlacementRequest(0, other))])
    assert upw.people_on(sid) == {man} and upw.people_on(other) == {a, b}
    upw.svc.placement.remove_many([rows[0].id, rows[1].id])
    assert upw.people_on(other) == set()


def test_a_man_cannot_join_a_group_where_one_woman_is_already_alone(upw, app):
    sid = upw.session()
    a, b, man = upw.woman(), upw.woman(), upw.man()
    rows = upw.svc.placement.place_many([PlacementRequest(a, sid), PlacementRequest(b, sid)])
    with app.db.write() as session:  # an absence recorded elsewhere leaves one woman
        session.execute(update(Appointment).where(Appointment.id == rows[1].id)
                        .values(outcome_code="AAME"))
    assert upw.svc.sessions.detail(sid).warnings == (
        "One woman on her own in a mixed group: place another woman or move her.",)
    assert refused(upw.svc.placement.place, man, sid) == {Rule.LONE_WOMAN: True}
    upw.svc.placement.place(upw.woman(), sid)  # a second woman fixes it
    upw.svc.placement.place(man, sid)


def test_individual_placements_are_not_groups(upw):
    sid = upw.session(project_type="individual")
    upw.svc.placement.place(upw.woman(), sid)


@pytest.mark.parametrize(("answers", "project", "rule"), [
    ({"risk_to_children": True}, {"tags": ("children_present",)}, Rule.CHILDREN),
    ({"risk_to_vulnerable_adults": True}, {"tags": ("vulnerable_adults_present",)},
     Rule.VULNERABLE_ADULTS),
    ({"no_female_supervisor": True}, {"supervisor_gender": Gender.FEMALE},
     Rule.SUPERVISOR_GENDER),
    ({"no_male_supervisor": True}, {"supervisor_gender": Gender.MALE}, Rule.SUPERVISOR_GENDER),
    ({"close_supervision": True}, {"project_type": "individual"}, Rule.CLOSE_SUPERVISION),
])
def test_risk_and_site_suitability_are_hard(upw, answers, project, rule):
    sid = upw.session(**project)
    assert refused(upw.svc.placement.place, upw.man(**answers), sid) == {rule: True}
    upw.svc.placement.place(upw.man(), sid)


def test_a_victim_exclusion_zone_warns_and_needs_a_reason(upw):
    sid = upw.session()
    order = upw.man(victim_exclusion_zone="Selby town centre")
    decision = upw.svc.placement.check(order, sid)
    assert decision.allowed_with_reason and not decision.allowed
    assert decision.soft[0].message == ("Victim exclusion zone: Selby town centre. Check the "
                                        "site is outside it.")
    with pytest.raises(PlacementRefused) as caught:
        upw.svc.placement.place(order, sid)
    assert caught.value.needs_reason and "override_reason" in caught.value.fields
    row = upw.svc.placement.place(order, sid, override_reason="Site is in York, 14 miles away")
    assert row.override_reason == "Site is in York, 14 miles away"


def test_keep_apart_pairs_never_share_a_session(upw, app):
    sid = upw.session()
    a, b = upw.man(), upw.man()
    people = sorted(app.orders.get(o).person_id for o in (a, b))
    with app.db.write() as session:
        session.add(KeepApart(person_a_id=people[0], person_b_id=people[1],
                              detail="Co-defendants", recorded_on=dt.date(2026, 11, 1)))
    upw.svc.placement.place(a, sid)
    assert refused(upw.svc.placement.place, b, sid) == {Rule.KEEP_APART: True}


def test_one_place_at_a_time(upw):
    order = upw.man()
    first = upw.session()
    upw.svc.placement.place(order, first)
    overlapping = upw.session(start_time=dt.time(13), end_time=dt.time(17))
    assert refused(upw.svc.placement.place, order, overlapping) == {Rule.OVERLAP: True}
    evening = upw.session(start_time=dt.time(17), end_time=dt.time(20))
    upw.svc.placement.place(order, evening)
    assert refused(upw.svc.placement.place, order, first) == {Rule.ALREADY_BOOKED: True}


def test_dates_project_end_availability_and_closures(upw, app):
    sid = upw.session(upw.MONDAY + dt.timedelta(days=1))
    record = upw.svc.sessions.get(sid)
    project = upw.svc.projects.get_project(record.project_id)
    data = project.to_input()
    data.end_date = upw.MONDAY
    data.weekdays = (1, 3)
    upw.svc.projects.update_project(project.id, data)
    app.calendar.add_closure(record.session_date, "Site flooded", project_id=project.id)
    assert refused(upw.svc.placement.place, upw.man(), sid) == {
        Rule.AFTER_PROJECT_END: True, Rule.PROJECT_NOT_AVAILABLE: True}


def test_no_session_after_the_deadline_unless_extended(upw, app):
    sid = upw.session(dt.date(2026, 12, 2))
    order = upw.man(sentenced=dt.date(2025, 12, 1))
    assert refused(upw.svc.placement.place, order, sid) == {Rule.AFTER_DEADLINE: True}
    app.orders.add_extension(order, OrderExtensionRow(dt.date(2026, 11, 20), "York Crown Court",
                                                      dt.date(2027, 6, 1), "Hours left"))
    upw.svc.placement.place(order, sid)


def test_availability_and_commitments_are_soft(upw):
    sid = upw.session()  # Monday 09:00–16:00
    not_free = upw.man(availability="N" + "Y" * 20)
    decision = upw.svc.placement.check(not_free, sid)
    assert [b.message for b in decision.breaches] == [
        "Not available then according to the assessment: Monday morning."]
    busy = upw.man(commitments=(CommitmentInput("caring", 0, dt.time(15), dt.time(18),
                                                "School run"),))
    assert upw.svc.placement.check(busy, sid).soft[0].message == (
        "Clashes with a caring commitment (School run), 15:00–18:00.")
    upw.svc.placement.place(busy, sid, override_reason="Partner does the school run on "
                                                       "Mondays")


def test_an_interpreter_need_is_flagged_until_one_is_booked(upw):
    sid = upw.session()
    order = upw.placeable(person={"interpreter_needed": True})
    assert upw.svc.placement.check(order, sid).soft[0].rule == Rule.INTERPRETER
    record = upw.svc.sessions.set_interpreter_booked(sid, True)
    assert record.interpreter_booked
    assert upw.svc.placement.check(order, sid).allowed


def test_no_completed_assessment_is_hard(upw):
    sid = upw.session()
    assert refused(upw.svc.placement.place, upw.placeable(assessed=False), sid) == {
        Rule.NO_ASSESSMENT: True}
    person = upw.person()
    order = upw.order(person)
    upw.svc.assessments.create(upw.assessment_input(person, order))  # a draft only
    decision = upw.svc.placement.check(order, sid)
    assert decision.hard[0].message.endswith("has no completed UPW assessment: complete it "
                                             "before placing them.")


def test_every_broken_rule_is_reported_at_once(upw, app):
    sid = upw.session(female_only=True, tags=("children_present",), capacity=1)
    upw.svc.placement.place(upw.woman(), sid)
    order = upw.man(risk_to_children=True, availability="N" * 20 + "Y",
                    victim_exclusion_zone="Hull")
    decision = upw.svc.placement.check(order, sid)
    assert [b.rule for b in decision.hard] == [Rule.CAPACITY, Rule.FEMALE_ONLY, Rule.CHILDREN]
    assert [b.rule for b in decision.soft] == [Rule.VICTIM_ZONE, Rule.AVAILABILITY]


def test_a_place_with_an_outcome_or_in_the_past_cannot_be_removed(upw, app):
    sid = upw.session()
    row = upw.svc.placement.place(upw.man(), sid)
    with app.db.write() as session:
        session.execute(update(Appointment).where(Appointment.id == row.id)
                        .values(outcome_code="ATTC"))
    assert Rule.SESSION_NOT_OPEN in refused(upw.svc.placement.remove, row.id)


def test_gender_identity_decides_who_is_a_woman(upw, app):
    sid = upw.session()
    upw.svc.placement.place(upw.man(), sid)
    trans_woman = upw.placeable(Gender.MALE, identity="Trans woman")
    assert refused(upw.svc.placement.place, trans_woman, sid) == {Rule.LONE_WOMAN: True}
    with app.db.read() as session:
        assert session.get(Person, app.orders.get(trans_woman).person_id).gender == Gender.MALE
