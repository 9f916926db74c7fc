"""The window never waits on the database: slow lists load on a worker while events run on."""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, QTimer

from tests.ui.attendance_support import activate
from tests.ui.conftest import settle
from ui.loading import LoadingOverlay
from ui.views.attendance.forecast_page import ForecastPage
from ui.views.upw.area import SchedulingArea

SLOW_S = 0.6


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
    overlay = page.table.findChild(LoadingOverlay)
    qtbot.waitUntil(overlay.isVisible, timeout=2000)
    assert page.loader.busy
    settle()
    beat.timer.stop()
    assert not overlay.isVisible()
    assert beat.longest_gap_ms < SLOW_S * 1000 / 3
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
    assert beat.longest_gap_ms < SLOW_S * 1000 / 3
    assert len(asked) == 2
    expected = real_waiting(page.bar.unit_id, week_start=page.bar.monday)
    assert expected
    assert page.model.rows() == expected
