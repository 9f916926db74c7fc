"""Texts on a timer in the window: a run off the screen's thread, the next one armed."""

from __future__ import annotations

import datetime as dt
import uuid

import keyring
import pytest

from tests.narrowing import present
from tests.services.attendance.attendance_data import set_setting
from tests.services.upw.notify_fake import FakeNotify, use_memory_keyring
from ui.changes import change_bus
from ui.main_window import MainWindow

KEY = f"upwttg_test-{uuid.uuid4()}-{uuid.uuid4()}"


@pytest.fixture
def notify(monkeypatch):
    memory, previous = use_memory_keyring()
    with FakeNotify() as fake:
        monkeypatch.setenv("UPW_TTG_NOTIFY_URL", fake.url)
        yield fake
    keyring.set_keyring(previous)


def test_the_timer_sends_the_reminders_in_the_background_and_arms_the_next_run(
        qtbot, services, ui_settings, world, notify, wait_for_tasks):
    services.ctx.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    set_setting(services, "texts.template_reminder", "tmpl-en")
    set_setting(services, "texts.auto_send", "true")
    set_setting(services, "texts.auto_send_minutes", "20")
    services.upw.texts.set_key(KEY)
    sid = world.session(dt.date(2026, 11, 28))
    person_id, order_id = world.placeable(person={"phone": "07700 900123"})
    services.upw.placement.place(order_id, sid)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    timer = present(window.text_timer)
    assert timer.timer.isActive()  # the first run waits a little
    messages: list[str] = []
    change_bus().on_notice(timer, messages.append)
    task = timer.run_now()
    assert task is not None and timer.run_now() is None  # never two runs at once
    wait_for_tasks()
    qtbot.waitUntil(lambda: timer.last_result is not None, timeout=20000)
    assert present(present(timer.last_result).sent).sent == 1 and len(notify.to("07700900123")) == 1
    assert messages == ["Texts sent automatically: 1 sent, 0 failed, 0 waiting."]
    assert timer.timer.isActive() and timer.timer.interval() == 20 * 60_000
    assert person_id


def test_a_member_who_may_not_send_texts_has_no_timer(qtbot, services, ui_settings, fast_hash):
    from upw_ttg.domain.codes import Role

    from tests.ui.conftest import add_staff_member

    services.ctx.actor = add_staff_member(services, "sup", Role.SUPERVISOR, fast_hash)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    assert window.text_timer is None
