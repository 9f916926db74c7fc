"""The window never waits on the database: slow lists load on a worker while events run on."""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QElapsedTimer, QTimer

from tests.narrowing import present
from tests.ui.attendance_support import activate
from tests.ui.conftest import settle
from ui.loading import LoadingOverlay
from ui.views.attendance.forecast_page import ForecastPage
from ui.views.upw.area import SchedulingArea

SLOW_S = 0.8


class _Heartbeat:
    """A timer on the GUI thread; the longest gap between its ticks is the longest freeze."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.longest_gap_ms = 0
        self.ticks = 0

    def start(self) -> None:
        gc.collect()  # a full collection of the whole test session's garbage is not the test
        self.clock.start()
        self.last = self.clock.elapsed()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest_gap_ms = max(self.longest_gap_ms, now - self.last)
        self.last = now
        self.ticks += 1


def _slow(result):
    def call(*_args, **_kwargs):
        time.sleep(SLOW_S)
        return result
    return call


def test_a_slow_list_leaves_the_event_loop_running_and_says_it_is_loading(
        qtbot, services, monkeypatch):
    forecast = services.attendance.forecast
    page = ForecastPage(services)
    activate(qtbot, page)
    monkeypatch.setattr(forecast, "forecast", _slow([]))
    beat = _Heartbeat()
    beat.start()
    page.refresh()
    overlay = present(page.table.findChild(LoadingOverlay))
    qtbot.waitUntil(overlay.isVisible, timeout=2000)
    assert page.loader.busy
    settle()
    beat.timer.stop()
    assert not overlay.isVisible()
    assert beat.longest_gap_ms < SLOW_S * 1000 / 2
    assert beat.ticks > 20


def test_a_newer_choice_replaces_a_load_still_running(qtbot, services, ui_settings, world,
                                                      monkeypatch):
    """Moving to another week while the waiting list loads shows that week's list only."""
    world.placeable()
    planner = services.upw.planner
    real_waiting = planner.waiting
    real_waiting(None)  # the first call loads the bank-holiday tables (imports hold the GIL)
    asked: list = []

    def waiting(unit_id, week_start=None):
        asked.append(week_start)
        if week_start == first_week:
            time.sleep(SLOW_S)
            return []
        return real_waiting(unit_id, week_start=week_start)

    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    monkeypatch.setattr(planner, "waiting", waiting)
    page = area.waiting
    first_week = page.bar.monday
    beat = _Heartbeat()
    beat.start()
    page.reload()
    page.bar.next_week()
    settle()
    beat.timer.stop()
    assert beat.longest_gap_ms < SLOW_S * 1000 / 2
    assert len(asked) == 2
    expected = real_waiting(page.bar.unit_id, week_start=page.bar.monday)
    assert expected
    assert page.model.rows() == expected


def test_a_form_stays_open_and_responsive_while_it_saves_and_keeps_its_input_when_refused(
        qtbot, services, monkeypatch):
    """The save runs on the writer thread: the window keeps repainting, the form is greyed
    with everything typed still in it, and a refused save gives it all back unchanged."""
    from upw_ttg.errors import StorageError

    from ui.dialogs.person_dialog import PersonDialog

    def slow_refusal(_data):
        time.sleep(SLOW_S)
        raise StorageError("The database is busy with another user's change. Wait a moment "
                           "and try again.")

    monkeypatch.setattr(services.people, "create", slow_refusal)
    dialog = PersonDialog(services.people)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.crn.setText("X123456")
    dialog.forename.setText("Siân")
    dialog.surname.setText("Jones")
    dialog.date_of_birth.setText("17/05/1990")
    dialog.gender_category.setCurrentIndex(1)
    beat = _Heartbeat()
    beat.start()
    dialog.submit()
    assert dialog.saving and not dialog.crn.isEnabled()
    qtbot.waitUntil(lambda: dialog.banner.text() == "Saving…", timeout=2000)
    dialog.reject()  # Esc while saving does not drop the record half-way
    assert dialog.isVisible()
    settle()
    beat.timer.stop()
    assert beat.longest_gap_ms < SLOW_S * 1000 / 2
    assert dialog.isVisible() and not dialog.saving and dialog.crn.isEnabled()
    assert "busy with another user's change" in dialog.banner.text()
    assert (dialog.crn.text(), dialog.forename.text(), dialog.surname.text(),
            dialog.date_of_birth.text()) == ("X123456", "Siân", "Jones", "17/05/1990")
    monkeypatch.undo()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.submit()
    assert services.people.count() == 1


def test_signing_in_hashes_the_password_off_the_gui_thread(qtbot, fresh_services):
    """scrypt takes a few hundred milliseconds at full cost; the window runs on meanwhile."""
    from upw_ttg.domain.codes import Role
    from upw_ttg.security import hash_password

    from tests.conftest import TEST_PASSWORD as PASSWORD
    from tests.ui.conftest import add_staff_member
    from ui.dialogs.sign_in import SignInDialog

    add_staff_member(fresh_services, "coord", Role.COORDINATOR, hash_password(PASSWORD))
    dialog = SignInDialog(fresh_services.staff, fresh_services.db.describe(), "coord")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText(PASSWORD)
    beat = _Heartbeat()
    beat.start()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    beat.timer.stop()
    assert fresh_services.ctx.actor is not None
    assert beat.longest_gap_ms < 150  # the hash itself takes 190 ms or more
