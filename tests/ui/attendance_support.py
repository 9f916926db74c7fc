"""Shared builders and keyboard helpers for the Attendance UI tests (this module has no tests)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.enforcement import Decision

from tests.services.attendance.attendance_data import World
from tests.ui.conftest import settle

PAST = dt.date(2026, 11, 24)
EARLIER = dt.date(2026, 11, 20)
# Surnames in sheet (alphabetical) order, so row n is SURNAMES[n].
SURNAMES = ("Adams", "Baker", "Carter", "Davies", "Evans", "Foster", "Griffiths", "Hughes",
            "Iqbal", "Jones", "Khan", "Lewis")


def make_world(services: AppServices) -> World:
    return World(services)


def group_session(world: World, day: dt.date, count: int, *, hours: int = 60,
                  travel: bool = False, coordinator_id: int | None = None
                  ) -> tuple[int, list[int], list[int]]:
    """A group session on ``day`` with ``count`` people: (session, appointments, orders)."""
    project = world.project()
    session = world.session(project, day)
    appointments, orders = [], []
    for surname in SURNAMES[:count]:
        order = world.order(world.person("Sam", surname), hours=hours, travel=travel,
                            coordinator_id=coordinator_id)
        orders.append(order)
        appointments.append(world.book(session, order))
    return session, appointments, orders


def warned_then_failed(world: World) -> tuple[int, int]:
    """An order with a first warning for one failure, and a second failure after it:
    (order id, the second failure's appointment id)."""
    order = world.order(world.person("Rhys", "Warned"))
    first_session = world.session(world.project(), EARLIER)
    first = world.book(first_session, order)
    world.key(first_session, first, "UAAB")
    world.att.enforcement.decide(first, Decision.WARN, circumstances="You did not attend.")
    second_session = world.session(world.project(), PAST)
    second = world.book(second_session, order)
    world.key(second_session, second, "UAAB")
    return order, second


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(qtbot, text: str) -> None:
    """Type ``text`` into whatever has the focus, one key at a time (as a person would)."""
    for char in text:
        qtbot.keyClick(focused(), char)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def activate(qtbot, widget: QWidget) -> None:
    """Show ``widget`` as the active window so keys and mnemonics reach it."""
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=3000)
    settle()
