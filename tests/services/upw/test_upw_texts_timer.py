"""Texts on a timer (rule UPW-TEXTS): reminders queued once a day from the set hour and the
queue sent without pressing Send, only when switched on with a key, never a text twice."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from sqlalchemy import func, select, update

from upw_ttg.domain.texts import MessageStatus
from upw_ttg.storage.models import AuditEvent, TextMessage
from upw_ttg.storage.models.base import utc_now

from tests.services.attendance.attendance_data import World, set_clock, set_setting
from tests.services.upw.notify_fake import FakeNotify, use_memory_keyring
from tests.services.upw.texts_support import KEY, SESSION_DAY, booked


@pytest.fixture
def notify(monkeypatch):
    memory, previous = use_memory_keyring()
    with FakeNotify() as fake:
        monkeypatch.setenv("UPW_TTG_NOTIFY_URL", fake.url)
        yield fake
    keyring.set_keyring(previous)


@pytest.fixture
def world(app, notify) -> World:
    set_clock(app, dt.datetime(2026, 11, 26, 9, 0))
    set_setting(app, "texts.template_reminder", "tmpl-en")
    app.upw.texts.set_key(KEY)
    return World(app)


def _reminder_audits(app) -> int:
    with app.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "text_message")) or 0


def test_the_timer_does_nothing_until_switched_on(app, world, notify):
    booked(world, "07700900123")
    result = app.upw.texts.run_automatically()
    assert not result.ran and "off" in result.skipped_because
    assert result.next_in_minutes == 30
    assert notify.sent == {} and app.upw.texts.messages() == []


def test_sending_stays_off_without_a_key_even_when_switched_on(app, world, notify):
    set_setting(app, "texts.auto_send", "true")
    app.upw.texts.set_key("")
    booked(world, "07700900123")
    result = app.upw.texts.run_automatically()
    assert not result.ran and "key" in result.skipped_because
    assert app.upw.texts.messages() == []


def test_the_days_reminders_are_queued_once_from_the_set_hour_and_sent(app, world, notify):
    set_setting(app, "texts.auto_send", "true")
    set_setting(app, "texts.auto_queue_hour", "10")
    set_setting(app, "texts.auto_send_minutes", "15")
    booked(world, "07700900123")
    set_clock(app, dt.datetime(2026, 11, 26, 9, 30))
    early = app.upw.texts.run_automatically()
    assert early.ran and early.queued is None and early.sent.sent == 0
    assert early.next_in_minutes == 15
    set_clock(app, dt.datetime(2026, 11, 26, 10, 0))
    first = app.upw.texts.run_automatically()
    assert (first.queued.session_date, first.queued.queued) == (SESSION_DAY, 1)
    assert (first.sent.sent, first.sent.waiting) == (1, 0)
    audits = _reminder_audits(app)
    # Later runs the same day queue nothing again and send nothing twice.
    set_clock(app, dt.datetime(2026, 11, 26, 10, 15))
    again = app.upw.texts.run_automatically()
    assert again.queued is None and again.sent.sent == 0
    assert _reminder_audits(app) == audits
    # Another computer's timer (its own services) finds nothing to queue or send either.
    other = world.app.__class__(app.db, app.location)
    other.ctx.actor, other.ctx.now = app.ctx.actor, app.ctx.now
    elsewhere = other.upw.texts.run_automatically()
    assert elsewhere.queued.queued == 0 and elsewhere.sent.sent == 0
    assert len(notify.to("07700900123")) == 1


def test_a_text_another_run_is_sending_is_left_alone_then_found_not_resent(app, world, notify):
    set_setting(app, "texts.auto_send", "true")
    booked(world, "07700900123")
    app.upw.texts.queue_reminders()
    # Another computer claimed it a moment ago and is waiting for Notify's answer.
    with app.db.write() as s:
        s.execute(update(TextMessage).values(status=MessageStatus.SENDING, attempts=1,
                                             claimed_at=utc_now()))
    held = app.upw.texts.run_automatically()
    assert (held.sent.sent, held.sent.waiting) == (0, 1) and notify.sent == {}
    # Long after, that run has died: the text is looked for at Notify first, then sent once.
    with app.db.write() as s:
        s.execute(update(TextMessage).values(
            claimed_at=utc_now() - dt.timedelta(minutes=10)))
    later = app.upw.texts.run_automatically()
    assert later.sent.sent == 1 and len(notify.to("07700900123")) == 1
    assert app.upw.texts.run_automatically().sent.sent == 0


def test_without_a_reminder_template_the_queued_texts_still_go(app, world, notify):
    set_setting(app, "texts.auto_send", "true")
    set_setting(app, "texts.template_reminder", "none")
    result = app.upw.texts.run_automatically()
    assert result.ran and "template" in result.queue_problem
    assert result.sent is not None
