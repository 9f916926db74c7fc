"""Bookings that break a rule since a fact changed: each is moved, removed or accepted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import NotFoundError
from upw_ttg.records.recheck import BrokenBooking, RecheckReport

from ui.changes import announce, open_person
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.move_dialog import MoveDialog
from ui.loading import PageLoader
from ui.models.table_model import RowSortProxy
from ui.models.upw.broken_model import BrokenBookingsModel
from ui.models.upw.delivery_units import DeliveryUnit
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can_schedule
from ui.tasks import report_failure, run_in_background, writer_pool
from ui.widgets.export_list import ExportListButton
from ui.widgets.fit import narrow_combo
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import RowsFitter, fit_columns, make_table, selected_row

ALL_UNITS = "All delivery units"


class ReasonDialog(FormDialog):
    """One booking and a reason: to remove it, or to accept the soft rules it breaks."""

    def __init__(self, services: AppServices, booking: BrokenBooking, *, accepting: bool,
                 parent: QWidget | None = None):
        what = ("Accept" if accepting else "Remove") + f" {booking.name}'s place"
        intro = (f"{booking.session_label}. {booking.why()} "
                 + ("The booking stays, with your reason recorded against these rules; it "
                    "comes back if the facts change again." if accepting else
                    "The place is taken off the session and the reason is recorded. Tell "
                    "the person."))
        super().__init__(what, intro, parent, save_text="&Accept" if accepting else "&Remove")
        self._services = services
        self._booking = booking
        self._accepting = accepting
        self.reason = QLineEdit()
        self.reason.setMaxLength(400)
        form = QFormLayout()
        self.fields.add_row(form, "reason", "&Reason", self.reason)
        self.body.addLayout(form)
        self.resize(620, 220)

    def collect(self) -> str:
        return self.reason.text()

    def save(self, data: str) -> BrokenBooking:
        broken = self._services.upw.broken
        if self._accepting:
            broken.accept(self._booking.appointment_id, data, seen=self._booking.breaches)
        else:
            broken.remove(self._booking.appointment_id, data,
                          version=self._booking.appointment_version)
        return self._booking


class BrokenBookingsPage(QWidget):
    """The queue for one delivery unit or all, soonest first. What it resolves is announced
    (:func:`ui.changes.announce`), and the main window counts again after every notice."""

    def __init__(self, services: AppServices, units: list[DeliveryUnit], unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._units = units
        self._editable = can_schedule(services.ctx.actor)
        self._loaded = False
        self.dialog: QWidget | None = None
        title = QLabel("Bookings that break a rule")
        title.setObjectName("PageTitle")
        self.unit = narrow_combo(QComboBox())
        self.unit.setAccessibleName("Delivery unit")
        self.unit.addItem(ALL_UNITS, None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        self.unit.currentIndexChanged.connect(self.reload)
        unit_label = QLabel("&Unit:")
        unit_label.setBuddy(self.unit)
        self.model = BrokenBookingsModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Bookings that break a rule", stretch_last=False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(BrokenBookingsModel.WHY,
                                                           QHeaderView.ResizeMode.Stretch)
        # Each row as tall as its reasons, measured as it comes into view.
        self.rows_fitter = RowsFitter(self.table)
        self.loader = PageLoader(self, [self.table])
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.move_button = QPushButton("&Move…")
        self.move_button.clicked.connect(self.move_booking)
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.clicked.connect(lambda: self.resolve(accepting=False))
        self.accept_button = QPushButton("A&ccept with a reason…")
        self.accept_button.setToolTip("Only for soft rules: the booking stays, with the reason")
        self.accept_button.clicked.connect(lambda: self.resolve(accepting=True))
        self.open_button = QPushButton("&Open record")
        self.open_button.clicked.connect(self.open_person)
        self.recheck_button = QPushButton("Check &all again")
        self.recheck_button.setToolTip("Judge every future booking again by the rules")
        self.recheck_button.clicked.connect(self.recheck_all)
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
        top.addWidget(unit_label)
        top.addWidget(self.unit)
        top.addWidget(self.refresh_button)
        self.export_button = ExportListButton(services, "broken_bookings", self.table,
                                              lambda: self.count.text())
        top.addWidget(self.export_button)
        top.addWidget(self.recheck_button)
        actions = QHBoxLayout()
        for button in (self.move_button, self.remove_button, self.accept_button,
                       self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.count)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    @property
    def unit_id(self) -> int | None:
        return self.unit.currentData()

    @Slot()
    def reload(self) -> None:
        """Read the queue on a worker; the page says it is loading until the rows arrive."""
        self._loaded = True
        broken, unit_id = self._services.upw.broken, self.unit_id
        self.loader.load(lambda: broken.list(unit_id=unit_id), self._show_rows)

    def _show_rows(self, rows: list[BrokenBooking]) -> None:
        self.to_check.show_records(getattr(rows, "to_check", ()))
        self.model.set_rows(rows)
        fit_columns(self.table, skip=(BrokenBookingsModel.WHY,))
        where = self.unit.currentText() if self.unit_id is not None else "any delivery unit"
        total = len(rows)
        if total == 0:
            self.count.setText(f"No booking in {where} breaks a rule.")
        else:
            hard = sum(1 for r in rows if r.hard)
            self.count.setText(
                f"{total} booking{'s' if total != 1 else ''} in {where} "
                f"break{'s' if total == 1 else ''} a rule since a fact changed ({hard} against "
                "a rule that cannot be overridden). Move each, remove it with a reason, or "
                "accept a soft rule with a reason.")
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BrokenBooking | None:
        return selected_row(self.table, BrokenBooking)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected()
        for button in (self.move_button, self.remove_button, self.accept_button,
                       self.recheck_button):
            button.setEnabled(self._editable and chosen is not None)
            if not self._editable:
                button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        self.recheck_button.setEnabled(self._editable)
        self.accept_button.setEnabled(self._editable and chosen is not None and not chosen.hard)
        self.open_button.setEnabled(chosen is not None)

    def _on_activated(self, _index: QModelIndex) -> None:
        self.open_person()

    @Slot()
    def open_person(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            open_person(chosen.person_id)

    @Slot()
    def move_booking(self) -> MoveDialog | None:
        chosen = self.selected()
        if chosen is None or not self.move_button.isEnabled():
            return None
        sessions = self._services.upw.sessions
        detail = sessions.detail(chosen.session_id)
        people = [p for p in detail.people if p.appointment_id == chosen.appointment_id]
        if not people:
            raise NotFoundError("That booking has changed; refresh the list.")
        unit_id = self.unit_id if self.unit_id is not None else (
            self._units[0].id if self._units else 0)
        dialog = MoveDialog(self._services, detail.session, people, self._units, unit_id, self)
        dialog.saved.connect(lambda _rows: self._resolved(f"Moved {chosen.name}."))
        self.dialog = dialog
        dialog.open()
        return dialog

    def resolve(self, *, accepting: bool) -> ReasonDialog | None:
        chosen = self.selected()
        button = self.accept_button if accepting else self.remove_button
        if chosen is None or not button.isEnabled():
            return None
        dialog = ReasonDialog(self._services, chosen, accepting=accepting, parent=self)
        verb = "Accepted" if accepting else "Removed"
        dialog.saved.connect(lambda _row: self._resolved(f"{verb} {chosen.name}'s place."))
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def recheck_all(self) -> None:
        """Judge every future booking again, on the writer thread (it takes seconds)."""
        self.recheck_button.setEnabled(False)

        def done(report: RecheckReport) -> None:
            self._update_buttons()
            self._resolved(f"Checked every future booking: {report.count} newly found, "
                           f"{report.mended} no longer breaking a rule.")

        def failed(exc: BaseException) -> None:
            self._update_buttons()
            report_failure(self, "The bookings could not be checked again.", exc)

        self.recheck_task = run_in_background(
            self._services.upw.broken.recheck_all, done, failed,
            "Checking every future booking against the rules…", parent=self,
            pool=writer_pool())

    def _resolved(self, message: str) -> None:
        announce(message)
        self.reload()
