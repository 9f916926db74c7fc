"""The application's bus carries status notices and requests for a person's record from any
screen to the main window, once each, and nothing to a screen that has been deleted."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import SIGNAL, QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from tests.narrowing import shown
from tests.ui.conftest import settle
from tests.ui.upw_world import World
from ui.changes import announce, change_bus, open_person
from ui.dialogs.organisation_dialogs import OfficeDialog
from ui.main_window import MainWindow

NOTICES, PEOPLE = SIGNAL("announced(QString)"), SIGNAL("person_requested(int)")


def _window(qtbot, services, ui_settings) -> MainWindow:
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    return window


def _delete_now(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_page_notice_reaches_the_status_bar_once(qtbot, services, ui_settings):
    window = _window(qtbot, services, ui_settings)
    shown_messages: list[str] = []
    window.statusBar().messageChanged.connect(shown_messages.append)
    window.show_organisation()
    page = window.organisation_page
    assert page is not None
    york_row = next(i for i, o in enumerate(page.office_model.rows()) if o.code == "YRK")
    page.office_table.selectRow(york_row)
    page.edit_office()
    dialog = shown(page.dialog, OfficeDialog)
    dialog.phone.setText("0300 047 5555")
    settle()
    dialog.submit()
    settle()
    assert [m for m in shown_messages if m] == ["Saved the York office's details."]
    assert window.statusBar().currentMessage() == "Saved the York office's details."


def test_a_notice_recounts_broken_bookings_but_is_not_shown_while_locked(
        qtbot, services, ui_settings, monkeypatch):
    window = _window(qtbot, services, ui_settings)
    recounts: list[bool] = []
    monkeypatch.setattr(window, "recount_broken", lambda: recounts.append(True))
    window.lock.lock()
    announce("Moved Siân Jones to Tuesday's session.")
    assert window.statusBar().currentMessage() == ""
    assert recounts == [True]  # what was done may have mended or broken a booking


def test_a_page_asking_for_a_person_opens_their_record(qtbot, services, ui_settings, world):
    world.session(World.MONDAY + dt.timedelta(days=9))
    person_id, _ = world.placeable(person={"forename": "Gwenllian"})
    window = _window(qtbot, services, ui_settings)
    window.show_scheduling()
    area = window.scheduling_area()
    area.show_page(area.WAITING)
    settle()
    area.waiting.table.selectRow(0)
    area.waiting.open_person()
    settle()
    assert window.stack.currentWidget() is window.person_page
    assert window.person_page.record is not None
    assert window.person_page.record.id == person_id
    assert window.current_area() == "person"


def test_a_deleted_subscriber_hears_nothing(qtbot):
    bus = change_bus()
    before = bus.receivers(NOTICES), bus.receivers(PEOPLE)
    screen = QWidget()
    heard: list[object] = []
    bus.on_notice(screen, heard.append)
    bus.on_open_person(screen, heard.append)
    announce("Saved.")
    open_person(7)
    assert heard == ["Saved.", 7]
    _delete_now(screen)
    announce("Saved again.")
    open_person(8)
    assert heard == ["Saved.", 7]
    assert (bus.receivers(NOTICES), bus.receivers(PEOPLE)) == before


def test_a_deleted_main_window_leaves_nothing_on_the_bus(qtbot, services, ui_settings):
    bus = change_bus()
    before = bus.receivers(NOTICES), bus.receivers(PEOPLE)
    window = MainWindow(services, ui_settings)
    assert (bus.receivers(NOTICES), bus.receivers(PEOPLE)) == (before[0] + 1, before[1] + 1)
    settle()  # the people list it reads on a worker
    _delete_now(window)
    assert (bus.receivers(NOTICES), bus.receivers(PEOPLE)) == before
    announce("Nobody is listening.")
    open_person(1)
