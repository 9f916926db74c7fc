"""The Custody tab: custody episodes, the selected episode's dates and their change history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS, CustodyRecord

from ui.changes import Subject, announce, open_plan, publish
from ui.dialogs.custody_dialog import CustodyDialog
from ui.formatting import format_date
from ui.models.custody_model import CustodyTableModel, DateChangesTableModel, release_type_text
from ui.models.table_model import RowSortProxy
from ui.permissions import can, can_edit_custody, not_allowed_tip
from ui.views.ttg.access import can_use_ttg
from ui.widgets.tables import fit_columns, make_table, selected_row

if TYPE_CHECKING:
    from upw_ttg.records.ttg import WorkerCount


class CustodyTab(QWidget):
    """Episodes table with Add and Edit; below it the selected episode's dates and history;
    the plan button asks the application's bus for the episode's resettlement plan."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._person_id: int | None = None
        self._person_name = ""
        self.dialog: CustodyDialog | None = None
        self.model = CustodyTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Custody episodes", sortable=False)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.changes_model = DateChangesTableModel(self)
        self.changes = make_table(self.changes_model, "Date changes of the selected episode",
                                  sortable=False)
        # The reason matters most: it takes the spare width and wraps rather than hides.
        self.changes.setWordWrap(True)
        self.changes.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self._editable = can_edit_custody(services.ctx.actor)
        self.add_button = QPushButton("&Add episode…")
        self.edit_button = QPushButton("Ed&it episode…")
        for button, slot in ((self.add_button, self.add_episode),
                             (self.edit_button, self.edit_episode)):
            button.clicked.connect(slot)
            if not self._editable:
                button.setToolTip(not_allowed_tip("change custody records"))
        self.add_button.setEnabled(self._editable)
        self.plan_button = QPushButton("Resettlement pla&n…")
        self.plan_button.setToolTip("Open the resettlement plan of the selected episode in "
                                    "Through the Gate")
        self.plan_button.setVisible(can_use_ttg(services.ctx.actor))
        self.plan_button.clicked.connect(self._on_plan_button_clicked)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("Hint")

        dates_box = QGroupBox("Dates of the selected episode")
        dates_grid = QGridLayout(dates_box)
        dates_grid.setVerticalSpacing(4)
        dates_grid.setHorizontalSpacing(10)
        self.date_values: dict[str, QLabel] = {}
        entries = (("expected", "Expected release"), ("worker", "Resettlement worker"),
                   ("reception_date", "Reception"), ("screening_date", "Screening"),
                   *CUSTODY_DATE_FIELDS)
        per_column = 7
        for number, (name, text) in enumerate(entries):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.date_values[name] = value
            # Rich text: the group box's style sheet would override a bold font.
            caption = QLabel(f"<b>{text}:</b>" if name == "expected" else f"{text}:")
            row, column = number % per_column, (number // per_column) * 3
            dates_grid.addWidget(caption, row, column, Qt.AlignmentFlag.AlignTop)
            dates_grid.addWidget(value, row, column + 1, Qt.AlignmentFlag.AlignTop)
            dates_grid.setColumnMinimumWidth(column + 2, 18)
        dates_grid.setColumnStretch(dates_grid.columnCount() - 1, 1)
        history_box = QGroupBox("Date changes")
        history_layout = QVBoxLayout(history_box)
        self.no_changes = QLabel("No dates of this episode have been changed.")
        self.no_changes.setObjectName("Hint")
        history_layout.addWidget(self.no_changes)
        history_layout.addWidget(self.changes, 1)

        bar = QHBoxLayout()
        bar.addWidget(self.summary_label, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.plan_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(bar)
        upper_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(dates_box)
        split.addWidget(history_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setStretchFactor(2, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(split, 1)
        self._on_selection_changed()

    def load(self, person_id: int, person_name: str) -> None:
        self._person_id = person_id
        self._person_name = person_name
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        assert self._person_id is not None
        episodes = self._services.custody.for_person(self._person_id)
        self.model.set_rows(episodes)
        fit_columns(self.table)
        self.summary_label.setText(
            "No custody episodes on record." if not episodes else
            f"{len(episodes)} episode{'s' if len(episodes) != 1 else ''}; the most recent first.")
        target = select_id if select_id is not None else (episodes[0].id if episodes else None)
        for row in range(self.proxy.rowCount()):
            if self.proxy.row_object(row).id == target:
                self.table.selectRow(row)
                break
        self._on_selection_changed()

    def selected_episode(self) -> CustodyRecord | None:
        return selected_row(self.table, CustodyRecord)

    def _on_selection_changed(self, *_args: object) -> None:
        episode = self.selected_episode()
        self.edit_button.setEnabled(self._editable and episode is not None)
        self.plan_button.setEnabled(episode is not None)
        if episode is None:
            for value in self.date_values.values():
                value.setText("")
            self.changes_model.set_rows([])
            self.no_changes.setText("Select an episode to see its dates and their changes.")
            self.changes.setVisible(False)
            return
        dates = {"reception_date": episode.reception_date,
                 "screening_date": episode.screening_date, **episode.dates}
        for name, value in dates.items():
            self.date_values[name].setText(format_date(value, "—"))
        self.date_values["expected"].setText(
            f"<b>{format_date(episode.expected_release_date)}</b> "
            f"({release_type_text(episode)})" if episode.expected_release_date
            else "<b>Not known yet</b>")
        self.date_values["worker"].setText(episode.worker_name or "Not assigned yet")
        self.changes_model.set_rows(episode.date_changes)
        has_changes = bool(episode.date_changes)
        self.no_changes.setText(
            f"{len(episode.date_changes)} change{'s' if len(episode.date_changes) != 1 else ''}"
            ", the most recent first." if has_changes
            else "No dates of this episode have been changed.")
        self.changes.setVisible(has_changes)
        if has_changes:
            header = self.changes.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            fit_columns(self.changes)
            header.setSectionResizeMode(DateChangesTableModel.REASON,
                                        QHeaderView.ResizeMode.Stretch)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self.edit_episode()

    def _on_plan_button_clicked(self) -> None:
        episode = self.selected_episode()
        if episode is not None:
            open_plan(episode.id)

    @Slot()
    def add_episode(self) -> None:
        assert self._person_id is not None
        self._open(CustodyDialog(self._services.custody, self._person_id, self._person_name,
                                 None, self, self._workers()), "Custody episode added.")

    @Slot()
    def edit_episode(self) -> None:
        episode = self.selected_episode()
        if episode is None or self._person_id is None:
            return
        self._open(CustodyDialog(self._services.custody, self._person_id, self._person_name,
                                 episode, self, self._workers()), "Custody episode saved.")

    def _workers(self) -> list[WorkerCount] | None:
        """The workers a case may be given to, with their caseloads (None: this member of
        staff may not assign cases, so the form does not offer it)."""
        if not can(self._services.ctx.actor, Capability.ASSIGN_CASELOAD):
            return None
        return [w for w in self._services.caseload.worker_counts() if w.worker_id is not None]

    def _open(self, dialog: CustodyDialog, message: str) -> None:
        self.dialog = dialog

        def saved(record: CustodyRecord) -> None:
            self.reload(record.id)
            publish(Subject.CUSTODY, [record.id], [record.person_id], record)
            announce(message)

        dialog.saved.connect(saved)
        dialog.open()
