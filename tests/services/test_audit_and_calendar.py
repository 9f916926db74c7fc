"""The audit trail covers every kind of change; the calendar service honours closures."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

from sqlalchemy import select

from upw_ttg.domain.codes import Gender
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.storage.models import AuditEvent


def _events(app) -> list[tuple[str, str]]:
    with app.db.read() as session:
        return [(e.action.value, e.entity) for e in
                session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_each_kind_of_change_records_one_audit_event_in_its_own_transaction(app):
    person = app.people.create(PersonInput(crn="X333333", forename="Zoë", surname="Núñez",
                                           date_of_birth=dt.date(1992, 2, 29),
                                           gender=Gender.FEMALE))
    edit = person.to_input()
    edit.phone = "07700 900123"
    app.people.update(person.id, edit)
    order = app.orders.create(OrderInput(person_id=person.id, court="Hull Crown Court",
                                         sentence_date=dt.date(2026, 6, 1), hours_ordered=80))
    edit_order = order.to_input()
    edit_order.hours_ordered = 90
    app.orders.update(order.id, edit_order)
    prison = app.custody.prisons()[0]
    episode = app.custody.create(CustodyInput(person_id=person.id, prison_id=prison.id,
                                              prison_number="B2345CD",
                                              reception_date=dt.date(2026, 7, 1)))
    edit_episode = episode.to_input()
    edit_episode.automatic_release_date = dt.date(2027, 1, 5)
    app.custody.update(episode.id, edit_episode)
    closure = app.calendar.add_closure(dt.date(2026, 12, 29), "Office closed for the holidays")
    app.calendar.remove_closure(closure.id)
    setting = app.settings.list_settings()[0]
    app.settings.update(setting.key, setting.value if setting.value_type != "int"
                        else str(int(setting.value) + 1), setting.version)
    app.case_summary.render(person.id)
    assert _events(app) == [
        ("create", "person"), ("update", "person"), ("create", "upw_order"),
        ("update", "upw_order"), ("create", "custody_episode"), ("update", "custody_episode"),
        ("create", "closure_date"), ("delete", "closure_date"), ("update", "setting"),
        ("print", "person")]


def test_a_failed_change_leaves_no_audit_event(app):
    with contextlib.suppress(Exception):
        app.people.create(PersonInput(crn="bad", forename="A", surname="B",
                                      date_of_birth=dt.date(1990, 1, 1)))
    assert _events(app) == []


def test_audit_changes_hold_before_and_after_as_json(app):
    person = app.people.create(PersonInput(crn="X444444", forename="Ana", surname="Lee",
                                           date_of_birth=dt.date(1990, 1, 1)))
    with app.db.read() as session:
        changes, staff_id, entity_id = session.execute(
            select(AuditEvent.changes, AuditEvent.staff_id, AuditEvent.entity_id)).one()
    assert json.loads(changes)["after"]["crn"] == "X444444"
    assert staff_id == app.ctx.actor.id and entity_id == str(person.id)


def test_closure_dates_are_not_working_days(app):
    monday = dt.date(2026, 12, 7)
    assert app.calendar.add_working_days(dt.date(2026, 12, 4), 1) == monday
    app.calendar.add_closure(monday, "Staff training day")
    assert not app.calendar.is_working_day(monday)
    assert app.calendar.add_working_days(dt.date(2026, 12, 4), 1) == dt.date(2026, 12, 8)
    assert app.calendar.working_days_between(dt.date(2026, 12, 4), dt.date(2026, 12, 11)) == 4


def test_christmas_and_new_year_2026_skip_bank_holidays(app):
    # Fri 25 Dec, Mon 28 Dec (Boxing Day substitute) and Fri 1 Jan are not working days.
    assert app.calendar.add_working_days(dt.date(2026, 12, 24), 1) == dt.date(2026, 12, 29)
    assert app.calendar.add_working_days(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)
