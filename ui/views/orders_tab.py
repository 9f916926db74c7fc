"""The UPW orders tab: a person's orders with their hours, status and deadline."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Language
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import UpwError
from upw_ttg.records.orders import OrderRecord

from ui.changes import Change, Subject, announce, publish, subscribe
from ui.dialogs.order_dialog import ExtensionDialog, OrderDialog
from ui.dialogs.upw.assessment_dialog import open_assessment
from ui.formatting import format_date
from ui.models.orders_model import OrdersTableModel
from ui.models.table_model import RowSortProxy
from ui.permissions import can, can_edit_orders, not_allowed_tip
from ui.printing import PdfPrinter
from ui.tasks import report_failure
from ui.views.attendance.ledger_view import LedgerView
from ui.widgets.tables import fit_columns, make_table, selected_row


class OrdersTab(QWidget):
    """Table of orders with Add, Edit and Record extension; the selected order's ledger below."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._person_id: int | None = None
        self._person_name = ""
        self.dialog: OrderDialog | ExtensionDialog | None = None
        self.model = OrdersTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        # A person has few orders, newest first; no sorting keeps every column in view.
        self.table = make_table(self.proxy, "Unpaid work orders", sortable=False)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        editable = can_edit_orders(services.ctx.actor)
        self.add_button = QPushButton("&Add order…")
        self.edit_button = QPushButton("Ed&it order…")
        self.extend_button = QPushButton("Record e&xtension…")
        for button, slot in ((self.add_button, self.add_order),
                             (self.edit_button, self.edit_order),
                             (self.extend_button, self.record_extension)):
            button.clicked.connect(slot)
            if not editable:
                button.setToolTip(not_allowed_tip("change orders"))
        self.add_button.setEnabled(editable)
        self._editable = editable
        # Placing people needs a completed assessment, so it is one click from the orders.
        self.assessment_button = QPushButton("UPW assess&ment…")
        self.assessment_button.setToolTip("Open this person's UPW assessment")
        self.assessment_button.clicked.connect(self.open_assessment)
        # Rule UPW-CERTIFICATE: printable once the order is complete, refused in words before.
        self.printer = PdfPrinter(self)
        self.certificate_button = QPushButton("C&ertificate…")
        self.certificate_button.setToolTip("The person's certificate of hours worked and skills "
                                           "practised, once the order is complete")
        menu = QMenu(self.certificate_button)
        menu.addAction("In English", lambda: self.print_certificate(Language.ENGLISH))
        menu.addAction("Yn Gymraeg (in Welsh)", lambda: self.print_certificate(Language.WELSH))
        self.certificate_button.setMenu(menu)
        self._may_certify = can(services.ctx.actor, Capability.PRINT_CERTIFICATES)
        if not self._may_certify:
            self.certificate_button.setToolTip(not_allowed_tip("print certificates"))
        self.ledger = LedgerView(services)
        self.empty_label = QLabel("No unpaid work orders on record.")
        self.empty_label.setObjectName("Hint")
        self.extensions_label = QLabel()
        self.extensions_label.setObjectName("Hint")
        self.extensions_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.empty_label, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.extend_button)
        bar.addWidget(self.assessment_button)
        bar.addWidget(self.certificate_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.extensions_label)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.ledger)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._on_selection_changed()
        # An order saved here, adjusted in its ledger or imported is read again.
        subscribe(self, [Subject.ORDER], self._on_order_changed)

    def load(self, person_id: int, person_name: str) -> None:
        self._person_id = person_id
        self._person_name = person_name
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        assert self._person_id is not None
        orders = self._services.orders.for_person(self._person_id)
        self.model.set_rows(orders)
        fit_columns(self.table)
        plural = "s" if len(orders) != 1 else ""
        self.empty_label.setText(
            "No unpaid work orders on record." if not orders else
            f"{len(orders)} order{plural}, the most recent first. Hours are shown as "
            "hours:minutes.")
        target = select_id if select_id is not None else (orders[0].id if orders else None)
        # Chosen quietly, then shown once: the ledger is read once, not once per signal.
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        for row in range(self.proxy.rowCount()):
            if self.proxy.row_object(row).id == target:
                self.table.selectRow(row)
                break
        selection.blockSignals(False)
        self.table.viewport().update()
        self._on_selection_changed()

    def _on_order_changed(self, change: Change) -> None:
        if self._person_id is None or not change.touches_person(self._person_id):
            return
        current = self.selected_order()
        self.reload(change.ids[0] if change.ids else current.id if current else None)

    def selected_order(self) -> OrderRecord | None:
        return selected_row(self.table, OrderRecord)

    def _on_selection_changed(self, *_args: object) -> None:
        order = self.selected_order()
        self.edit_button.setEnabled(self._editable and order is not None)
        self.extend_button.setEnabled(self._editable and order is not None)
        self.certificate_button.setEnabled(self._may_certify and order is not None)
        if order is None:
            self.ledger.clear()
        else:
            self.ledger.show_order(order.id)
        if order is None or not order.extensions:
            self.extensions_label.setText("" if order is None else
                                          "No extensions recorded for the selected order.")
            return
        lines = [f"{format_date(e.new_deadline)} – granted {format_date(e.granted_on)} by "
                 f"{e.court}: {e.reason}" for e in order.extensions]
        self.extensions_label.setText("Extensions of the selected order: " + "; ".join(lines))

    def print_certificate(self, language: Language) -> None:
        """Preview the certificate, or say in plain words why there is none yet."""
        order = self.selected_order()
        if order is None:
            return
        certificates = self._services.upw.certificates
        try:
            state = certificates.state(order.id)
        except UpwError as exc:
            report_failure(self, "The certificate could not be prepared.", exc)
            return
        if not state.ready:
            QMessageBox.information(self, "No certificate yet", state.reason or "")
            return
        self.printer.run(lambda: certificates.render(order.id, language=language),
                         f"Certificate – {self._person_name}",
                         f"certificate-{order.id}-{language.value}.pdf",
                         "Preparing the certificate…", button=self.certificate_button,
                         failure="The certificate could not be prepared.",
                         on_shown=lambda: announce(
                             f"Certificate for {self._person_name} ready to print."))

    @Slot()
    def open_assessment(self) -> None:
        if self._person_id is not None:
            open_assessment(self, self._services, self._person_id)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self.edit_order()

    @Slot()
    def add_order(self) -> None:
        assert self._person_id is not None
        self._open(OrderDialog(self._services.orders, self._person_id, self._person_name,
                               None, self), "Order added.")

    @Slot()
    def edit_order(self) -> None:
        order = self.selected_order()
        if order is None or self._person_id is None:
            return
        self._open(OrderDialog(self._services.orders, self._person_id, self._person_name,
                               order, self), "Order saved.")

    @Slot()
    def record_extension(self) -> None:
        order = self.selected_order()
        if order is None:
            return
        self._open(ExtensionDialog(self._services.orders, order, self._services.ctx.today(),
                                   self), "Extension recorded.")

    def _open(self, dialog: OrderDialog | ExtensionDialog, message: str) -> None:
        self.dialog = dialog

        def saved(record: OrderRecord) -> None:
            publish(Subject.ORDER, [record.id], [record.person_id], record)
            announce(message)

        dialog.saved.connect(saved)
        dialog.open()
