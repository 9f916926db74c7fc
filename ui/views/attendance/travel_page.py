"""Travel-time tasks (rule UPW-13): approve up to the cap, or reject, each one in turn."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.attendance import TravelTask
from upw_ttg.time_text import format_minutes

from ui.changes import announce
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.attendance.filters import AttendanceFilterProxy
from ui.models.attendance.list_models import TravelTasksTableModel
from ui.permissions import can_decide_enforcement, not_allowed_tip
from ui.views.attendance.common import FilterBar, FilterChoices
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet
from ui.widgets.labels import hint, page_title
from ui.widgets.tables import fit_columns, make_table, selected_row


class TravelPage(QWidget):
    """The pending tasks, and for the selected one: minutes, reason, Approve or Reject."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 choices: FilterChoices | None = None):
        super().__init__(parent)
        self._services = services
        self._ledger = services.attendance.ledger
        self._decider = can_decide_enforcement(services.ctx.actor)
        self.filters = FilterBar(services, choices=choices)
        self.filters.changed.connect(self.refresh)
        self.model = TravelTasksTableModel(self)
        self.proxy = AttendanceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Travel-time tasks, oldest session first",
                                sortable=False, stretch_last=False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.count = hint()
        self.banner = Banner()
        self.fields = FieldSet()
        self.decision = QGroupBox("Decision on the selected task")
        form = QFormLayout()
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 180)
        self.minutes.setSuffix(" minutes")
        self.minutes.setMaximumWidth(self.minutes.fontMetrics().horizontalAdvance(
            "000 minutes") + 50)
        self.fields.add_row(form, "minutes", "&Minutes to credit", self.minutes,
                            "At most the cap in the settings, and no more than is still owed.")
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("Optional when approving")
        self.reason.setMaximumWidth(640)
        self.fields.add_row(form, "reason", "Rea&son", self.reason)
        self.approve_button = QPushButton("Appro&ve")
        self.approve_button.setProperty("primary", "true")
        self.approve_button.clicked.connect(self.approve)
        self.reject_button = QPushButton("Re&ject")
        self.reject_button.clicked.connect(self.reject)
        if not self._decider:
            for button in (self.approve_button, self.reject_button):
                button.setToolTip(not_allowed_tip("decide travel time"))
        self.reason.returnPressed.connect(self.approve)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        box = QVBoxLayout(self.decision)
        box.addWidget(self.banner)
        box.addLayout(form)
        box.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Travel-time tasks", "People eligible for travel time who attended a group or "
            "individual placement. Approve the minutes (up to the cap) or reject each claim."))
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.decision)
        self.loader = PageLoader(self, [self.table])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._on_selection_changed()

    @Slot()
    def refresh(self) -> None:
        """The tasks of the chosen unit and coordinator only (the service filters)."""
        ledger = self._ledger
        unit_id, coordinator_id = self.filters.unit_id, self.filters.coordinator_id
        self.loader.load(lambda: ledger.travel_tasks(delivery_unit_id=unit_id,
                                                     coordinator_id=coordinator_id),
                         self._show_rows)

    def _show_rows(self, rows: list[TravelTask]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.proxy.set_filters(unit=self.filters.unit_code,
                               coordinator=self.filters.coordinator_id)
        shown = self.proxy.rowCount()
        self.count.setText("No travel-time claims are waiting." if shown == 0 else
                           f"{shown} claim{'s' if shown != 1 else ''} waiting for a decision.")
        if shown:
            self.table.selectRow(0)
        self._on_selection_changed()

    def selected(self) -> TravelTask | None:
        return selected_row(self.table, TravelTask)

    def _on_selection_changed(self, *_args: object) -> None:
        task = self.selected()
        self.fields.clear()
        self.banner.clear()
        enabled = task is not None and self._decider
        for widget in (self.minutes, self.reason, self.approve_button, self.reject_button):
            widget.setEnabled(enabled)
        if task is None:
            self.decision.setTitle("Decision on the selected task")
            return
        self.decision.setTitle(f"Decision: {task.name}, session of "
                               f"{format_date(task.session_date)} at {task.project_name}")
        self.minutes.setMaximum(task.cap_minutes)
        self.minutes.setValue(min(task.proposed_minutes or task.cap_minutes, task.cap_minutes))
        self.minutes.setToolTip(f"Claimed {format_minutes(task.proposed_minutes)}; the cap is "
                                f"{format_minutes(task.cap_minutes)}.")
        self.reason.clear()

    @Slot()
    def approve(self) -> None:
        self._decide(True)

    @Slot()
    def reject(self) -> None:
        self._decide(False)

    def _decide(self, approve: bool) -> None:
        task = self.selected()
        if task is None or not self.approve_button.isEnabled():
            return
        self.fields.clear()
        self.banner.clear()
        reason = self.reason.text().strip() or None
        try:
            ledger = self._ledger.decide_travel_time(
                task.adjustment_id, approve=approve,
                minutes=self.minutes.value() if approve else None, reason=reason)
        except ValidationError as exc:
            leftover = self.fields.show_errors(exc.fields)
            self.banner.show_message(" ".join(leftover.values()) or "Please correct the field "
                                     "marked below.")
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        verb = (f"{format_minutes(self.minutes.value())} approved" if approve else "rejected")
        announce(f"Travel time for {task.name} {verb}; "
                 f"{format_minutes(ledger.remaining_minutes)} still owed.")
        row = self.table.currentIndex().row()
        self.refresh()
        if self.proxy.rowCount():
            self.table.selectRow(min(max(row, 0), self.proxy.rowCount() - 1))
            self.table.setFocus()
