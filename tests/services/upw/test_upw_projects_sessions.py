"""Projects, vans, pick-up points, supervisors, and sessions generated from availability."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import Gender, PatternFrequency
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import PickupPointInput, ProjectInput, VanInput


def _dates(upw, project, start, end):
    return [s.session_date for s in upw.svc.sessions.list_sessions(
        project_id=project, date_from=start, date_to=end)]


def test_a_project_keeps_every_field_and_its_tags(upw, app):
    lead = upw.supervisor(Gender.FEMALE)
    data = ProjectInput(
        code="yrk-park", name="Rowntree Park", project_type="group", office_id=upw.office,
        beneficiary="City of York Council", beneficiary_contact="Jo Bloggs",
        beneficiary_phone="01904 551550", beneficiary_email="parks@york.gov.uk",
        site_address="Terry Avenue", site_town="York", site_postcode="yo231jq",
        frequency=PatternFrequency.FORTNIGHTLY, weekdays=(6, 2), start_time=dt.time(9),
        end_time=dt.time(15, 30), available_from=dt.date(2026, 11, 1),
        available_to=dt.date(2027, 3, 31), end_date=dt.date(2027, 4, 30), hi_vis_required=True,
        capacity=10, default_supervisor_id=lead, tags=("public_facing", "heavy_lifting"))
    record = upw.svc.projects.create_project(data)
    assert (record.code, record.site_postcode, record.weekdays) == ("YRK-PARK", "YO23 1JQ",
                                                                    (2, 6))
    assert record.break_minutes == 30  # the setting's default
    assert record.tags == ("heavy_lifting", "public_facing")
    assert record.delivery_unit_id == upw.unit
    changed = record.to_input()
    changed.female_only = True
    changed.break_minutes = 45
    updated = upw.svc.projects.update_project(record.id, changed)
    assert "female_only" in updated.tags and updated.break_minutes == 45
    assert [p.id for p in upw.svc.projects.list_projects(unit_id=upw.unit)] == [record.id]
    with pytest.raises(ValidationError) as caught:
        upw.svc.projects.create_project(data)
    assert caught.value.fields == {"code": "Another project already has that code."}


@pytest.mark.parametrize(("changes", "field"), [
    ({"code": ""}, "code"), ({"capacity": 0}, "capacity"), ({"weekdays": ()}, "weekdays"),
    ({"end_time": dt.time(8)}, "end_time"), ({"project_type": "circus"}, "project_type"),
    ({"tags": ("bouncy_castle",)}, "tags"), ({"break_minutes": 121}, "break_minutes"),
    ({"available_to": dt.date(2025, 1, 1)}, "available_to"),
    ({"beneficiary_email": "not-an-email"}, "beneficiary_email"),
])
def test_invalid_projects_are_refused(upw, changes, field):
    values = dict(code="P1", name="Park", office_id=upw.office, beneficiary="Council",
                  site_address="Park Lane", weekdays=(1,), start_time=dt.time(9),
                  end_time=dt.time(16), available_from=dt.date(2026, 1, 1), capacity=6)
    values.update(changes)
    with pytest.raises(ValidationError) as caught:
        upw.svc.projects.create_project(ProjectInput(**values))
    assert field in caught.value.fields


def test_sessions_skip_bank_holidays_and_closures_and_never_duplicate(upw, app):
    project = upw.project(weekdays=(1, 5))  # Mondays and Fridays
    other = upw.project(weekdays=(1, 5))
    app.calendar.add_closure(dt.date(2026, 12, 4), "Office refurbishment",
                             office_id=upw.office)
    app.calendar.add_closure(dt.date(2026, 12, 11), "Beneficiary event", project_id=project)
    app.calendar.add_closure(dt.date(2026, 12, 14), "Staff training day")
    start, end = dt.date(2026, 11, 30), dt.date(2026, 12, 31)
    result = upw.svc.sessions.generate(project, start, end)
    # 25 Dec (Christmas) and 28 Dec (Boxing Day substitute) are bank holidays.
    assert result.created == (dt.date(2026, 11, 30), dt.date(2026, 12, 7),
                              dt.date(2026, 12, 18), dt.date(2026, 12, 21))
    assert {s.day: s.reason.split(" (")[0] for s in result.skipped} == {
        dt.date(2026, 12, 4): "office closed", dt.date(2026, 12, 11): "project closed",
        dt.date(2026, 12, 14): "service closed", dt.date(2026, 12, 25): "bank holiday",
        dt.date(2026, 12, 28): "bank holiday"}
    again = upw.svc.sessions.generate(project, start, end)
    assert again.created == () and again.already_there == result.created
    assert _dates(upw, project, start, end) == list(result.created)
    assert dt.date(2026, 12, 11) in upw.svc.sessions.generate(other, start, end).created


def test_fortnightly_once_and_the_available_range(upw):
    fortnightly = upw.project(frequency=PatternFrequency.FORTNIGHTLY, weekdays=(3,),
                              available_from=dt.date(2026, 12, 2),
                              available_to=dt.date(2027, 1, 31))
    created = upw.svc.sessions.generate(fortnightly, dt.date(2026, 11, 1),
                                        dt.date(2027, 3, 1)).created
    assert created == (dt.date(2026, 12, 2), dt.date(2026, 12, 16), dt.date(2026, 12, 30),
                       dt.date(2027, 1, 13), dt.date(2027, 1, 27))
    # Generating a later range keeps the same fortnight.
    later = upw.project(frequency=PatternFrequency.FORTNIGHTLY, weekdays=(3,),
                        available_from=dt.date(2026, 12, 2))
    assert upw.svc.sessions.generate(later, dt.date(2026, 12, 10),
                                     dt.date(2026, 12, 31)).created == (
        dt.date(2026, 12, 16), dt.date(2026, 12, 30))
    once = upw.project(frequency=PatternFrequency.ONCE, available_from=dt.date(2026, 12, 5),
                       end_date=dt.date(2026, 12, 5))
    assert upw.svc.sessions.generate(once, dt.date(2026, 12, 1),
                                     dt.date(2026, 12, 31)).created == (dt.date(2026, 12, 5),)


def test_a_generated_session_takes_the_lead_van_and_pickups_of_the_last_one(upw):
    project = upw.project(weekdays=(2,))
    van = upw.svc.projects.save_van(None, VanInput("yk19 abc", "Minibus 1", 8, upw.office))
    assert van.registration == "YK19ABC"
    point = upw.svc.projects.save_pickup_point(None, PickupPointInput(
        "York office", "12 Museum Street", "yo16hp", upw.office))
    first = upw.svc.sessions.generate(project, dt.date(2026, 12, 1), dt.date(2026, 12, 1),
                                      van_id=van.id, pickups=[(point.id, dt.time(8, 20))])
    assert len(first.created) == 1
    upw.svc.sessions.generate(project, dt.date(2026, 12, 2), dt.date(2026, 12, 8))
    record = upw.svc.sessions.list_sessions(project_id=project, date_from=dt.date(2026, 12, 8),
                                            date_to=dt.date(2026, 12, 8))[0]
    assert (record.van_name, record.van_seats) == ("Minibus 1", 8)
    assert [(p.name, p.pickup_time) for p in record.pickups] == [("York office",
                                                                  dt.time(8, 20))]
    assert len(record.supervisors) == 1


def test_staffing_is_checked(upw):
    sid = upw.session(capacity=12)
    record = upw.svc.sessions.get(sid)
    lead = record.supervisors[0].id
    women = upw.supervisor(Gender.FEMALE)
    record = upw.svc.sessions.set_staff(sid, supervisor_id=lead, extra_supervisor_ids=[women],
                                        version=record.version)
    assert [s.gender for s in record.supervisors] == [Gender.MALE, Gender.FEMALE]
    assert record.places == 12
    places = [upw.svc.placement.place(upw.man(), sid).id for _ in range(7)]
    # One supervisor fewer: saved (staff fall ill), and the place booked last is queued.
    preview = upw.svc.sessions.preview_set_staff(sid, supervisor_id=lead,
                                                 version=record.version)
    assert [b.appointment_id for b in preview.broken] == [places[-1]]
    record = upw.svc.sessions.set_staff(sid, supervisor_id=lead, version=record.version)
    assert record.places == 6
    assert [b.appointment_id for b in upw.svc.broken.list()] == [places[-1]]
    assert "7 people for 6 places" in upw.svc.broken.list()[0].why()
    with pytest.raises(ValidationError) as caught:  # busy elsewhere at the same time
        upw.svc.sessions.set_staff(upw.session(), supervisor_id=lead)
    assert "already supervises another session" in caught.value.fields["supervisor_id"]
    with pytest.raises(ValidationError):
        upw.svc.sessions.set_staff(sid, supervisor_id=upw.add_staff(
            "coord", upw.app.ctx.actor.role).id)


def test_a_supervisor_gender_change_queues_the_booking_of_someone_who_objects(upw):
    sid = upw.session(supervisor_gender=Gender.MALE)
    order = upw.man(no_female_supervisor=True)
    place = upw.svc.placement.place(order, sid).id
    upw.svc.sessions.set_staff(sid, supervisor_id=upw.supervisor(Gender.FEMALE))
    [entry] = upw.svc.broken.list()
    assert entry.appointment_id == place
    assert "Must not be placed with a female supervisor" in entry.why()


def test_vans_points_and_supervisors_can_be_listed_and_deleted_when_unused(upw):
    van = upw.svc.projects.save_van(None, VanInput("AB12CDE", "Van", 6, upw.office))
    changed = upw.svc.projects.save_van(van.id, VanInput("AB12CDE", "Blue van", 7, upw.office,
                                                         version=van.version))
    assert (changed.name, changed.seats) == ("Blue van", 7)
    with pytest.raises(ValidationError):
        upw.svc.projects.save_van(None, VanInput("AB12CDE", "Copy", 6, upw.office))
    upw.svc.projects.delete_van(van.id)
    assert upw.svc.projects.list_vans() == []
    point = upw.svc.projects.save_pickup_point(None, PickupPointInput("Bus station", "Rail Sq",
                                                                      None, upw.office))
    upw.svc.projects.delete_pickup_point(point.id)
    upw.supervisor(Gender.FEMALE, "Fran Field")
    assert [(s.full_name, s.gender) for s in upw.svc.projects.list_supervisors()] == [
        ("Fran Field", Gender.FEMALE)]
    project = upw.project()
    upw.svc.projects.delete_project(project)
    used = upw.session()
    with pytest.raises(ValidationError):
        upw.svc.projects.delete_project(upw.svc.sessions.get(used).project_id)
