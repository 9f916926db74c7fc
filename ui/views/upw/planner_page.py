"""The week planner: a delivery unit's projects by day, with each session's fill and marks."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.upw import PlannerCell, WeekPlan

from ui.case_links import open_day_paper
from ui.changes import PLACEMENTS, announce, follow
from ui.dialogs.print_day_paper import PrintDayPaperDialog
from ui.dialogs.upw.autofill_dialog import AutoFillDialog
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.loading import PageLoader
from ui.models.upw.delivery_units import DeliveryUnit
from ui.models.upw.planner_model import CellsRole, PlannerTableModel, cell_state
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can_schedule
from ui.views.upw.planner_delegate import PlannerCellDelegate
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.unit_week_bar import UnitWeekBar

LEGEND = ("Each session shows places taken / places and its start time. "
          "♀ female-only · ⚠ needs attention · amber: full · red: warnings · grey: stood down. "
          "Enter opens a session; Alt+Left and Alt+Right change the week.")


class PlannerPage(QWidget):
    """Unit and week above, the grid below; Enter or double-click opens a session."""

    def __init__(self, services: AppServices, units: list[DeliveryUnit], unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._editable = can_schedule(services.ctx.actor)
        self._loaded = False
        self.dialog: QWidget | None = None
        title = QLabel("Week planner")
        title.setObjectName("PageTitle")
        self.bar = UnitWeekBar(units, unit_id, services.ctx.today())
        self.bar.install_shortcuts(self)
        self.bar.changed.connect(self.reload)
        self.open_button = QPushButton("&Open session…")
        self.open_button.clicked.connect(self.open_current)
        self.autofill_button = QPushButton("&Auto-fill the week…")
        self.autofill_button.setProperty("primary", "true")
        self.autofill_button.setToolTip("Propose places for everyone with hours to work this "
                                        "week; you review the proposal before anything is "
                                        "booked")
        self.autofill_button.clicked.connect(self.auto_fill)
        self.autofill_button.setEnabled(self._editable)
        if not self._editable:
            self.autofill_button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        self.print_button = QPushButton("Print a &day…")
        self.print_button.setToolTip("Work sheets, van manifests and appointment letters for "
                                     "the chosen day, or the next working day "
                                     "(Ctrl+Shift+P from anywhere)")
        self.print_button.clicked.connect(self.print_day)
        self.refresh_button = QPushButton("R&efresh")
        self.refresh_button.setToolTip("Load the planner again (F5)")
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.model = PlannerTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Week planner: projects by day")
        self.table.setItemDelegate(PlannerCellDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.setShowGrid(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setColumnWidth(0, 230)
        self.table.activated.connect(self._on_table_activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.summary = QLabel()
        self.summary.setObjectName("CountLabel")
        self.summary.setWordWrap(True)
        legend = QLabel(LEGEND)
        legend.setObjectName("Hint")
        legend.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)
        top.addWidget(self.open_button)
        top.addWidget(self.autofill_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        self.setTabOrder(self.bar.unit, self.table)
        self.loader = PageLoader(self, [self.table])
        follow(self, PLACEMENTS, self.reload)

    # Loading -----------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Load the unit's week (one service call) and keep the selected cell."""
        self._loaded = True
        unit_id = self.bar.unit_id
        if unit_id is None:
            self.summary.setText("There are no projects yet: add one under Projects and "
                                 "sessions.")
            return
        planner, monday = self._services.upw.planner, self.bar.monday
        self.loader.load(lambda: planner.week(unit_id, monday), self._show_plan)

    def _show_plan(self, plan: WeekPlan) -> None:
        current = self.table.currentIndex()
        self.model.set_plan(plan)
        self.to_check.show_records(plan.to_check, still_counted=True)
        self.table.resizeRowsToContents()
        cells = [c for row in plan.rows for day in row.days for c in day]
        booked = sum(c.booked for c in cells)
        places = sum(c.places for c in cells)
        attention = sum(1 for c in cells if cell_state(c) == "warning")
        if not plan.rows:
            text = f"{self.bar.unit_name} has no active projects."
        elif not cells:
            text = (f"No sessions in this week for {self.bar.unit_name}. Generate them under "
                    "Projects and sessions.")
        else:
            text = (f"{len(cells)} session{'s' if len(cells) != 1 else ''}, {booked} of "
                    f"{places} places taken"
                    + (f"; {attention} need{'s' if attention == 1 else ''} attention."
                       if attention else "."))
        self.summary.setText(text)
        if self.model.rowCount():
            keep = current.isValid() and current.row() < self.model.rowCount()
            # The arrow keys' starting point, left unselected so its colour shows.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(current.row(), current.column()) if keep
                else self.model.index(0, 1), QItemSelectionModel.SelectionFlag.NoUpdate)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    # Opening -----------------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        self._open_cells(index, self.table.visualRect(index).center())

    @Slot()
    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_cells(index, self.table.visualRect(index).center())

    def _open_cells(self, index: QModelIndex, where: QPoint) -> None:
        cells: tuple[PlannerCell, ...] = index.data(CellsRole) or ()
        if not cells:
            announce("No session on that day. Choose a cell with a session.")
            return
        if len(cells) == 1:
            self.open_session(cells[0].session_id)
            return
        menu = QMenu(self)
        for cell in cells:
            action = menu.addAction(f"{cell.start_time:%H:%M}–{cell.end_time:%H:%M} "
                                    f"({cell.fill})")
            action.setData(cell.session_id)
        chosen = menu.exec(self.table.viewport().mapToGlobal(where))
        if chosen is not None:
            self.open_session(chosen.data())

    def _on_context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if index.isValid():
            self._open_cells(index, point)

    def open_session(self, session_id: int) -> SessionDialog:
        unit_id = self.bar.unit_id
        dialog = SessionDialog(self._services, session_id, unit_id, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    # Auto-fill and printing ----------------------------------------------------------------

    @Slot()
    def auto_fill(self) -> AutoFillDialog | None:
        if not self._editable:
            return None
        dialog = AutoFillDialog(self._services, self.bar.unit_id, self.bar.monday, self)
        dialog.applied.connect(announce)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def print_day(self) -> PrintDayPaperDialog:
        """The day's paper: the chosen day of the grid, or the next working day."""
        index = self.table.currentIndex()
        day = None
        plan = self.model.plan
        if plan is not None and index.isValid() and index.column() >= 1:
            day = plan.days[index.column() - 1]
        if day is not None and day <= self._services.ctx.today():
            day = None  # a day gone by has nothing left to print: the next working day
        dialog = open_day_paper(self._services, self, day, self.bar.unit_id)
        self.dialog = dialog
        return dialog
