"""Text messages on screen (rule UPW-TEXTS): queued, sent in the background, on the record."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import keyring
import pytest

from upw_ttg.domain.codes import Language

from tests.call_log import appended
from tests.narrowing import present
from tests.services.attendance.attendance_data import World, set_setting
from tests.services.upw.notify_fake import FakeNotify, use_memory_keyring
from tests.ui.attendance_support import activate
from tests.ui.conftest import settle
from ui.main_window import MainWindow
from ui.views.upw.area import SchedulingArea
from ui.views.upw.texts_page import TextsPage

KEY = f"upwttg_test-{uuid.uuid4()}-{uuid.uuid4()}"


@pytest.fixture
def notify(monkeypatch):
    _memory, previous = use_memory_keyring()
    with FakeNotify() as fake:
        monkeypatch.setenv("UPW_TTG_NOTIFY_URL", fake.url)
        yield fake
    keyring.set_keyring(previous)


def with_bookings(services) -> int:
    set_setting(services, "texts.template_reminder", "tmpl-en")
    set_setting(services, "texts.template_reminder_cy", "tmpl-cy")
    world = World(services)
    session = world.session(world.project(), services.ctx.today() + dt.timedelta(days=2))
    first: int | None = None
    for n, (phone, language) in enumerate((("07700900123", Language.ENGLISH),
                                           ("07700 900456", Language.WELSH),
                                           ("01904 123456", Language.ENGLISH))):
        person = world.person(phone=phone, language=language, forename=f"P{n}")
        world.book(session, world.order(person))
        first = first or person
    return present(first)


def test_reminders_are_queued_sent_with_progress_and_shown_on_the_record(
        qtbot, services, ui_settings, notify, wait_for_tasks):
    person = with_bookings(services)
    page = TextsPage(services)
    activate(qtbot, page)
    settle()
    assert "Sending is off" in page.state.text() and not page.send_button.isEnabled()
    services.upw.texts.set_key(KEY)
    page.queue_button.click()
    settle()
    assert page.model.rowCount() == 2 and "2 waiting to send" in page.count.text()
    assert page.send_button.isEnabled()
    page.send_button.click()
    wait_for_tasks()
    settle()
    assert len(notify.sent) == 2
    assert {page.model.index(r, 5).data() for r in range(2)} == {"Sent"}
    for notification in notify.sent.values():
        notification["status"] = "delivered"
    page.check_button.click()
    wait_for_tasks()
    settle()
    assert {page.model.index(r, 5).data() for r in range(2)} == {"Delivered"}
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    window.open_person(person)
    settle()
    banner = window.person_page.texts_banner
    assert banner.isVisible() and "delivered" in banner.text()
    page.tabs.setCurrentIndex(1)
    settle()
    assert page.numbers.rowCount() == 1
    assert page.numbers.row_at(0).problem == "Not a UK mobile number"
    shots = os.environ.get("UPW_TTG_SHOTS")
    if shots:  # screen images for a person to look at; not part of the check
        area = SchedulingArea(services, ui_settings)
        activate(qtbot, area)
        area.resize(1280, 720)
        area.show_page(area.TEXTS)
        settle()
        area.grab().save(f"{shots}/texts.png")
        area.texts.tabs.setCurrentIndex(1)
        settle()
        area.grab().save(f"{shots}/texts-numbers.png")
    # The page says whether the texts go by themselves or only when Send is pressed.
    assert "Automatic sending is off" in page.state.text()
    set_setting(services, "texts.auto_send", "true")
    set_setting(services, "texts.auto_send_minutes", "20")
    page.refresh()
    settle()  # read on a worker
    assert "sent automatically every 20 minutes" in page.state.text()
    assert "queued from 09:00" in page.state.text()


def test_an_administrator_keeps_the_key_in_the_credential_store(qtbot, services, notify):
    from ui.views.settings_page import SettingsPage

    page = SettingsPage(services)
    activate(qtbot, page)
    assert page.key_button.isVisibleTo(page)
    page.edit_notify_key()
    dialog = page.key_dialog
    dialog.key.setText("not a key")
    dialog.save_button.click()
    settle()
    assert "not a GOV.UK Notify API key" in dialog.fields.error_text("key")
    dialog.key.setText(KEY)
    dialog.save_button.click()
    settle()
    assert services.upw.texts.key_state().live_key_set
    assert keyring.get_password("upw-ttg GOV.UK Notify", "live key") == KEY
    shots = os.environ.get("UPW_TTG_SHOTS")
    if shots:
        page.edit_notify_key()
        settle()
        page.key_dialog.grab().save(f"{shots}/notify-key.png")


def test_the_key_is_looked_for_off_the_gui_thread_and_nothing_sends_until_then(
        qtbot, services, notify, monkeypatch):
    """The credential store's first reading loads its back ends (75 ms at start): the page
    reads it on a worker with the messages, and Send waits for the answer."""
    import threading

    services.upw.texts.set_key(KEY)
    threads: list[bool] = []
    real = services.upw.texts.key_state
    monkeypatch.setattr(services.upw.texts, "key_state", lambda: appended(
        threads, threading.current_thread() is threading.main_thread()) or real())
    page = TextsPage(services)
    assert not page.send_button.isEnabled() and not page.check_button.isEnabled()
    activate(qtbot, page)
    settle()
    assert threads and not any(threads)
    assert page.send_button.isEnabled() and "Sending is on" in page.state.text()
