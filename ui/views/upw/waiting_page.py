"""People waiting to be placed, with why, and the way to their record or assessment."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.upw import WaitingRow

from ui.changes import PLACEMENTS, announce, follow, open_person
from ui.dialogs.upw.assessment_dialog import assessment_dialog
from ui.loading import PageLoader
from ui.models.upw.delivery_units import DeliveryUnit
from ui.models.upw.waiting_model import (
    REASON_KINDS,
    WaitingFilterProxy,
    WaitingTableModel,
)
from ui.widgets.export_list import ExportListButton
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import RowsFitter, fit_columns, make_table, selected_row
from ui.widgets.unit_week_bar import UnitWeekBar


class WaitingPage(QWidget):
    """The waiting list of a unit (or all) for a week, filtered by name and reason."""

    def __init__(self, services: AppServices, units: list[DeliveryUnit], unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._loaded = False
        title = QLabel("Waiting to be placed")
        title.setObjectName("PageTitle")
        self.bar = UnitWeekBar(units, unit_id, services.ctx.today(), all_units=True)
        self.bar.install_shortcuts(self)
        self.bar.changed.connect(self.reload)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText("Name or CRN")
        self.filter.setAccessibleName("Filter by name or CRN")
        filter_label = QLabel("F&ilter:")
        filter_label.setBuddy(self.filter)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Show people waiting because of")
        for kind, text in REASON_KINDS:
            self.kind.addItem(text, kind)
        kind_label = QLabel("&Because of:")
        kind_label.setBuddy(self.kind)
        self.model = WaitingTableModel(self)
        self.proxy = WaitingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "People waiting to be placed", stretch_last=False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(WaitingTableModel.WHY,
                                                           QHeaderView.ResizeMode.Stretch)
        # Each row as tall as its reasons, measured as it comes into view.
        self.rows_fitter = RowsFitter(self.table)
        self.loader = PageLoader(self, [self.table])
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.kind.currentIndexChanged.connect(self._on_filter_changed)
        self.open_button = QPushButton("&Open record")
        self.open_button.clicked.connect(self.open_person)
        self.assessment_button = QPushButton("&Assessment…")
        self.assessment_button.clicked.connect(self.open_assessment)
        self.refresh_button = QPushButton("R&efresh")
        self.refresh_button.clicked.connect(self.reload)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.count = QLabel()
        self.count.setObjectName("CountLabel")
        self.count.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        # Alt+X is the week bar's next week here.
        self.export_button = ExportListButton(services, "waiting_list", self.table,
                                              lambda: self.count.text(), "Ex&port…")
        top.addWidget(self.export_button)
        top.addWidget(self.assessment_button)
        top.addWidget(self.open_button)
        filters = QHBoxLayout()
        filters.addWidget(filter_label)
        filters.addWidget(self.filter, 1)
        filters.addSpacing(12)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        follow(self, PLACEMENTS, self.reload)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Read the list on a worker; the page says it is loading until the rows arrive."""
        self._loaded = True
        planner, unit_id, monday = self._services.upw.planner, self.bar.unit_id, self.bar.monday
        self.count.setText(f"Reading who is waiting in {self.bar.unit_name}…")
        self.loader.load(lambda: planner.waiting(unit_id, week_start=monday), self._show_rows)

    def _show_rows(self, rows: list[WaitingRow]) -> None:
        self.to_check.show_records(getattr(rows, "to_check", ()))
        self.model.set_rows(rows)
        fit_columns(self.table, {WaitingTableModel.NAME: "Agnieszka Jabłońska"},
                    skip=(WaitingTableModel.WHY,))
        self._show_count()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _on_filter_changed(self, *_args: object) -> None:
        self.proxy.set_text(self.filter.text())
        self.proxy.set_kind(self.kind.currentData())
        self._show_count()

    def _show_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        where = self.bar.unit_name
        if total == 0:
            text = f"Nobody in {where} is waiting: everyone has their places this week."
        elif shown == total:
            text = (f"{total} {'person is' if total == 1 else 'people are'} waiting in {where}, "
                    "the most urgent first. Enter opens a record.")
        else:
            text = f"{shown} of {total} people waiting in {where} match the filter."
        self.count.setText(text)

    def selected(self) -> WaitingRow | None:
        return selected_row(self.table, WaitingRow)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.assessment_button.setEnabled(chosen)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.open_person()

    @Slot()
    def open_person(self) -> None:
        row = self.selected()
        if row is not None:
            open_person(row.person_id)

    @Slot()
    def open_assessment(self) -> None:
        row = self.selected()
        if row is not None:
            dialog = assessment_dialog(self, self._services, row.person_id)
            dialog.saved.connect(lambda _record: self._on_assessment_saved(row))
            dialog.open()

    def _on_assessment_saved(self, row: WaitingRow) -> None:
        # An assessment is not announced on the bus: this page reads its own save again.
        announce(f"Saved {row.name}'s assessment.")
        self.reload()
