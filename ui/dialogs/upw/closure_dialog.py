"""Adding a closure date (the whole service, an office or one project), warned of what it breaks."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import ValidationError
from upw_ttg.records.calendar import ClosureRow
from upw_ttg.records.upw import ProjectRecord

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.dialogs.upw.breaks_warning import ChecksBookings
from ui.widgets.date_field import DateField


class ClosureDialog(ChecksBookings, FormDialog):
    """A day no session runs where it applies; bookings already made that day are listed
    before saving, and queued if saved."""

    def __init__(self, services: AppServices, project: ProjectRecord | None,
                 parent: QWidget | None = None):
        super().__init__("Add a closure date", "No session runs on a closed day. Sessions "
                         "already generated stay, and places booked on them go on the list "
                         "of bookings that break a rule.", parent, save_text="&Add closure")
        self._services = services
        form = QFormLayout()
        self.day = DateField()
        self.fields.add_row(form, "closed_on", "&Date", self.day)
        self.scope = QComboBox()
        self.scope.setAccessibleName("Closed for")
        if project is not None:
            self.scope.addItem(f"Only the project {project.name}", ("project", project.id))
        for office in services.people.offices():
            self.scope.addItem(f"The {office.name} office", ("office", office.id))
        self.scope.addItem("The whole service", ("service", None))
        self.fields.add_row(form, "scope", "Closed &for", self.scope)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.fields.add_row(form, "reason", "&Reason", self.reason,
                            hint="For example: site flooded, office refurbishment.")
        self.body.addLayout(form)
        self.resize(560, 260)

    def collect(self) -> dict:
        problems: dict[str, str] = {}
        day = read_date(self.fields, "closed_on", problems)
        if day is None and not problems:
            problems["closed_on"] = "Enter the date of the closure."
        if problems:
            raise ValidationError(problems)
        kind, target = self.scope.currentData()
        return {"closed_on": day, "reason": self.reason.text(),
                "office_id": target if kind == "office" else None,
                "project_id": target if kind == "project" else None}

    def save(self, data: dict) -> ClosureRow:
        calendar = self._services.calendar
        self.confirm_bookings(lambda: calendar.preview_closure(**data))
        return calendar.add_closure(**data)
