"""Text reminders through GOV.UK Notify (rule UPW-TEXTS), the real client against a local server."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from upw_ttg.domain.codes import CustodyStatus, Language, OrderStatus, Role
from upw_ttg.domain.texts import (
    Candidate,
    Exclusion,
    MessageStatus,
    choose_texts,
    uk_mobile,
)
from upw_ttg.errors import CapabilityDeniedError, ValidationError
from upw_ttg.storage.models import AuditEvent, CustodyEpisode, Prison, UpwOrder

from tests.services.attendance.attendance_data import World, set_clock, set_setting
from tests.services.upw.notify_fake import INVALID, FakeNotify, use_memory_keyring
from tests.services.upw.texts_support import KEY, SESSION_DAY, booked

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def store():
    memory, previous = use_memory_keyring()
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def notify(monkeypatch):
    with FakeNotify() as fake:
        monkeypatch.setenv("UPW_TTG_NOTIFY_URL", fake.url)
        yield fake


@pytest.fixture
def world(app, store) -> World:
    set_clock(app, dt.datetime(2026, 11, 26, 9, 0))
    set_setting(app, "texts.template_reminder", "tmpl-en")
    set_setting(app, "texts.template_reminder_cy", "tmpl-cy")
    app.upw.texts.set_key(KEY)
    return World(app)


def test_reminders_go_in_the_persons_language_and_their_status_is_followed(app, world,
                                                                          notify):
    booked(world, "07700 900123", forename="Rhys")
    booked(world, "+44 7700 900456", forename="Cerys", language=Language.WELSH)
    result = app.upw.texts.queue_reminders()
    assert (result.session_date, result.queued, result.not_texted) == (SESSION_DAY, 2, ())
    sent = app.upw.texts.send_queued()
    assert (sent.sent, sent.failed, sent.waiting) == (2, 0, 0)
    [english] = notify.to("07700900123")
    [welsh] = notify.to("07700900456")
    assert english["template"]["id"] == "tmpl-en"
    assert english["personalisation"] == {"name": "Rhys", "date": "Saturday 28 November 2026",
                                          "time": "09:00"}
    assert welsh["template"]["id"] == "tmpl-cy"
    assert welsh["personalisation"]["date"] == "Dydd Sadwrn 28 Tachwedd 2026"
    notify.sent[english["id"]]["status"] = "delivered"
    notify.sent[welsh["id"]]["status"] = "permanent-failure"
    assert app.upw.texts.refresh_statuses() == 2
    statuses = {m.phone: m.status for m in app.upw.texts.messages()}
    assert statuses == {"07700900123": MessageStatus.DELIVERED,
                        "07700900456": MessageStatus.FAILED}
    assert [m.status for m in app.upw.texts.messages(status=MessageStatus.DELIVERED)] == [
        MessageStatus.DELIVERED]


def test_every_exclusion_is_named_and_nobody_excluded_is_texted(app, world, notify):
    session = world.session(world.project(), SESSION_DAY)
    texted = booked(world, "07700900001", session=session)
    booked(world, None, session=session, forename="NoPhone")
    booked(world, "01904 123456", session=session, forename="Landline")
    booked(world, "07700900002", session=session, forename="OptedOut", texts_opted_out=True)
    booked(world, "07700900001", session=session, forename="SharedNumber")
    custody = booked(world, "07700900003", session=session, forename="Inside")
    done = booked(world, "07700900004", session=session, forename="Finished")
    keyed = booked(world, "07700900005", session=session, forename="Keyed")
    with app.db.write() as s:
        from upw_ttg.storage.models import Appointment
        person = s.get(Appointment, custody).person_id
        s.add(CustodyEpisode(person_id=person, prison_id=s.scalar(select(Prison.id).limit(1)),
                             prison_number="C1234DE", reception_date=dt.date(2026, 11, 1),
                             status=CustodyStatus.IN_CUSTODY))
        s.get(UpwOrder, s.get(Appointment, done).order_id).status = OrderStatus.COMPLETED
        s.get(Appointment, keyed).outcome_code = "AAME"
    result = app.upw.texts.queue_reminders()
    assert result.queued == 1
    reasons = {n.name.split()[0]: n.reason for n in result.not_texted}
    assert reasons == {"NoPhone": Exclusion.NO_MOBILE, "Landline": Exclusion.NO_MOBILE,
                       "OptedOut": Exclusion.OPTED_OUT,
                       "SharedNumber": Exclusion.NUMBER_TEXTED_TODAY,
                       "Inside": Exclusion.IN_CUSTODY, "Finished": Exclusion.NO_HOURS_LEFT,
                       "Keyed": Exclusion.HAS_OUTCOME}
    app.upw.texts.send_queued()
    assert len(notify.sent) == 1 and len(notify.to("07700900001")) == 1
    # Asked again the same day: nobody is queued twice.
    assert app.upw.texts.queue_reminders().queued == 0
    assert texted


def test_offline_the_texts_wait_and_go_when_the_network_returns(app, world, monkeypatch):
    booked(world, "07700900123")
    app.upw.texts.queue_reminders()
    monkeypatch.setenv("UPW_TTG_NOTIFY_URL", "http://127.0.0.1:9")  # nothing listens there
    offline = app.upw.texts.send_queued()
    assert (offline.sent, offline.waiting) == (0, 1) and "No network" in offline.stopped_because
    assert [m.status for m in app.upw.texts.messages()] == [MessageStatus.QUEUED]
    with FakeNotify() as fake:
        monkeypatch.setenv("UPW_TTG_NOTIFY_URL", fake.url)
        online = app.upw.texts.send_queued()
        assert (online.sent, online.waiting) == (1, 0)
        assert len(fake.to("07700900123")) == 1


def test_rate_limits_and_server_errors_retry_without_sending_twice(app, world, notify):
    for n in range(3):
        booked(world, f"0770090010{n}")
    app.upw.texts.queue_reminders()
    notify.script = ["lost"]
    first = app.upw.texts.send_queued()
    # Notify took the first but its answer was lost: the run stops, all three wait.
    assert (first.sent, first.waiting) == (0, 3) and "unavailable" in first.stopped_because
    notify.script = [429]
    second = app.upw.texts.send_queued()
    # The first is found at Notify by its reference, not sent again; the next meets the
    # rate limit and the run stops there.
    assert (second.sent, second.waiting) == (1, 2) and "rate limit" in second.stopped_because
    notify.script = [500]
    third = app.upw.texts.send_queued()
    assert (third.sent, third.waiting) == (0, 2)
    fourth = app.upw.texts.send_queued()
    assert (fourth.sent, fourth.waiting) == (2, 0)
    assert sorted(n["phone_number"] for n in notify.sent.values()) == [
        "07700900100", "07700900101", "07700900102"]
    assert app.upw.texts.send_queued().sent == 0  # nothing left, nothing resent


def test_a_number_notify_refuses_fails_with_its_reason(app, world, notify):
    booked(world, INVALID)
    app.upw.texts.queue_reminders()
    result = app.upw.texts.send_queued()
    assert (result.sent, result.failed) == (0, 1)
    [message] = app.upw.texts.messages()
    assert message.status == MessageStatus.FAILED
    assert "Not a UK mobile number" in message.last_error


def test_sending_is_off_until_a_key_is_set_and_the_key_never_reaches_the_database(
        app, world, store, notify):
    booked(world, "07700900123")
    app.upw.texts.queue_reminders()
    app.upw.texts.set_key("")
    with pytest.raises(ValidationError) as refused:
        app.upw.texts.send_queued()
    assert "off until" in refused.value.fields["key"]
    with pytest.raises(ValidationError):
        app.upw.texts.set_key("not-a-key")
    set_setting(app, "texts.test_mode", "true")
    assert not app.upw.texts.key_state().sending_on
    app.upw.texts.set_key(KEY, test=True)
    assert app.upw.texts.key_state().sending_on
    assert app.upw.texts.send_queued().sent == 1
    secret = KEY[-36:]
    with app.db.read() as s:
        trail = " ".join(str(a.changes) for a in s.scalars(select(AuditEvent)))
    assert secret not in trail and KEY not in trail
    assert store.store  # kept in the credential store


def test_a_supervisor_sends_nothing_and_an_administrator_only_sets_the_key(
        app, world, signed_in_as):
    supervisor = signed_in_as(Role.SUPERVISOR)
    with pytest.raises(CapabilityDeniedError):
        supervisor.upw.texts.queue_reminders()
    coordinator = signed_in_as(Role.COORDINATOR)
    with pytest.raises(CapabilityDeniedError):
        coordinator.upw.texts.set_key(KEY)


def test_mobile_numbers_are_read_as_people_write_them():
    assert uk_mobile("07700 900123") == uk_mobile("+44 (0)7700-900123") == "07700900123"
    assert uk_mobile("0044 7700 900123") == "07700900123"
    assert uk_mobile("01904 123456") is None and uk_mobile("0770090012") is None
    assert uk_mobile("") is None and uk_mobile(None) is None


_candidates = st.lists(st.builds(
    Candidate, appointment_id=st.integers(1, 12), person_id=st.integers(1, 8),
    phone=st.sampled_from([None, "07700900001", "07700 900001", "07700900002", "01904123456",
                           "+447700900003"]),
    in_custody=st.booleans(), opted_out=st.booleans(), hours_left=st.booleans(),
    has_outcome=st.booleans()), max_size=30)


@given(_candidates, st.lists(st.integers(1, 12), max_size=4))
def test_nobody_is_texted_twice_for_a_session_and_nobody_excluded_is_texted(candidates,
                                                                          already):
    chosen, excluded = choose_texts(candidates, appointments_texted=already)
    appointments = [c.appointment_id for c, _ in chosen]
    assert len(appointments) == len(set(appointments))
    assert not set(appointments) & set(already)
    numbers = [number for _, number in chosen]
    assert len(numbers) == len(set(numbers))  # one text per number per day
    for candidate, _number in chosen:
        assert not (candidate.in_custody or candidate.opted_out or candidate.has_outcome)
        assert candidate.hours_left and uk_mobile(candidate.phone)
    assert len(chosen) + len(excluded) == len(candidates)


def test_numbers_to_fix_are_missing_invalid_or_shared(app, world):
    booked(world, "07700900001", forename="Good")
    booked(world, None, forename="Missing")
    booked(world, "01904 123456", forename="Landline")
    booked(world, "07700 900002", forename="SharedA")
    booked(world, "+447700900002", forename="SharedB")
    booked(world, None, forename="OptedOut", texts_opted_out=True)
    problems = {r.name.split()[0]: r.problem for r in app.upw.texts.numbers_to_fix()}
    assert problems == {"Missing": "No mobile number", "Landline": "Not a UK mobile number",
                        "SharedA": "Shared with 1 other", "SharedB": "Shared with 1 other"}
    assert app.upw.texts.numbers_to_fix(delivery_unit_id=987654) == []


def test_a_stand_down_texts_each_person_once_when_its_template_is_named(app, world):
    from upw_ttg.domain.texts import MessageKind
    from upw_ttg.records.upw import StandDownReason

    session = world.session(world.project(), SESSION_DAY)
    booked(world, "07700900011", session=session)
    booked(world, "07700900012", session=session, language=Language.WELSH)
    booked(world, "07700900013", session=session, texts_opted_out=True)
    app.upw.stand_downs.stand_down(session, StandDownReason.WEATHER)
    assert app.upw.texts.messages() == []  # no template named: no such texts
    other = world.session(world.project(), SESSION_DAY)
    booked(world, "07700900014", session=other)
    set_setting(app, "texts.template_stood_down", "tmpl-sd")
    set_setting(app, "texts.template_stood_down_cy", "tmpl-sd-cy")
    app.upw.stand_downs.stand_down(other, StandDownReason.WEATHER)
    [text] = app.upw.texts.messages()
    assert (text.kind, text.template_id, text.phone) == (
        MessageKind.STOOD_DOWN, "tmpl-sd", "07700900014")
