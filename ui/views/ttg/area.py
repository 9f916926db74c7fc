"""The Through the Gate area of the main window: the caseload, and a person's plan from it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from upw_ttg.bootstrap import AppServices

from ui.views.ttg.caseload_page import CaseloadPage
from ui.views.ttg.plan_screen import PlanScreen


class TtgArea(QStackedWidget):
    """The caseload dashboard is home; Enter on a person opens their plan in its place."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._plan: PlanScreen | None = None
        self.caseload = CaseloadPage(services)
        self.addWidget(self.caseload)
        self.caseload.plan_requested.connect(self.open_plan)

    @property
    def plan(self) -> PlanScreen:
        """The plan screen, built when first needed (it has many pages)."""
        if self._plan is None:
            self._plan = PlanScreen(self._services)
            self.addWidget(self._plan)
            self._plan.back_requested.connect(self.show_caseload)
        return self._plan

    @Slot(int, str)
    def open_plan(self, episode_id: int, page_key: str = "") -> None:
        """Open the plan of ``episode_id``, at ``page_key`` ('need:' is the first pathway)."""
        key = page_key if page_key and page_key != "need:" else None
        plan = self.plan
        self.setCurrentWidget(plan)
        plan.open_episode(episode_id, key,
                          lambda: plan.nav.setFocus(Qt.FocusReason.OtherFocusReason))

    @Slot()
    def show_caseload(self) -> None:
        self.setCurrentWidget(self.caseload)
        self.caseload.refresh()
        self.caseload.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_all(self) -> bool:
        """Save any edits on the open plan; False if some could not be saved."""
        if self._plan is None or self._plan.state.episode is None:
            return True
        return self._plan.save_all()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Coming back to the area: the lists may have changed elsewhere in the meantime.
        if self.currentWidget() is self.caseload:
            self.caseload.refresh()
