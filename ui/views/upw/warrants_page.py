"""The travel warrant register: filter, issue, void, mark used or returned, print; spend."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import WarrantStatus
from upw_ttg.errors import UpwError
from upw_ttg.records.upw import WarrantRecord
from upw_ttg.services.paging import PAGE_ROWS

from ui.changes import Change, Subject, announce, publish, subscribe
from ui.dialogs.upw.warrant_dialog import (
    IssuedBox,
    VoidWarrantDialog,
    WarrantDialog,
    confirm_issued,
    default_dates,
    print_warrant,
)
from ui.formatting import label
from ui.loading import PageLoader
from ui.models.table_model import FetchPage, RowSortProxy
from ui.models.upw.text import format_pence
from ui.models.upw.warrants_model import SpendTableModel, WarrantsTableModel
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can_schedule
from ui.tasks import BackgroundTask, report_failure, run_in_background, writer_pool
from ui.widgets.banner import Banner
from ui.widgets.code_combo import enum_value
from ui.widgets.date_field import DateField
from ui.widgets.export_list import ExportListButton
from ui.widgets.fit import narrow_combo
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import fit_columns, make_table, selected_row


class WarrantsPage(QWidget):
    """Filters above; the register on the left and the spend per office and month beside it."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._marking: BackgroundTask | None = None  # a save running on the writer thread
        self._services = services
        self._editable = can_schedule(services.ctx.actor)
        self._loaded = False
        self.dialog: QWidget | None = None
        self.issued_box: IssuedBox | None = None
        title = QLabel("Travel warrants")
        title.setObjectName("PageTitle")
        self.office = narrow_combo(QComboBox())
        self.office.setAccessibleName("Issuing office")
        self.office.addItem("All offices", None)
        for office in services.people.offices():
            self.office.addItem(f"{office.name} ({office.code})", office.id)
        office_label = QLabel("Offi&ce:")
        office_label.setBuddy(self.office)
        first, last = default_dates(services.ctx.today())
        self.date_from = DateField()
        self.date_from.setAccessibleName("Issued from")
        self.date_from.set_date(first)
        self.date_to = DateField()
        self.date_to.setAccessibleName("Issued to")
        self.date_to.set_date(last)
        from_label = QLabel("Issued fro&m:")
        from_label.setBuddy(self.date_from)
        to_label = QLabel("&to:")
        to_label.setBuddy(self.date_to)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", None)
        for status in WarrantStatus:
            self.status.addItem(label(status), status)
        status_label = QLabel("St&atus:")
        status_label.setBuddy(self.status)
        self.show_button = QPushButton("Show")
        self.show_button.clicked.connect(lambda: self.reload())
        for combo in (self.office, self.status):
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        for field in (self.date_from, self.date_to):
            field.returnPressed.connect(lambda: self.reload())
            field.date_picked.connect(lambda _day: self.reload())

        self.banner = Banner()
        self.model = WarrantsTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Travel warrant register")
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.print_warrant())
        self.spend_model = SpendTableModel(self)
        spend_proxy = RowSortProxy(self)
        spend_proxy.setSourceModel(self.spend_model)
        self.spend = make_table(spend_proxy, "Spend per office and month")
        self.count = QLabel()
        self.count.setObjectName("CountLabel")
        self.count.setWordWrap(True)
        self.spend_total = QLabel()
        self.spend_total.setObjectName("CountLabel")
        self.spend_total.setWordWrap(True)

        self.issue_button = QPushButton("&Issue warrant…")
        self.issue_button.setProperty("primary", "true")
        self.issue_button.clicked.connect(self.issue)
        self.print_button = QPushButton("&Print warrant…")
        self.print_button.clicked.connect(self.print_warrant)
        self.used_button = QPushButton("Mark &used")
        self.used_button.clicked.connect(self.mark_used)
        self.returned_button = QPushButton("&Returned unused")
        self.returned_button.clicked.connect(self.mark_returned)
        self.void_button = QPushButton("V&oid…")
        self.void_button.clicked.connect(self.void)
        for button in (self.issue_button, self.used_button, self.returned_button,
                       self.void_button):
            if not self._editable:
                button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        self.issue_button.setEnabled(self._editable)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for button in (self.print_button, self.used_button, self.returned_button,
                       self.void_button, self.issue_button):
            top.addWidget(button)
        filters = QHBoxLayout()
        for widget in (office_label, self.office, from_label, self.date_from, to_label,
                       self.date_to, status_label, self.status, self.show_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.export_button = ExportListButton(services, "warrants", self.table,
                                              lambda: self.count.text())
        filters.addWidget(self.export_button)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(0, 0, 0, 0)
        register_layout.addWidget(self.count)
        register_layout.addWidget(self.table, 1)
        spend = QWidget()
        spend_layout = QVBoxLayout(spend)
        spend_layout.setContentsMargins(0, 6, 0, 0)
        spend_title = QLabel("Spend per office and month")
        spend_title.setStyleSheet("font-weight: 600;")
        spend_layout.addWidget(spend_title)
        spend_layout.addWidget(self.spend, 1)
        spend_layout.addWidget(self.spend_total)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(register)
        splitter.addWidget(spend)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(splitter, 1)
        self.loader = PageLoader(self, [self.table, self.spend])
        self._update_buttons()
        # Issued, voided or marked anywhere (a session's dialog too): the register follows.
        subscribe(self, [Subject.WARRANT], self._on_warrants_changed)

    def _on_warrants_changed(self, _change: Change) -> None:
        if self._loaded:
            selected = self.selected()
            self.reload(selected.id if selected is not None else None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the register and the spend for the filters, keeping ``select_id`` selected."""
        self._loaded = True
        self.banner.clear()
        try:
            first, last = self.date_from.date(), self.date_to.date()
        except ValueError as exc:
            self.banner.show_message(str(exc), "warning")
            return
        warrants = self._services.upw.warrants
        office, status = self.office.currentData(), enum_value(self.status, WarrantStatus)

        def page(offset: int, limit: int) -> list[WarrantRecord]:
            # Newest first, a page at a time: the service sorts, the screen never holds the
            # whole register of a large service.
            return warrants.register(office_id=office, date_from=first, date_to=last,
                                     status=status, newest_first=True, limit=limit,
                                     offset=offset)

        def fetch() -> tuple[list[WarrantRecord], tuple[int, int], list]:
            totals = warrants.register_totals(office_id=office, date_from=first, date_to=last,
                                              status=status)
            return (page(0, PAGE_ROWS), totals,
                    warrants.spend(office_id=office, date_from=first, date_to=last))

        def show(result: tuple[list[WarrantRecord], tuple[int, int], list]) -> None:
            rows, totals, spend = result
            self._show_rows(page, rows, totals, spend, select_id)

        self.loader.load(fetch, show)

    def _show_rows(self, page: FetchPage, rows: list[WarrantRecord], totals: tuple[int, int],
                   spend: list, select_id: int | None) -> None:
        self.to_check.show_records(getattr(rows, "to_check", ()))
        self.model.set_pages(page, rows, PAGE_ROWS)
        fit_columns(self.table, {WarrantsTableModel.FARE: "£1,000.00",
                                 WarrantsTableModel.JOURNEY: "Scarborough → Northallerton"})
        self.spend_model.set_rows(spend)
        fit_columns(self.spend)
        count, total = totals
        self.count.setText(f"{count} warrant{'s' if count != 1 else ''}, newest first;"
                           f" {format_pence(total)} issued or used.")
        self.spend_total.setText(
            f"Total: {format_pence(sum(s.total_pence for s in spend))} on "
            f"{sum(s.warrants for s in spend)} warrants (void and returned ones excluded).")
        if select_id is not None:
            for row in range(self.proxy.rowCount()):
                if self.proxy.row_object(row).id == select_id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> WarrantRecord | None:
        return selected_row(self.table, WarrantRecord)

    def _update_buttons(self, *_args: object) -> None:
        warrant = self.selected()
        issued = warrant is not None and warrant.status == WarrantStatus.ISSUED \
            and not self.marking
        self.print_button.setEnabled(warrant is not None)
        for button in (self.used_button, self.returned_button, self.void_button):
            button.setEnabled(self._editable and issued)

    @Slot()
    def issue(self) -> WarrantDialog | None:
        if not self._editable:
            return None
        dialog = WarrantDialog(self._services, self)
        dialog.saved.connect(self._on_issued)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_issued(self, warrant: WarrantRecord) -> None:
        announce(f"Issued travel warrant {warrant.serial_text} to {warrant.name}.")
        self.reload(warrant.id)
        self.issued_box = confirm_issued(self, self._services, warrant)

    @Slot()
    def void(self) -> VoidWarrantDialog | None:
        warrant = self.selected()
        if warrant is None or not self.void_button.isEnabled():
            return None
        dialog = VoidWarrantDialog(self._services, warrant, self)
        def voided(record: WarrantRecord) -> None:
            announce(f"Voided {record.serial_text}.")
            self.reload(record.id)

        dialog.saved.connect(voided)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def mark_used(self) -> None:
        self._set_status(self._services.upw.warrants.mark_used, "used")

    @Slot()
    def mark_returned(self) -> None:
        self._set_status(self._services.upw.warrants.mark_returned_unused, "returned unused")

    def _set_status(self, change, words: str) -> None:
        warrant = self.selected()
        if warrant is None or not self.used_button.isEnabled():
            return

        def done(record: WarrantRecord) -> None:
            self._marking = None
            announce(f"Marked {record.serial_text} {words}.")
            publish(Subject.WARRANT, [record.id], [record.person_id], record)
            self.reload(record.id)

        def failed(exc: BaseException) -> None:
            self._marking = None
            self.reload(warrant.id)
            if isinstance(exc, UpwError):
                self.banner.show_message(str(exc))
            else:
                report_failure(self, "The warrant could not be marked.", exc)

        # Saved on the writer thread; the buttons wait until it is done.
        self._marking = run_in_background(lambda: change(warrant.id, version=warrant.version),
                                          done, failed, parent=self, pool=writer_pool())
        self._update_buttons()

    @property
    def marking(self) -> bool:
        """True while a warrant is being marked used or returned."""
        return self._marking is not None

    @Slot()
    def print_warrant(self) -> None:
        warrant = self.selected()
        if warrant is None:
            return
        print_warrant(self, self._services, warrant)
