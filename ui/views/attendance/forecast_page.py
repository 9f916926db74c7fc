"""Completion forecast and reviews: live orders red, amber or green; reviews and extensions due."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.forecast import Rag
from upw_ttg.records.attendance import OrderForecast

from ui.changes import open_person
from ui.loading import PageLoader
from ui.models.attendance.filters import AttendanceFilterProxy
from ui.models.attendance.list_models import ForecastTableModel
from ui.views.attendance.common import FilterBar, FilterChoices
from ui.views.attendance.ledger_view import LedgerDialog
from ui.widgets.export_list import ExportListButton
from ui.widgets.labels import hint, page_title
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import fit_columns, make_table, selected_row

_M = ForecastTableModel
ALL, AT_RISK, REVIEWS, EXTENSIONS = range(4)
# (label, condition, column to sort on or -1 for the service's order: worst first)
VIEWS = (
    ("All live orders (worst first)", None, -1),
    ("Red and amber only", lambda f: f.rag != Rag.GREEN, -1),
    ("Reviews due now (6 and 9 months)", lambda f: f.review_due is not None, _M.REVIEW),
    ("Orders needing an extension", lambda f: f.needs_extension, _M.DEADLINE),
)


class ForecastPage(QWidget):
    """One table of live orders with a chooser for the review and extension lists."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 choices: FilterChoices | None = None):
        super().__init__(parent)
        self._services = services
        self.dialog: LedgerDialog | None = None
        self.filters = FilterBar(services, choices=choices)
        self.filters.changed.connect(self.refresh)
        self.view_choice = QComboBox()
        self.view_choice.setAccessibleName("Which orders to show")
        for text, _condition, _column in VIEWS:
            self.view_choice.addItem(text)
        self.view_choice.currentIndexChanged.connect(self._apply_filters)
        show_label = QLabel("&Show:")
        show_label.setBuddy(self.view_choice)
        self.model = ForecastTableModel(self)
        self.proxy = AttendanceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Live orders and their forecast", sortable=False)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.summary = hint()
        self.reason = hint()
        self.ledger_button = QPushButton("Open &ledger…")
        self.ledger_button.setToolTip("The selected order's hours, line by line (Enter)")
        self.ledger_button.clicked.connect(self.open_ledger)
        self.person_button = QPushButton("Open person's re&cord")
        self.person_button.clicked.connect(self._on_person_clicked)
        top = QHBoxLayout()
        top.addWidget(show_label)
        top.addWidget(self.view_choice)
        top.addSpacing(16)
        top.addWidget(self.filters, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.reason, 1)
        bar.addWidget(self.person_button)
        bar.addWidget(self.ledger_button)
        self.export_button = ExportListButton(services, "forecast", self.table)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Forecast and reviews", "Can each live order's hours be worked before its deadline "
            "with the sessions booked and the weekly offer? Red: not even with the full offer; "
            "amber: not at the person's current rate, or little to spare; green: on course."))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.loader = PageLoader(self, [self.table])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._on_selection_changed()

    @Slot()
    def refresh(self) -> None:
        """Forecast the orders of the chosen unit and coordinator only (the service filters)."""
        forecast = self._services.attendance.forecast
        unit_id, coordinator_id = self.filters.unit_id, self.filters.coordinator_id
        self.loader.load(lambda: forecast.forecast(delivery_unit_id=unit_id,
                                                   coordinator_id=coordinator_id),
                         self._show_rows)

    def _show_rows(self, rows: list[OrderForecast]) -> None:
        self.to_check.show_records(getattr(rows, "to_check", ()))
        # The filters first, so the new rows are filtered once, as they arrive.
        self._set_filters()
        self.model.set_rows(rows)
        fit_columns(self.table, {_M.NAME: "Krzysztof Lewandowski", _M.COORDINATOR:
                                 "Andrew Teasdale", _M.REVIEW: "Second, 00/00/000"})
        self._show_filtered()

    def show_view(self, view: int) -> None:
        self.view_choice.setCurrentIndex(view)

    def _apply_filters(self, *_args: object) -> None:
        self._set_filters()
        self._show_filtered()

    def _set_filters(self) -> None:
        _text, condition, _column = VIEWS[self.view_choice.currentIndex()]
        self.proxy.set_filters(unit=self.filters.unit_code,
                               coordinator=self.filters.coordinator_id, condition=condition)

    def _show_filtered(self) -> None:
        """Sort what the filters let through and sum it up."""
        _text, _condition, column = VIEWS[self.view_choice.currentIndex()]
        self.proxy.sort(column, Qt.SortOrder.AscendingOrder)
        rows: list[OrderForecast] = self.proxy.rows()
        rag = Counter(f.rag for f in rows)
        reviews = sum(1 for f in rows if f.review_due)
        extensions = sum(1 for f in rows if f.needs_extension)
        self.summary.setText(
            f"{len(rows)} order{'s' if len(rows) != 1 else ''} shown: {rag[Rag.RED]} red, "
            f"{rag[Rag.AMBER]} amber, {rag[Rag.GREEN]} green · {reviews} review"
            f"{'s' if reviews != 1 else ''} due · {extensions} need"
            f"{'s' if extensions == 1 else ''} an extension application.")
        if rows:
            self.table.selectRow(0)
        self._on_selection_changed()

    def selected(self) -> OrderForecast | None:
        return selected_row(self.table, OrderForecast)

    def _on_selection_changed(self, *_args: object) -> None:
        row = self.selected()
        self.ledger_button.setEnabled(row is not None)
        self.person_button.setEnabled(row is not None)
        self.reason.setText(f"{row.name}: {row.reason}" if row else "")

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.open_ledger()

    @Slot()
    def open_ledger(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.dialog = LedgerDialog(self._services, row.order_id, self)
        self.dialog.open()

    def _on_person_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            open_person(row.person_id)
