"""UPW orders: hours 40–300, dates, the deadline setting, extensions and totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from upw_ttg.domain.codes import AuditAction, Gender, OrderStatus
from upw_ttg.errors import StaleRecordError, ValidationError
from upw_ttg.records.orders import OrderExtensionRow, OrderInput
from upw_ttg.records.people import PersonInput


@pytest.fixture
def person_id(app) -> int:
    return app.people.create(PersonInput(crn="X111111", forename="Rhys", surname="Evans",
                                         date_of_birth=dt.date(1990, 1, 2),
                                         gender=Gender.MALE)).id


def order(person_id: int, **changes) -> OrderInput:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(person_id=person_id, court="York Magistrates' Court",
                  sentence_date=dt.date(2026, 10, 1), hours_ordered=120)
    values.update(changes)
    return OrderInput(**values)


@pytest.mark.parametrize("hours", [39, 301, 0, -5])
def test_hours_outside_40_to_300_are_refused(app, person_id, hours):
    with pytest.raises(ValidationError) as caught:
        app.orders.create(order(person_id, hours_ordered=hours))
    assert caught.value.fields["hours_ordered"] == ("The hours ordered must be between 40 and "
                                                    "300.")
    assert app.orders.for_person(person_id) == []


@pytest.mark.parametrize("hours", [40, 300])
def test_the_limits_themselves_are_allowed(app, person_id, hours):
    assert app.orders.create(order(person_id, hours_ordered=hours)).hours_ordered == hours


def test_a_new_order_has_its_deadline_from_the_setting_and_nothing_credited(app, person_id):
    created = app.orders.create(order(person_id))
    assert created.deadline == dt.date(2027, 10, 1)
    assert created.status == OrderStatus.AWAITING_FIRST_SESSION
    assert (created.minutes_ordered, created.minutes_credited, created.minutes_remaining) == \
        (7200, 0, 7200)


def test_the_deadline_follows_the_setting_and_can_be_switched_off(app, person_id):
    months = next(s for s in app.settings.list_settings() if s.key == "upw.deadline_months")
    app.settings.update("upw.deadline_months", "18", months.version)
    assert app.orders.create(order(person_id)).deadline == dt.date(2028, 4, 1)
    applies = next(s for s in app.settings.list_settings() if s.key == "upw.deadline_applies")
    app.settings.update("upw.deadline_applies", "no", applies.version)
    assert app.orders.create(order(person_id)).deadline is None


@pytest.mark.parametrize(("changes", "field"), [
    ({"sentence_date": dt.date(2026, 11, 27)}, "sentence_date"),
    ({"sentence_date": None}, "sentence_date"),
    ({"sentence_date": dt.date(1989, 1, 1)}, "sentence_date"),
    ({"court": ""}, "court"),
    ({"court": "c" * 20_000}, "court"),
])
def test_bad_dates_and_courts_are_refused(app, person_id, changes, field):
    with pytest.raises(ValidationError) as caught:
        app.orders.create(order(person_id, **changes))
    assert field in caught.value.fields


def test_an_extension_moves_the_effective_deadline_and_must_be_later(app, person_id):
    created = app.orders.create(order(person_id))
    extended = app.orders.add_extension(created.id, OrderExtensionRow(
        dt.date(2026, 11, 20), "York Crown Court", dt.date(2028, 1, 31), "Illness"))
    assert extended.effective_deadline == dt.date(2028, 1, 31)
    with pytest.raises(ValidationError) as caught:
        app.orders.add_extension(created.id, OrderExtensionRow(
            dt.date(2026, 11, 21), "York Crown Court", dt.date(2027, 12, 1), "Again"))
    assert "must be after the current one" in caught.value.fields["new_deadline"]


def test_editing_an_order_is_audited_and_guarded_against_lost_updates(app, person_id,
                                                                     make_services):
    created = app.orders.create(order(person_id))
    edit = created.to_input()
    edit.hours_ordered = 150
    updated = app.orders.update(created.id, edit)
    assert updated.hours_ordered == 150 and updated.version == 2
    events = app.audit.events_for("upw_order", created.id)
    assert events[-1].action == AuditAction.UPDATE
    assert events[-1].changes["hours_ordered"] == [120, 150]
    stale = created.to_input()
    stale.hours_ordered = 200
    with pytest.raises(StaleRecordError, match="Ada Admin"):
        app.orders.update(created.id, stale)
    assert app.orders.get(created.id).hours_ordered == 150
