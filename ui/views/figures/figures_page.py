"""Figures for managers: each group's figures in a table, a chosen figure's 12-month trend and
its units compared as charts, each beside its table, and the cases behind any number."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Language
from upw_ttg.domain.figures import FigureGroup
from upw_ttg.records.figures import FigureCase, FigureRow, Figures

from ui.changes import open_person
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.loading import PageLoader
from ui.models.figures_model import (
    FigureCasesModel,
    FigureRowsModel,
    MonthTally,
    MonthTallyModel,
    SplitModel,
    SplitTally,
)
from ui.models.roles import RowRole
from ui.models.table_model import RowSortProxy
from ui.tasks import report_failure, run_in_background
from ui.views.figures.charts import TrendChart, UnitsChart
from ui.widgets.export_list import ExportListButton
from ui.widgets.tables import fit_columns, make_table

GROUPS = ((FigureGroup.UPW, "Unpaid Work (4.1.1–4.1.4)"),
          (FigureGroup.TTG, "Through the Gate (4.2.1–4.2.3)"))


def _table(model, name: str, sortable: bool = True) -> QTableView:
    if sortable:
        proxy = RowSortProxy(model)
        proxy.setSourceModel(model)
        return make_table(proxy, name)
    return make_table(model, name, sortable=False)


def _row_at(view: QTableView, index: QModelIndex):
    return index.siblingAtColumn(0).data(RowRole)


class FiguresArea(QWidget):
    def __init__(self, services: AppServices):
        super().__init__()
        self._services = services
        self.figures: Figures | None = None
        self.current: FigureRow | None = None
        self.case_filter = ""

        self.group = QComboBox()
        self.group.setAccessibleName("Figures for")
        for group, text in GROUPS:
            self.group.addItem(text, group)
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit")
        self.unit.addItem("Whole service", None)
        self.refresh = QPushButton("&Refresh")
        self.print_button = QPushButton("&Print summary…")
        self.print_button.setToolTip("The figures on one page, month by month and by unit, in "
                                     "English or Welsh")
        print_menu = QMenu(self.print_button)
        print_menu.addAction("In English", lambda: self.print_summary(Language.ENGLISH))
        print_menu.addAction("Yn Gymraeg (in Welsh)", lambda: self.print_summary(Language.WELSH))
        self.print_button.setMenu(print_menu)
        self.figure_rows = FigureRowsModel(self)
        self.table = _table(self.figure_rows, "Figures")
        self.export = ExportListButton(services, "figures", self.table, caption=self._caption)

        top = QHBoxLayout()
        group_label = QLabel("Figures f&or:")
        group_label.setBuddy(self.group)
        top.addWidget(group_label)
        top.addWidget(self.group)
        top.addWidget(self.unit)
        top.addStretch(1)
        top.addWidget(self.refresh)
        top.addWidget(self.print_button)
        top.addWidget(self.export)
        self.period = QLabel()
        self.period.setObjectName("Hint")

        self.trend = TrendChart()
        self.months = MonthTallyModel(self)
        self.month_table = _table(self.months, "Month by month", sortable=False)
        self.units_chart = UnitsChart()
        self.units = SplitModel(self)
        self.unit_table = _table(self.units, "By unit")
        self.workers = SplitModel(self)
        self.worker_table = _table(self.workers, "By worker")
        self.cases = FigureCasesModel(self)
        self.case_table = _table(self.cases, "Cases behind the figure")
        self.case_label = QLabel("Double-click a figure, a month, a unit or a worker to list "
                                 "the cases behind it.")
        self.case_label.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._beside(self.trend, self._exported(self.month_table)),
                         "&Trend over 12 months")
        self.tabs.addTab(self._beside(self.units_chart, self._exported(self.unit_table)),
                         "By &unit")
        self.tabs.addTab(self._exported(self.worker_table), "By &worker")
        self.tabs.addTab(self._exported(self.case_table, self.case_label), "&Cases")

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        # Every figure of a group in view (nine rows and the header), the charts below.
        split.setSizes([self.table.verticalHeader().defaultSectionSize() * 10 + 8, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.period)
        layout.addWidget(split, 1)

        self.loader = PageLoader(self, [self.table], "The figures could not be read.")
        self.case_loader = PageLoader(self, [self.case_table],
                                      "The cases behind the figure could not be read.")
        self.group.currentIndexChanged.connect(self._group_changed)
        self.unit.currentIndexChanged.connect(self.reload)
        self.refresh.clicked.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._figure_chosen)
        self.table.doubleClicked.connect(lambda _i: self.show_cases())
        self.month_table.doubleClicked.connect(self._month_cases)
        self.unit_table.doubleClicked.connect(self._unit_cases)
        self.worker_table.doubleClicked.connect(self._worker_cases)
        self.case_table.doubleClicked.connect(self._open_case)
        self._loaded_group: FigureGroup | None = None

    def _exported(self, table: QTableView, above: QWidget | None = None) -> QWidget:
        """A table with its own Export button: every table on the screen can be saved."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        if above is not None:
            row.addWidget(above, 1)
        else:
            row.addStretch(1)
        row.addWidget(ExportListButton(self._services, "figures", table,
                                       caption=lambda: self._caption(table), text="Export…"))
        layout.addLayout(row)
        layout.addWidget(table, 1)
        return box

    @staticmethod
    def _beside(chart: QWidget, table: QWidget) -> QWidget:
        """A chart with its table beside it, so every point can be read as a number."""
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(chart)
        split.addWidget(table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # Room for the table's three columns whole; the chart takes the rest.
        split.setSizes([600, 340])
        return split

    # Loading -----------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.figures is None and not self.loader.busy:
            self.reload()

    @property
    def group_value(self) -> FigureGroup:
        # Qt hands an enum back as its plain string value.
        return FigureGroup(self.group.currentData())

    @Slot()
    def _group_changed(self) -> None:
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("Whole service", None)
        self.unit.blockSignals(False)
        self.reload()

    @Slot()
    def reload(self) -> None:
        group, unit_id = self.group_value, self.unit.currentData()
        figures = self._services.figures
        self.loader.load(lambda: figures.figures(group, unit_id=unit_id), self.apply)

    def apply(self, figures: Figures) -> None:
        self.figures = figures
        chosen = self.current.definition.key if self.current else None
        self.figure_rows.set_rows(list(figures.rows))
        fit_columns(self.table, {0: "Orders needing an extension at the second review "
                                    "(fewer is better)"})
        if self.unit.count() == 1 and figures.group != self._loaded_group:
            self.unit.blockSignals(True)
            names = {s.key_id: s.name for row in figures.rows for s in row.by_unit
                     if s.key_id is not None}
            for key_id, name in sorted(names.items(), key=lambda item: item[1]):
                self.unit.addItem(name, key_id)
            self.unit.blockSignals(False)
        self._loaded_group = figures.group
        self.tabs.setTabText(1, "By delivery &unit" if figures.group == FigureGroup.UPW
                             else "By pr&ison")
        first, last = figures.months[0], figures.months[-1]
        self.period.setText(f"{figures.scope}: {first:%B %Y} to {last:%B %Y}, as at "
                            f"{figures.today.day} {figures.today:%B %Y}. A case counts in the "
                            "month its deadline fell, once it is due.")
        keys = [r.definition.key for r in figures.rows]
        row = keys.index(chosen) if chosen in keys else 0
        self.table.selectRow(self._view_row(row))
        self._show(figures.rows[row])

    def _view_row(self, source_row: int) -> int:
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)  # the figures table sorts
        return proxy.mapFromSource(self.figure_rows.index(source_row, 0)).row()

    @Slot(QModelIndex, QModelIndex)
    def _figure_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = _row_at(self.table, current) if current.isValid() else None
        if row is not None and row is not self.current:
            self._show(row)

    def _show(self, row: FigureRow) -> None:
        self.current = row
        figures = self.figures
        assert figures is not None  # a row is chosen from figures already read
        kind = row.definition.kind
        self.trend.show_figure(figures, row)
        self.units_chart.show_figure(figures, row)
        self.months.set_rows([MonthTally(m, t, kind) for m, t in zip(figures.months,
                                                                     row.by_month, strict=True)])
        self.units.set_rows([SplitTally(s, kind) for s in row.by_unit])
        self.workers.set_rows([SplitTally(s, kind) for s in row.by_worker])
        for view in (self.month_table, self.unit_table, self.worker_table):
            fit_columns(view)

    # Drill-down --------------------------------------------------------------------------

    def _month_cases(self, index: QModelIndex) -> None:
        tally = _row_at(self.month_table, index)
        if tally is not None:
            self.show_cases(month=tally.month, what=f"{tally.month:%B %Y}")

    def _unit_cases(self, index: QModelIndex) -> None:
        split = _row_at(self.unit_table, index)
        if split is not None and split.split.key_id is not None:
            self.show_cases(unit_id=split.split.key_id, what=split.split.name)

    def _worker_cases(self, index: QModelIndex) -> None:
        split = _row_at(self.worker_table, index)
        if split is not None and split.split.key_id is not None:
            self.show_cases(worker_id=split.split.key_id, what=split.split.name)

    def show_cases(self, *, month: dt.date | None = None, unit_id: int | None = None,
                   worker_id: int | None = None, what: str = "the last 12 months") -> None:
        if self.current is None:
            return
        key, label = self.current.definition.key, self.current.definition.label
        unit_id = unit_id if unit_id is not None else self.unit.currentData()
        figures = self._services.figures
        self.case_filter = f"{label}: {what}"
        self.case_label.setText(f"{self.case_filter}. Those that missed the standard come "
                                "first; double-click one to open the case.")
        self.tabs.setCurrentIndex(3)
        self.case_loader.load(lambda: figures.cases(key, month=month, unit_id=unit_id,
                                                    worker_id=worker_id), self._cases_read)

    def _cases_read(self, rows: tuple[FigureCase, ...]) -> None:
        self.cases.set_rows(list(rows))
        fit_columns(self.case_table, {0: "Bartholomew Fitzgerald", 4: "York and North Yorkshire"})
        self.case_label.setText(f"{self.case_filter}: {len(rows):,} cases. Those that missed "
                                "the standard come first; double-click one to open the case.")

    def _open_case(self, index: QModelIndex) -> None:
        case = _row_at(self.case_table, index)
        if case is not None and case.person_id is not None:
            open_person(case.person_id)

    # Export and print --------------------------------------------------------------------

    def _caption(self, table: QTableView | None = None) -> str:
        """What the exported table shows: the group and scope, and the figure and what it was
        split by for the tables under the figures."""
        scope = self.figures.scope if self.figures else ""
        caption = f"{self.group.currentText()}, {scope}"
        if table is None or self.current is None:
            return caption
        if table is self.case_table:
            return f"{caption}; cases behind {self.case_filter}"
        return f"{caption}; {self.current.definition.label}, {table.accessibleName().lower()}"

    def print_summary(self, language: Language = Language.ENGLISH) -> None:
        """The summary on one page in ``language`` (its reader's), previewed."""
        group, unit_id = self.group_value, self.unit.currentData()
        figures = self._services.figures
        self.print_button.setEnabled(False)

        def done(pdf: bytes) -> None:
            self.print_button.setEnabled(True)
            self.preview = PrintPreviewDialog(
                pdf, "Figures summary", f"figures-{group.value}-"
                f"{self._services.ctx.today():%Y-%m-%d}"
                f"{'-cy' if language is Language.WELSH else ''}.pdf",
                self)
            self.preview.open()

        def failed(exc: BaseException) -> None:
            self.print_button.setEnabled(True)
            report_failure(self, "The summary could not be prepared.", exc)

        run_in_background(lambda: figures.summary_pdf(group, unit_id=unit_id,
                                                      language=language), done, failed,
                          parent=self)
