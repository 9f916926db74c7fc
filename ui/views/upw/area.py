"""The Scheduling area: week planner, waiting list, broken bookings, projects, warrants, risk."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability

from ui.settings import UiSettings
from ui.views.permissions import can
from ui.views.upw.broken_page import BrokenBookingsPage
from ui.views.upw.common import delivery_units
from ui.views.upw.induction_page import InductionPage
from ui.views.upw.planner_page import PlannerPage
from ui.views.upw.projects_page import ProjectsPage
from ui.views.upw.risk_page import RiskSharingPage
from ui.views.upw.texts_page import TextsPage
from ui.views.upw.waiting_page import WaitingPage
from ui.views.upw.warrants_page import WarrantsPage


class SchedulingArea(QWidget):
    """Unpaid Work scheduling in eight tabs (Alt+the underlined letter, or Ctrl+Tab; the list
    of bookings that break a rule also from Go, Ctrl+7, and the status bar).

    Every page starts on the signed-in person's delivery unit. Pages load when first shown.

    Signals:
        notice(str): a short message for the status bar.
        person_opened(int): open this person's record (the main window shows it).
        broken_changed(): bookings may have been resolved; recount the queue.
    """

    notice = Signal(str)
    person_opened = Signal(int)
    broken_changed = Signal()
    PLANNER, WAITING, BROKEN, PROJECTS, WARRANTS, RISK, TEXTS, INDUCTION = range(8)

    def __init__(self, services: AppServices, ui_settings: UiSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._ui_settings = ui_settings
        units, office_unit = delivery_units(services)
        actor = services.ctx.actor
        unit_id = office_unit.get(actor.office_id) if actor and actor.office_id else None
        if unit_id is None and units:
            unit_id = units[0].id
        self.planner = PlannerPage(services, units, unit_id)
        self.waiting = WaitingPage(services, units, unit_id)
        self.broken = BrokenBookingsPage(services, units, unit_id)
        self.projects = ProjectsPage(services, units, unit_id)
        self.warrants = WarrantsPage(services)
        self.risk = RiskSharingPage(services)
        self.texts = TextsPage(services)
        self.induction = InductionPage(services, units, unit_id)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Scheduling")
        self.tabs.addTab(self.planner, "&Week planner")
        self.tabs.addTab(self.waiting, "Waiting &list")
        self.tabs.addTab(self.broken, "Bookings that break a rule")
        self.tabs.addTab(self.projects, "Projects and &sessions")
        self.tabs.addTab(self.warrants, "Tra&vel warrants")
        self.tabs.addTab(self.risk, "Risk changes to share")
        # Rule UPW-RISKSHARE: the changes are risk information, read with the assessment.
        self.tabs.setTabVisible(self.RISK, can(actor, Capability.READ_UPW_ASSESSMENT))
        self.tabs.addTab(self.texts, "Texts")
        self.tabs.setTabVisible(self.TEXTS, can(actor, Capability.SEND_TEXTS))
        self.tabs.addTab(self.induction, "Induction")
        for page in (self.risk, self.texts):
            page.notice.connect(self.notice)
            page.person_opened.connect(self.person_opened)
        for page in (self.planner, self.waiting, self.broken, self.projects, self.warrants,
                     self.induction):
            page.notice.connect(self.notice)
            # Any change made here may mend or break bookings.
            page.notice.connect(lambda _text: self.broken_changed.emit())
        for page in (self.planner, self.waiting, self.broken, self.projects, self.induction):
            page.person_opened.connect(self.person_opened)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs, 1)

    def show_page(self, index: int) -> None:
        """Switch to one of PLANNER, WAITING, BROKEN, PROJECTS, WARRANTS, RISK, TEXTS or
        INDUCTION."""
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus()
