"""Rule UPW-17: past appointments without an outcome, per project; Enter opens the register."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.attendance import MissingOutcomeRow, ProjectBacklog
from upw_ttg.services.access import RESTRICTED_MESSAGE
from upw_ttg.services.paging import PAGE_ROWS

from ui.errors import show_error
from ui.loading import PageLoader
from ui.models.attendance.filters import AttendanceFilterProxy
from ui.models.attendance.list_models import BacklogTableModel, OutstandingTableModel
from ui.models.table_model import FetchPage
from ui.views.attendance.common import FilterBar, FilterChoices
from ui.widgets.export_list import ExportListButton
from ui.widgets.labels import hint, page_title
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import fit_columns, make_table, selected_row


class OutstandingPage(QWidget):
    """Backlog per project on the left, the appointments (oldest first) on the right.

    Signals:
        register_requested(int, object, int): session id, its date and the appointment id.
    """

    register_requested = Signal(int, object, int)

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 choices: FilterChoices | None = None):
        super().__init__(parent)
        self._services = services
        self.filters = FilterBar(services, coordinators=False, choices=choices)
        self.filters.changed.connect(self._apply_filters)
        self.backlog_model = BacklogTableModel(self)
        self.backlog_proxy = AttendanceFilterProxy(self)
        self.backlog_proxy.setSourceModel(self.backlog_model)
        self.backlog = make_table(self.backlog_proxy, "Missing outcomes by project",
                                  sortable=False)
        self.backlog.selectionModel().selectionChanged.connect(self._on_backlog_selected)
        self.model = OutstandingTableModel(self)
        self.model.rowsInserted.connect(self._on_page_added)
        self.proxy = AttendanceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Appointments without an outcome, oldest first",
                                sortable=False)
        self.table.activated.connect(self._on_table_activated)
        self.all_projects = QPushButton("Show &all projects")
        self.all_projects.setToolTip("Show every project's missing outcomes again")
        self.all_projects.clicked.connect(self._on_all_projects_clicked)
        self.open_button = QPushButton("&Key the register")
        self.open_button.setProperty("primary", "true")
        self.open_button.setToolTip("Key the register of the selected appointment's session "
                                    "(Enter)")
        self.open_button.clicked.connect(self.open_selected)
        self.count_label = hint()
        backlog_label = QLabel("Missing outcomes by pro&ject (choose one to see only its "
                               "appointments):")
        backlog_label.setBuddy(self.backlog)
        table_label = QLabel("Appoint&ments (oldest first):")
        table_label.setBuddy(self.table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        backlog_bar = QHBoxLayout()
        backlog_bar.addWidget(backlog_label)
        backlog_bar.addStretch(1)
        backlog_bar.addWidget(self.all_projects)
        left_layout.addLayout(backlog_bar)
        left_layout.addWidget(self.backlog, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(table_label)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([250, 420])
        splitter.setChildrenCollapsible(False)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.open_button)
        self.export_button = ExportListButton(services, "outstanding_outcomes", self.table,
                                              lambda: self.count_label.text())
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Outstanding outcomes", "Every appointment whose session has ended without an "
            "outcome. Each needs one: open its register to key it."))
        layout.addWidget(self.filters)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        self.loader = PageLoader(self, [self.backlog, self.table])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @Slot()
    def refresh(self) -> None:
        """Read the backlog of the chosen unit and the first page of its appointments."""
        registers = self._services.attendance.registers
        unit_id = self.filters.unit_id  # read here: the load runs on a worker thread
        fetch = self._pages(unit_id, None)
        self.count_label.setText("Reading the appointments without an outcome…")
        self.loader.load(lambda: (registers.outstanding_by_project(delivery_unit_id=unit_id),
                                  fetch(0, PAGE_ROWS)),
                         lambda lists: self._show_rows(fetch, *lists))

    def _pages(self, unit_id: int | None, project_id: int | None) -> FetchPage:
        """The service's list for this unit and project, a page at a time: the service filters,
        and the screen never holds the whole service's backlog."""
        registers = self._services.attendance.registers
        return lambda offset, limit: registers.outstanding_outcomes(
            delivery_unit_id=unit_id, project_id=project_id, limit=limit, offset=offset)

    def _show_rows(self, fetch: FetchPage, backlog: list,
                   first: list[MissingOutcomeRow]) -> None:
        self.backlog_model.set_rows(backlog)
        fit_columns(self.backlog, {0: "HUL-000 Grounds maintenance, St Peter's church, Hull"})
        self._show_appointments(fetch, first)

    def _show_appointments(self, fetch: FetchPage, first: list[MissingOutcomeRow]) -> None:
        self.to_check.show_records(getattr(first, "to_check", ()))
        self.model.set_pages(fetch, first, PAGE_ROWS)
        fit_columns(self.table, {2: "HUL-000 Grounds maintenance, St Peter's church, Hull"})
        self._update_count()

    def _on_page_added(self, *_args: object) -> None:
        self._update_count()

    def _apply_filters(self) -> None:
        self.refresh()  # a new backlog drops the project chosen in the old one

    def _on_backlog_selected(self, *_args: object) -> None:
        project = selected_row(self.backlog, ProjectBacklog)
        fetch = self._pages(self.filters.unit_id, project.project_id if project else None)
        self.loader.load(lambda: fetch(0, PAGE_ROWS),
                         lambda first: self._show_appointments(fetch, first))

    def _on_all_projects_clicked(self) -> None:
        self.backlog.clearSelection()  # the selection change reads the list again

    def _update_count(self) -> None:
        loaded = self.model.rowCount()
        project = selected_row(self.backlog, ProjectBacklog)
        backlog = [project] if project else self.backlog_model.rows()
        total = max(loaded, sum(p.missing for p in backlog))
        if total == 0:
            text = "No outcomes are missing: every past appointment has one."
        elif self.model.is_complete():
            text = f"{total} appointment{'s' if total != 1 else ''} without an outcome."
        else:
            text = (f"{total} appointments without an outcome; the oldest {loaded} are listed "
                    "and more follow as you scroll.")
        self.count_label.setText(text)
        self.open_button.setEnabled(loaded > 0)
        if loaded and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.open_selected()

    @Slot()
    def open_selected(self) -> None:
        row = selected_row(self.table, MissingOutcomeRow)
        if row is not None and row.session_date is None:
            show_error(self, RESTRICTED_MESSAGE)  # a restricted case: name and CRN only
        elif row is not None:
            self.register_requested.emit(row.session_id, row.session_date, row.appointment_id)
