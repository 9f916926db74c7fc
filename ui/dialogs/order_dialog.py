"""Adding or editing an unpaid work order, and recording a court's extension of it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from upw_ttg.domain.codes import OrderSubtype, OrderType
from upw_ttg.domain.orders import MAX_HOURS, MIN_HOURS
from upw_ttg.errors import ValidationError
from upw_ttg.records.orders import OrderExtensionRow, OrderInput, OrderRecord
from upw_ttg.services.orders import OrdersService

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.dialogs.person_dialog import enum_combo
from ui.dialogs.upw.breaks_warning import ChecksBookings
from ui.formatting import format_date
from ui.widgets.date_field import DateField


class OrderDialog(ChecksBookings, FormDialog):
    """New order for ``person_id`` (``record`` None) or edit ``record``."""

    def __init__(self, orders: OrdersService, person_id: int, person_name: str,
                 record: OrderRecord | None = None, parent: QWidget | None = None):
        title = "New unpaid work order" if record is None else "Edit unpaid work order"
        super().__init__(f"{title} – {person_name}",
                         "The completion deadline is worked out from the sentence date and "
                         "the policy settings.", parent)
        self._orders = orders
        self._record = record
        self._person_id = person_id
        f = self.fields
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.court = QLineEdit()
        self.court.setMaxLength(100)
        self.court.setPlaceholderText("e.g. York Magistrates' Court")
        f.add_row(form, "court", "&Court", self.court)
        self.sentence_date = DateField()
        f.add_row(form, "sentence_date", "&Sentence date", self.sentence_date)
        self.order_type = enum_combo(OrderType)
        f.add_row(form, "order_type", "Order &type", self.order_type)
        self.subtype = enum_combo(OrderSubtype)
        f.add_row(form, "subtype", "Requirement su&btype", self.subtype)
        self.hours_ordered = QSpinBox()
        # Wider than the legal range so the service, not the widget, explains the limits.
        self.hours_ordered.setRange(0, 9999)
        self.hours_ordered.setSuffix(" hours")
        self.hours_ordered.setSpecialValueText("Not entered")
        f.add_row(form, "hours_ordered", "&Hours ordered", self.hours_ordered,
                  hint=f"Between {MIN_HOURS} and {MAX_HOURS} hours.")
        self.standalone = QCheckBox("Stand&alone (unpaid work is the only requirement)")
        f.add_row(form, "standalone", "", self.standalone)
        self.ete_allowed = QCheckBox("&ETE allowed (education, training and employment)")
        f.add_row(form, "ete_allowed", "", self.ete_allowed)
        self.travel_time_eligible = QCheckBox("Eligible for t&ravel time")
        f.add_row(form, "travel_time_eligible", "", self.travel_time_eligible)
        if record is not None:
            deadline = format_date(record.effective_deadline, "none (no time limit)")
            form.addRow("Deadline now", QLabel(deadline))
        self.body.addLayout(form)
        self._load(record.to_input() if record else OrderInput(person_id=person_id))
        self.resize(560, self.sizeHint().height())

    def _load(self, data: OrderInput) -> None:
        self._version = data.version
        self.court.setText(data.court)
        self.sentence_date.set_date(data.sentence_date)
        self.order_type.setCurrentIndex(max(0, self.order_type.findData(data.order_type)))
        self.subtype.setCurrentIndex(max(0, self.subtype.findData(data.subtype)))
        self.hours_ordered.setValue(data.hours_ordered)
        self.standalone.setChecked(data.standalone)
        self.ete_allowed.setChecked(data.ete_allowed)
        self.travel_time_eligible.setChecked(data.travel_time_eligible)

    def collect(self) -> OrderInput:
        problems: dict[str, str] = {}
        sentence = read_date(self.fields, "sentence_date", problems)
        if problems:
            raise ValidationError(problems)
        return OrderInput(
            person_id=self._person_id, court=self.court.text(), sentence_date=sentence,
            order_type=self.order_type.currentData(), subtype=self.subtype.currentData(),
            hours_ordered=self.hours_ordered.value(), standalone=self.standalone.isChecked(),
            ete_allowed=self.ete_allowed.isChecked(),
            travel_time_eligible=self.travel_time_eligible.isChecked(), version=self._version)

    def save(self, data: OrderInput) -> OrderRecord:
        if self._record is None:
            return self._orders.create(data)
        order_id = self._record.id
        # A new sentence date moves the deadline, which bookings are judged by (rule UPW-7).
        self.confirm_bookings(lambda: self._orders.preview_update(order_id, data))
        return self._orders.update(order_id, data)


class ExtensionDialog(FormDialog):
    """Record that a court extended the period for completing ``record``'s hours."""

    def __init__(self, orders: OrdersService, record: OrderRecord, today: dt.date,
                 parent: QWidget | None = None):
        current = format_date(record.effective_deadline, "none")
        super().__init__("Record an extension",
                         f"Order made at {record.court} on {format_date(record.sentence_date)}."
                         f" The deadline now is {current}.", parent, save_text="&Record")
        self._orders = orders
        self._record = record
        f = self.fields
        form = QFormLayout()
        self.granted_on = DateField()
        self.granted_on.set_date(today)
        f.add_row(form, "granted_on", "&Granted on", self.granted_on)
        self.court = QLineEdit(record.court)
        self.court.setMaxLength(100)
        f.add_row(form, "court", "&Court", self.court)
        self.new_deadline = DateField()
        f.add_row(form, "new_deadline", "&New deadline", self.new_deadline)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        f.add_row(form, "reason", "&Reason", self.reason)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> OrderExtensionRow:
        problems: dict[str, str] = {}
        granted = read_date(self.fields, "granted_on", problems)
        deadline = read_date(self.fields, "new_deadline", problems)
        if "granted_on" not in problems and granted is None:
            problems["granted_on"] = "Enter the date the court granted the extension."
        if "new_deadline" not in problems and deadline is None:
            problems["new_deadline"] = "Enter the new deadline."
        if problems:
            raise ValidationError(problems)
        assert granted is not None and deadline is not None
        return OrderExtensionRow(granted, self.court.text(), deadline, self.reason.text())

    def save(self, data: OrderExtensionRow) -> OrderRecord:
        return self._orders.add_extension(self._record.id, data)
