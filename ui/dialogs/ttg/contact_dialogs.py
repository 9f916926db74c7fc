"""Forms for the handover's contact log: a new contact, and its acknowledgement."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from upw_ttg.domain.codes import ContactMethod
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import ContactInput, ContactRow, HandoverRecord
from upw_ttg.services.ttg.handover import HandoverService

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.formatting import format_date
from ui.models.ttg.codes import code_text
from ui.widgets.code_combo import code_combo
from ui.widgets.date_field import DateField


class ContactDialog(FormDialog):
    """Log a contact with the community responsible officer."""

    def __init__(self, handover: HandoverService, episode_id: int, today: dt.date,
                 officer: str | None, parent: QWidget | None = None):
        super().__init__("New contact with the responsible officer",
                         f"With {officer}." if officer else
                         "Record the officer's name on the Handover page too.", parent)
        self._handover = handover
        self._episode_id = episode_id
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.contact_date = DateField()
        self.contact_date.set_date(today)
        self.fields.add_row(form, "contact_date", "&Date", self.contact_date)
        self.method = code_combo(ContactMethod)
        self.fields.add_row(form, "method", "&How", self.method)
        self.shared = QLineEdit()
        self.shared.setMaxLength(400)
        self.shared.setPlaceholderText("e.g. Plan, release address and risk summary sent")
        self.fields.add_row(form, "shared", "&What was shared", self.shared)
        self.acknowledged_on = DateField()
        self.fields.add_row(form, "acknowledged_on", "&Acknowledged on", self.acknowledged_on,
                            hint="Leave empty until the officer replies; unacknowledged "
                                 "contacts are chased.")
        self.body.addLayout(form)
        self.resize(560, self.sizeHint().height())

    def collect(self) -> ContactInput:
        problems: dict[str, str] = {}
        on = read_date(self.fields, "contact_date", problems)
        acknowledged = read_date(self.fields, "acknowledged_on", problems)
        if problems:
            raise ValidationError(problems)
        return ContactInput(contact_date=on, method=self.method.currentData(),
                            shared=self.shared.text(), acknowledged_on=acknowledged)

    def save(self, data: ContactInput) -> HandoverRecord:
        return self._handover.add_contact(self._episode_id, data)


class AcknowledgeDialog(FormDialog):
    """Record the day the officer acknowledged a contact."""

    def __init__(self, handover: HandoverService, contact: ContactRow, today: dt.date,
                 parent: QWidget | None = None):
        super().__init__("Contact acknowledged",
                         f"Contact of {format_date(contact.contact_date)} "
                         f"({code_text(contact.method).lower()}): {contact.shared}", parent)
        self._handover = handover
        self._contact = contact
        form = QFormLayout()
        self.acknowledged_on = DateField()
        self.acknowledged_on.set_date(today)
        self.fields.add_row(form, "acknowledged_on", "&Acknowledged on", self.acknowledged_on)
        self.body.addLayout(form)
        self.resize(480, self.sizeHint().height())

    def collect(self) -> dt.date | None:
        problems: dict[str, str] = {}
        on = read_date(self.fields, "acknowledged_on", problems)
        if problems:
            raise ValidationError(problems)
        return on

    def save(self, data: dt.date | None) -> HandoverRecord:
        if data is None:
            raise ValidationError({"acknowledged_on": "Enter the date it was acknowledged."})
        return self._handover.acknowledge(self._contact.id, data)
