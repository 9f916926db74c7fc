"""The Scheduling area: week planner, waiting list, broken bookings, projects, warrants, risk."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability

from ui.models.upw.delivery_units import delivery_units
from ui.permissions import can
from ui.settings import UiSettings
from ui.views.upw.broken_page import BrokenBookingsPage
from ui.views.upw.induction_page import InductionPage
from ui.views.upw.planner_page import PlannerPage
from ui.views.upw.projects_page import ProjectsPage
from ui.views.upw.risk_page import RiskSharingPage
from ui.views.upw.texts_page import TextsPage
from ui.views.upw.waiting_page import WaitingPage
from ui.views.upw.warrants_page import WarrantsPage
from ui.widgets.lazy_tabs import LazyTabs


class SchedulingArea(QWidget):
    """Unpaid Work scheduling in eight tabs (Alt+the underlined letter, or Ctrl+Tab; the list
    of bookings that break a rule also from Go, Ctrl+7, and the status bar).

    Every page starts on the signed-in person's delivery unit. Pages load when first shown.
    Pages announce what they did on the application's bus (:mod:`ui.changes`), and the main
    window counts the bookings that break a rule again after every notice.
    """

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
        self._units, self._unit_id = units, unit_id
        self.tabs = LazyTabs()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Scheduling")
        for factory, title in ((self._new_planner, "&Week planner"),
                               (self._new_waiting, "Waiting &list"),
                               (self._new_broken, "Bookings that break a rule"),
                               (self._new_projects, "Projects and &sessions"),
                               (self._new_warrants, "Tra&vel warrants"),
                               (self._new_risk, "Risk changes to share"),
                               (self._new_texts, "Texts"),
                               (self._new_induction, "Induction")):
            self.tabs.add_page(factory, title)
        # Rule UPW-RISKSHARE: the changes are risk information, read with the assessment.
        self.tabs.setTabVisible(self.RISK, can(actor, Capability.READ_UPW_ASSESSMENT))
        self.tabs.setTabVisible(self.TEXTS, can(actor, Capability.SEND_TEXTS))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs, 1)

    def show_page(self, index: int) -> None:
        """Switch to one of PLANNER, WAITING, BROKEN, PROJECTS, WARRANTS, RISK, TEXTS or
        INDUCTION."""
        self.tabs.setCurrentIndex(index)
        self.tabs.page(index).setFocus()

    def reload_broken(self) -> None:
        """Read the bookings that break a rule again, if that page has been opened."""
        if self.tabs.built(self.BROKEN):
            self.broken.reload()

    # The pages, each built the first time its tab is shown or it is asked for.

    @property
    def planner(self) -> PlannerPage:
        return self.tabs.page_as(self.PLANNER, PlannerPage)

    @property
    def waiting(self) -> WaitingPage:
        return self.tabs.page_as(self.WAITING, WaitingPage)

    @property
    def broken(self) -> BrokenBookingsPage:
        return self.tabs.page_as(self.BROKEN, BrokenBookingsPage)

    @property
    def projects(self) -> ProjectsPage:
        return self.tabs.page_as(self.PROJECTS, ProjectsPage)

    @property
    def warrants(self) -> WarrantsPage:
        return self.tabs.page_as(self.WARRANTS, WarrantsPage)

    @property
    def risk(self) -> RiskSharingPage:
        return self.tabs.page_as(self.RISK, RiskSharingPage)

    @property
    def texts(self) -> TextsPage:
        return self.tabs.page_as(self.TEXTS, TextsPage)

    @property
    def induction(self) -> InductionPage:
        return self.tabs.page_as(self.INDUCTION, InductionPage)

    def _new_planner(self) -> PlannerPage:
        return PlannerPage(self._services, self._units, self._unit_id)

    def _new_waiting(self) -> WaitingPage:
        return WaitingPage(self._services, self._units, self._unit_id)

    def _new_broken(self) -> BrokenBookingsPage:
        return BrokenBookingsPage(self._services, self._units, self._unit_id)

    def _new_projects(self) -> ProjectsPage:
        return ProjectsPage(self._services, self._units, self._unit_id)

    def _new_warrants(self) -> WarrantsPage:
        return WarrantsPage(self._services)

    def _new_risk(self) -> RiskSharingPage:
        return RiskSharingPage(self._services)

    def _new_texts(self) -> TextsPage:
        return TextsPage(self._services)

    def _new_induction(self) -> InductionPage:
        return InductionPage(self._services, self._units, self._unit_id)
