"""Travel warrants: eligibility from the setting, serials, void, used, returned, register, spend."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import WarrantMode, WarrantStatus
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import WarrantInput


@pytest.fixture
def warrant(upw, app):
    person = app.orders.get(upw.man()).person_id
    criteria = upw.svc.warrants.eligibility_criteria()

    def make(**changes):
        values = dict(person_id=person, office_id=upw.office, valid_from=upw.MONDAY,
                      valid_to=upw.MONDAY, travel_from="Selby", travel_to="York",
                      mode=WarrantMode.TRAIN, fare_pence=1250, eligibility=criteria[1],
                      reason="No bus before 8am")
        values.update(changes)
        return upw.svc.warrants.issue(WarrantInput(**values))
    return make


def test_eligibility_comes_from_the_setting(upw, app, warrant):
    assert upw.svc.warrants.eligibility_criteria() == [
        "distance over 3 miles", "no public transport to pick-up", "receives benefits"]
    with pytest.raises(ValidationError) as caught:
        warrant(eligibility="likes trains")
    assert "eligibility" in caught.value.fields
    setting = next(s for s in app.settings.list_settings() if s.key == "upw.warrant_eligibility")
    app.settings.update("upw.warrant_eligibility", "likes trains; other", setting.version)
    assert warrant(eligibility="likes trains").eligibility == "likes trains"


def test_issue_records_everything_and_numbers_from_one(warrant):
    first = warrant()
    second = warrant(mode=WarrantMode.BUS, fare_pence=0)
    assert (first.serial, second.serial) == (1, 2)
    assert first.serial_text == "YRK-000001"
    assert (first.travel_from, first.travel_to, first.mode, first.fare_pence, first.reason,
            first.issued_by, first.issued_on, first.status) == (
        "Selby", "York", WarrantMode.TRAIN, 1250, "No bus before 8am", "Ada Admin",
        dt.date(2026, 11, 26), WarrantStatus.ISSUED)


@pytest.mark.parametrize(("changes", "field"), [
    ({"valid_to": dt.date(2026, 11, 29)}, "valid_to"), ({"fare_pence": -1}, "fare_pence"),
    ({"travel_from": ""}, "travel_from"), ({"reason": " "}, "reason"),
    ({"office_id": None}, "office_id"), ({"valid_to": dt.date(2027, 1, 30)}, "valid_to"),
])
def test_invalid_warrants_are_refused_and_use_no_serial(warrant, changes, field):
    with pytest.raises(ValidationError) as caught:
        warrant(**changes)
    assert field in caught.value.fields
    assert warrant().serial == 1


def test_a_warrant_for_a_session_needs_the_person_on_it(upw, app, warrant):
    sid = upw.session()
    order = upw.man()
    person = app.orders.get(order).person_id
    with pytest.raises(ValidationError) as caught:
        warrant(person_id=person, session_id=sid, valid_from=None, valid_to=None)
    assert "session_id" in caught.value.fields
    upw.svc.placement.place(order, sid)
    made = warrant(person_id=person, session_id=sid, valid_from=None, valid_to=None)
    assert (made.valid_from, made.valid_to, made.session_id) == (upw.MONDAY, upw.MONDAY, sid)


def test_void_keeps_the_serial_and_only_issued_warrants_change(upw, warrant):
    first = warrant()
    with pytest.raises(ValidationError):
        upw.svc.warrants.void(first.id, "  ")
    voided = upw.svc.warrants.void(first.id, "Printed with the wrong date", version=first.version)
    assert (voided.status, voided.void_reason) == (WarrantStatus.VOID,
                                                   "Printed with the wrong date")
    assert warrant().serial == 2
    with pytest.raises(ValidationError):
        upw.svc.warrants.mark_used(first.id)
    used = upw.svc.warrants.mark_used(warrant().id)
    returned = upw.svc.warrants.mark_returned_unused(warrant().id)
    assert (used.status, returned.status) == (WarrantStatus.USED, WarrantStatus.RETURNED_UNUSED)


def test_register_filters_and_spend_per_office_and_month(upw, app, warrant):
    warrant(fare_pence=500)
    warrant(fare_pence=700, office_id=upw.offices["HUL"])
    voided = warrant(fare_pence=10_000)
    upw.svc.warrants.void(voided.id, "Duplicate")
    returned = warrant(fare_pence=300)
    upw.svc.warrants.mark_returned_unused(returned.id)
    assert [w.serial_text for w in upw.svc.warrants.register(office_id=upw.office)] == [
        "YRK-000001", "YRK-000002", "YRK-000003"]
    assert len(upw.svc.warrants.register(status=WarrantStatus.VOID)) == 1
    assert upw.svc.warrants.register(date_from=dt.date(2026, 11, 27)) == []
    assert len(upw.svc.warrants.register(date_from=dt.date(2026, 11, 1),
                                         date_to=dt.date(2026, 11, 30))) == 4
    spend = upw.svc.warrants.spend()
    assert [(s.office_name, s.month, s.warrants, s.total_pence) for s in spend] == [
        ("Hull", dt.date(2026, 11, 1), 1, 700), ("York", dt.date(2026, 11, 1), 1, 500)]
