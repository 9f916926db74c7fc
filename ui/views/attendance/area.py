"""The Attendance area: one tab per job, from keying registers to printing work sheets."""

from __future__ import annotations

import datetime as dt
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability

from ui.permissions import can
from ui.settings import UiSettings
from ui.views.attendance.common import FilterChoices
from ui.views.attendance.enforcement_page import EnforcementPage
from ui.views.attendance.forecast_page import ForecastPage
from ui.views.attendance.outstanding_page import OutstandingPage
from ui.views.attendance.print_page import PrintPage
from ui.views.attendance.register_page import RegisterPage
from ui.views.attendance.review_page import ReviewPage
from ui.views.attendance.travel_page import TravelPage
from ui.widgets.lazy_tabs import LazyTabs


@runtime_checkable
class _Refreshing(Protocol):
    """A page that reads its lists again when its tab is shown."""

    def refresh(self) -> None: ...


class AttendanceArea(QWidget):
    """Registers, Outstanding outcomes, Enforcement, Forecast & reviews, Travel-time tasks,
    Print work sheets and (for managers) the Manager's check, as tabs (Alt+letter or Ctrl+Tab
    moves between them).

    Each page reads its lists when its tab is shown, so opening the area costs little.
    """

    REGISTERS, OUTSTANDING, ENFORCEMENT, FORECAST, TRAVEL, PRINT, REVIEW = range(7)

    def __init__(self, services: AppServices, ui_settings: UiSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._ui_settings = ui_settings
        self._choices: FilterChoices | None = None
        self.tabs = LazyTabs()
        self.tabs.setAccessibleName("Attendance")
        self.tabs.setDocumentMode(True)
        for factory, title in ((self._new_registers, "&Registers"),
                               (self._new_outstanding, "&Outstanding outcomes"),
                               (self._new_enforcement, "&Enforcement"),
                               (self._new_forecast, "Forecast && re&views"),
                               (self._new_travel, "&Travel-time tasks"),
                               (self._new_printing, "&Print work sheets"),
                               (self._new_review, "Manager's chec&k")):
            self.tabs.add_page(factory, title)
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
            page = self.tabs.page(index)
            if isinstance(page, _Refreshing):
                page.refresh()

    def show_page(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    @Slot(int, object, int)
    def open_register(self, session_id: int, day: dt.date, appointment_id: int = 0) -> None:
        """Show a session's register at one person's row."""
        self.tabs.setCurrentIndex(self.REGISTERS)
        self.registers.open_session(session_id, day, appointment_id or None)

    def has_unsaved_changes(self) -> bool:
        """Whether the register on screen has changes not yet saved."""
        return (self.tabs.built(self.REGISTERS)
                and self.registers.model.has_unsaved_changes())

    def confirm_close(self) -> bool:
        """Whether the window may close: no unsaved register, or the user discards it."""
        return not self.tabs.built(self.REGISTERS) or self.registers.confirm_discard()

    def focus_current(self) -> None:
        """Put the keyboard focus on the current tab's main list (or the register)."""
        page = self.tabs.currentWidget()
        target = getattr(page, "table", None) or getattr(page, "tabs", None) or page
        target.setFocus()

    # The pages, each built the first time its tab is shown or it is asked for.

    @property
    def registers(self) -> RegisterPage:
        return self.tabs.page_as(self.REGISTERS, RegisterPage)

    @property
    def outstanding(self) -> OutstandingPage:
        return self.tabs.page_as(self.OUTSTANDING, OutstandingPage)

    @property
    def enforcement(self) -> EnforcementPage:
        return self.tabs.page_as(self.ENFORCEMENT, EnforcementPage)

    @property
    def forecast(self) -> ForecastPage:
        return self.tabs.page_as(self.FORECAST, ForecastPage)

    @property
    def travel(self) -> TravelPage:
        return self.tabs.page_as(self.TRAVEL, TravelPage)

    @property
    def printing(self) -> PrintPage:
        return self.tabs.page_as(self.PRINT, PrintPage)

    @property
    def review(self) -> ReviewPage:
        return self.tabs.page_as(self.REVIEW, ReviewPage)

    def _filter_choices(self) -> FilterChoices:
        """The units and coordinators the pages' filters offer, read once for them all."""
        if self._choices is None:
            self._choices = FilterChoices.read(self._services)
        return self._choices

    def _new_registers(self) -> RegisterPage:
        return RegisterPage(self._services)

    def _new_outstanding(self) -> OutstandingPage:
        page = OutstandingPage(self._services, choices=self._filter_choices())
        page.register_requested.connect(self.open_register)
        return page

    def _new_enforcement(self) -> EnforcementPage:
        return EnforcementPage(self._services, choices=self._filter_choices())

    def _new_forecast(self) -> ForecastPage:
        return ForecastPage(self._services, choices=self._filter_choices())

    def _new_travel(self) -> TravelPage:
        return TravelPage(self._services, choices=self._filter_choices())

    def _new_printing(self) -> PrintPage:
        return PrintPage(self._services, choices=self._filter_choices())

    def _new_review(self) -> ReviewPage:
        return ReviewPage(self._services, choices=self._filter_choices())
