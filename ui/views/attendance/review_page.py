"""A manager's check of enforcement (rule UPW-OVERSIGHT): agree or overturn, and the rates."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.oversight import REVIEW_KIND_LABELS
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.attendance import ReviewItem, ReviewQueue

from ui.changes import announce, open_person
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.attendance.review_models import AgreementTableModel, ReviewItemsTableModel
from ui.permissions import can, not_allowed_tip
from ui.views.attendance.common import FilterBar, FilterChoices
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet
from ui.widgets.labels import hint, page_title
from ui.widgets.tables import fit_columns, make_table, selected_row


class ReviewPage(QWidget):
    """The decisions and accepted absences waiting for a check, the check of the selected
    one, and how often managers agreed per coordinator and per delivery unit."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 choices: FilterChoices | None = None):
        super().__init__(parent)
        self._reviews = services.attendance.reviews
        self._reviewer = can(services.ctx.actor, Capability.REVIEW_ENFORCEMENT)
        self.filters = FilterBar(services, choices=choices)
        self.filters.changed.connect(self.refresh)
        self.model = ReviewItemsTableModel(self)
        self.table = make_table(self.model, "Waiting for a manager's check, oldest first",
                                sortable=False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.count = hint()
        self.banner = Banner()
        self.fields = FieldSet()
        self.check = QGroupBox("Your check of the selected decision")
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setMaxLength(2000)
        self.reason.setPlaceholderText("Needed to overturn; the coordinator reads it")
        self.fields.add_row(form, "reason", "Rea&son", self.reason)
        self.agree_button = QPushButton("&Agree")
        self.agree_button.setProperty("primary", "true")
        self.agree_button.clicked.connect(self.agree)
        self.overturn_button = QPushButton("Overturn")
        self.overturn_button.setToolTip("The decision no longer counts and goes back to the "
                                        "coordinator with your reason")
        self.overturn_button.clicked.connect(self.overturn)
        self.person_button = QPushButton("Open person's record")
        self.person_button.clicked.connect(self._on_person_clicked)
        if not self._reviewer:
            for button in (self.agree_button, self.overturn_button):
                button.setToolTip(not_allowed_tip("check enforcement decisions"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.person_button)
        buttons.addStretch(1)
        buttons.addWidget(self.overturn_button)
        buttons.addWidget(self.agree_button)
        box = QVBoxLayout(self.check)
        box.addWidget(self.banner)
        box.addLayout(form)
        box.addLayout(buttons)
        self.by_coordinator = AgreementTableModel("Coordinator", self)
        self.by_unit = AgreementTableModel("Delivery unit", self)
        self.coordinator_table = make_table(self.by_coordinator, "Agreement by coordinator",
                                            stretch_last=False)
        self.unit_table = make_table(self.by_unit, "Agreement by delivery unit",
                                     stretch_last=False)
        rates = QGroupBox("Agreement with the decisions checked")
        rates_layout = QHBoxLayout(rates)
        for table in (self.coordinator_table, self.unit_table):
            table.setMinimumHeight(100)
            table.setMaximumHeight(150)
            rates_layout.addWidget(table, 1)
        self.check.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lower = QHBoxLayout()
        lower.addWidget(self.check, 1, Qt.AlignmentFlag.AlignTop)
        lower.addWidget(rates, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Manager's check", "Enforcement decisions and accepted absences put to a manager. "
            "Agree, or overturn with a reason: the coordinator then takes the decision again."))
        layout.addWidget(self.filters)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(lower)
        self.loader = PageLoader(self, [self.table])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._on_selection_changed()

    @Slot()
    def refresh(self) -> None:
        unit_id, coordinator_id = self.filters.unit_id, self.filters.coordinator_id
        self.loader.load(lambda: self._reviews.queue(delivery_unit_id=unit_id,
                                                     coordinator_id=coordinator_id),
                         self._show_queue)

    def _show_queue(self, queue: ReviewQueue) -> None:
        self.model.set_rows(queue.items)
        self.by_coordinator.set_rows(queue.by_coordinator)
        self.by_unit.set_rows(queue.by_unit)
        fit_columns(self.table)
        for table in (self.coordinator_table, self.unit_table):
            fit_columns(table, {0: "Cerys Coordinator"})
        shown = len(queue.items)
        sample = ("every decision and accepted absence is checked"
                  if queue.sample_percent == 100 else
                  f"{queue.sample_percent} % of decisions and accepted absences are checked")
        self.count.setText(("Nothing is waiting for a check" if shown == 0 else
                            f"{shown} waiting for a check") + f"; {sample} (Settings).")
        if shown:
            self.table.selectRow(0)
        self._on_selection_changed()

    def selected(self) -> ReviewItem | None:
        return selected_row(self.table, ReviewItem)

    def _on_selection_changed(self, *_args: object) -> None:
        item = self.selected()
        self.fields.clear()
        self.banner.clear()
        for widget in (self.reason, self.agree_button, self.overturn_button):
            widget.setEnabled(item is not None and self._reviewer)
        self.person_button.setEnabled(item is not None)
        if item is None:
            self.check.setTitle("Your check of the selected decision")
            return
        self.check.setTitle(f"Your check: {REVIEW_KIND_LABELS[item.kind].lower()} for "
                            f"{item.name}, session of {format_date(item.event_date)}")
        self.reason.clear()

    def _on_person_clicked(self) -> None:
        item = self.selected()
        if item is not None:
            open_person(item.person_id)

    @Slot()
    def agree(self) -> None:
        self._conclude(agree=True)

    @Slot()
    def overturn(self) -> None:
        self._conclude(agree=False)

    def _conclude(self, *, agree: bool) -> None:
        item = self.selected()
        if item is None or not self.agree_button.isEnabled():
            return
        self.fields.clear()
        self.banner.clear()
        reason = self.reason.text().strip() or None
        try:
            if agree:
                self._reviews.agree(item.id, item.version, reason)
            else:
                self._reviews.overturn(item.id, item.version, reason or "")
        except ValidationError as exc:
            leftover = self.fields.show_errors(exc.fields)
            self.banner.show_message(" ".join(leftover.values()) or "Please correct the field "
                                     "marked below.")
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            return
        outcome = "agreed" if agree else "overturned and sent back to the coordinator"
        announce(f"{item.name}: decision {outcome}.")
        row = self.table.currentIndex().row()
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
            self.table.setFocus()
