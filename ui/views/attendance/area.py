"""The Attendance area: one tab per job, from keying registers to printing work sheets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability

from ui.settings import UiSettings
from ui.views.attendance.common import FilterChoices
from ui.views.attendance.enforcement_page import EnforcementPage
from ui.views.attendance.forecast_page import ForecastPage
from ui.views.attendance.outstanding_page import OutstandingPage
from ui.views.attendance.print_page import PrintPage
from ui.views.attendance.register_page import RegisterPage
from ui.views.attendance.review_page import ReviewPage
from ui.views.attendance.travel_page import TravelPage
from ui.views.permissions import can


class AttendanceArea(QWidget):
    """Registers, Outstanding outcomes, Enforcement, Forecast & reviews, Travel-time tasks,
    Print work sheets and (for managers) the Manager's check, as tabs (Alt+letter or Ctrl+Tab
    moves between them).

    Each page reads its lists when its tab is shown, so opening the area costs little.

    Signals:
        notice(str): a short message for the status bar.
        person_opened(int): the user wants this person's record.
    """

    notice = Signal(str)
    person_opened = Signal(int)
    REGISTERS, OUTSTANDING, ENFORCEMENT, FORECAST, TRAVEL, PRINT, REVIEW = range(7)

    def __init__(self, services: AppServices, ui_settings: UiSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._ui_settings = ui_settings
        # The units and coordinators the pages' filters offer, read once for them all.
        choices = FilterChoices.read(services)
        self.registers = RegisterPage(services)
        self.outstanding = OutstandingPage(services, choices=choices)
        self.enforcement = EnforcementPage(services, choices=choices)
        self.forecast = ForecastPage(services, choices=choices)
        self.travel = TravelPage(services, choices=choices)
        self.printing = PrintPage(services, choices=choices)
        self.review = ReviewPage(services, choices=choices)
        # In tab order: the page of the tab shown is read again.
        self._pages = (self.registers, self.outstanding, self.enforcement, self.forecast,
                       self.travel, self.printing, self.review)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Attendance")
        self.tabs.setDocumentMode(True)
        for page, title in ((self.registers, "&Registers"),
                            (self.outstanding, "&Outstanding outcomes"),
                            (self.enforcement, "&Enforcement"),
                            (self.forecast, "Forecast && re&views"),
                            (self.travel, "&Travel-time tasks"),
                            (self.printing, "&Print work sheets"),
                            (self.review, "Manager's chec&k")):
            self.tabs.addTab(page, title)
        # Tabs for what the member's roles allow: a supervisor keeps Registers and Print.
        actor = services.ctx.actor
        for index, capability in ((self.REGISTERS, Capability.READ_REGISTERS),
                                  (self.OUTSTANDING, Capability.KEY_REGISTERS),
                                  (self.ENFORCEMENT, Capability.READ_ATTENDANCE),
                                  (self.FORECAST, Capability.READ_ATTENDANCE),
                                  (self.TRAVEL, Capability.READ_ATTENDANCE),
                                  (self.PRINT, Capability.READ_WORK_SHEETS),
                                  (self.REVIEW, Capability.REVIEW_ENFORCEMENT)):
            self.tabs.setTabVisible(index, can(actor, capability))
        for page in (self.registers, self.enforcement, self.forecast, self.travel,
                     self.printing, self.review):
            page.notice.connect(self.notice)
        for page in (self.enforcement, self.forecast, self.review):
            page.person_opened.connect(self.person_opened)
        self.outstanding.register_requested.connect(self.open_register)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._on_tabs_current_changed(self.tabs.currentIndex())

    def _on_tabs_current_changed(self, index: int) -> None:
        """Lists are read again each time their tab is shown; the register keeps its edits."""
        if index >= 0 and self.isVisible():
            self._pages[index].refresh()

    def show_page(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    @Slot(int, object, int)
    def open_register(self, session_id: int, day: dt.date, appointment_id: int = 0) -> None:
        """Show a session's register at one person's row."""
        self.tabs.setCurrentIndex(self.REGISTERS)
        self.registers.open_session(session_id, day, appointment_id or None)

    def has_unsaved_changes(self) -> bool:
        """Whether the register on screen has changes not yet saved."""
        return self.registers.model.has_unsaved_changes()

    def confirm_close(self) -> bool:
        """Whether the window may close: no unsaved register, or the user discards it."""
        return self.registers.confirm_discard()

    def focus_current(self) -> None:
        """Put the keyboard focus on the current tab's main list (or the register)."""
        page = self.tabs.currentWidget()
        target = getattr(page, "table", None) or getattr(page, "tabs", None) or page
        target.setFocus()
