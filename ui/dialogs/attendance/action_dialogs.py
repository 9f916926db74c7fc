"""Recording a follow-up enforcement action, and the evidence for an acceptable absence."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from upw_ttg.domain.codes import ENFORCEMENT_ACTION_CODES
from upw_ttg.domain.enforcement import RESPOND_BY_CODES
from upw_ttg.errors import ValidationError
from upw_ttg.records.attendance import EnforcementActionRow, QueueItem
from upw_ttg.services.attendance.enforcement import FOLLOW_UP_CODES, EnforcementService

from ui.dialogs.form_dialog import FormDialog, optional_text, read_date
from ui.formatting import format_date
from ui.widgets.date_field import DateField

_DESCRIPTIONS = dict(ENFORCEMENT_ACTION_CODES)


def _about(item: QueueItem) -> str:
    return f"{item.name} ({item.crn}), {item.code} on {format_date(item.event_date)}."


class ActionDialog(FormDialog):
    """A follow-up action (ROM, EA08, EA12, BRE02, EA06, NFA) with its respond-by date.

    Warnings and referrals are not offered here: they are the decision on a failure, made
    on the decision screen where the law's choices are shown.
    """

    def __init__(self, service: EnforcementService, item: QueueItem, today: dt.date,
                 parent: QWidget | None = None):
        super().__init__("Record an enforcement action",
                         _about(item) + " Warnings and breach referrals are recorded with "
                         "Decide.", parent, save_text="Record &action")
        self._service = service
        self._item = item
        self._today = today
        form = QFormLayout()
        self.code = QComboBox()
        for code in FOLLOW_UP_CODES:
            self.code.addItem(f"{code} – {_DESCRIPTIONS.get(code, code)}", code)
        self.fields.add_row(form, "code", "&Action", self.code)
        self.action_date = DateField()
        self.action_date.set_date(today)
        self.fields.add_row(form, "action_date", "&Date taken", self.action_date,
                            "The day the action was taken; the respond-by date counts from it.")
        self.late_reason = QLineEdit()
        self.late_reason.setMaxLength(400)
        self.late_reason_label = self.fields.add_row(
            form, "late_reason", "&Why it is recorded late", self.late_reason,
            "The date is before today, so say why it was not recorded on the day.")
        self.action_date.textChanged.connect(self._on_action_date_text_changed)
        self._form = form
        self.respond_by = DateField()
        self.fields.add_row(form, "respond_by_date", "&Respond by", self.respond_by,
                            "Leave blank to use the usual number of working days from the "
                            "date taken (" + ", ".join(sorted(c for c in RESPOND_BY_CODES
                                                              if c in FOLLOW_UP_CODES))
                            + " only).")
        self.outcome = QLineEdit()
        self.outcome.setMaxLength(200)
        self.fields.add_row(form, "outcome", "&Outcome", self.outcome)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4 + 16)
        self.fields.add_row(form, "notes", "&Notes", self.notes)
        self.body.addLayout(form)
        self._show_late_reason()
        self.resize(560, self.sizeHint().height())

    def _taken_on(self) -> dt.date | None:
        try:
            return self.action_date.date()
        except ValueError:
            return None

    def _show_late_reason(self) -> None:
        day = self._taken_on()
        self._form.setRowVisible(self.late_reason_label, day is not None and day < self._today)

    def _on_action_date_text_changed(self, _text: str) -> None:
        self._show_late_reason()

    def collect(self) -> dict:
        problems: dict[str, str] = {}
        taken = read_date(self.fields, "action_date", problems)
        if taken is None and "action_date" not in problems:
            problems["action_date"] = "Enter the date the action was taken."
        respond_by = read_date(self.fields, "respond_by_date", problems)
        if problems:
            raise ValidationError(problems)
        assert taken is not None
        return {"code": self.code.currentData(), "respond_by_date": respond_by,
                "outcome": optional_text(self.outcome),
                "notes": self.notes.toPlainText().strip() or None, "action_date": taken,
                "late_reason": optional_text(self.late_reason) if taken < self._today
                else None}

    def save(self, data: dict) -> EnforcementActionRow:
        item = self._item
        return self._service.record_action(item.order_id, data["code"],
                                           appointment_id=item.appointment_id,
                                           respond_by_date=data["respond_by_date"],
                                           outcome=data["outcome"], notes=data["notes"],
                                           action_date=data["action_date"],
                                           late_reason=data["late_reason"])


class EvidenceDialog(FormDialog):
    """Rule UPW-18: the evidence for an absence claimed as acceptable has arrived."""

    def __init__(self, service: EnforcementService, item: QueueItem, today: dt.date,
                 parent: QWidget | None = None):
        super().__init__("Record evidence received",
                         _about(item) + f" The evidence was due by {format_date(item.due)}.",
                         parent, save_text="&Record")
        self._service = service
        self._item = item
        form = QFormLayout()
        self.received_on = DateField()
        self.received_on.set_date(today)
        self.fields.add_row(form, "received_on", "&Received on", self.received_on)
        self.body.addLayout(form)
        self.resize(480, self.sizeHint().height())

    def collect(self) -> dt.date:
        problems: dict[str, str] = {}
        received = read_date(self.fields, "received_on", problems)
        if received is None and not problems:
            problems["received_on"] = "Enter the date the evidence arrived."
        if problems:
            raise ValidationError(problems)
        assert received is not None
        return received

    def save(self, data: dt.date) -> dt.date:
        assert self._item.appointment_id is not None
        self._service.record_evidence(self._item.appointment_id, data)
        return data
