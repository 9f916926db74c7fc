"""Issuing a travel warrant, and voiding one with a reason."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import WarrantMode
from upw_ttg.errors import ValidationError
from upw_ttg.records.people import PersonRow
from upw_ttg.records.upw import SessionRecord, WarrantInput, WarrantRecord

from ui.changes import Subject, publish
from ui.dialogs.form_dialog import FormDialog, read_date
from ui.dialogs.person_dialog import enum_combo
from ui.dialogs.upw.place_dialog import session_title
from ui.widgets.code_combo import enum_value
from ui.widgets.date_field import DateField
from ui.widgets.person_picker import PersonPicker


class WarrantDialog(FormDialog):
    """Issue a warrant for a person (found here, or given) and a session or dates.

    The serial is the issuing office's next one, given by the service when it is saved.
    """

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 person_id: int | None = None, person_name: str | None = None,
                 session: SessionRecord | None = None, travel_to: str | None = None):
        super().__init__("Issue a travel warrant",
                         "The serial number is given when you issue it: the next one of the "
                         "issuing office. A warrant carries no risk, health or offence "
                         "information.", parent, save_text="&Issue")
        self._services = services
        self._person_id = person_id
        self._session = session
        f = self.fields
        who, who_form = QGroupBox("Who and when"), QFormLayout()
        who.setLayout(who_form)
        if person_id is None:
            self.picker: PersonPicker | None = PersonPicker(services.people)
            self.picker.person_chosen.connect(self._on_person_chosen)
            self.picker.table.setMinimumHeight(140)
            f.add_row(who_form, "person_id", "&Person", self.picker)
        else:
            self.picker = None
            who_form.addRow("Person", QLabel(person_name or ""))
        self.session = QComboBox()
        self.session.addItem("No session: the dates below", None)
        if session is not None:
            self.session.addItem(session_title(session), session.id)
            self.session.setCurrentIndex(1)
        f.add_row(who_form, "session_id", "&Session", self.session)
        self.valid_from = DateField()
        f.add_row(who_form, "valid_from", "&First day", self.valid_from,
                  hint="Leave blank to use the session's date.")
        self.valid_to = DateField()
        f.add_row(who_form, "valid_to", "&Last day", self.valid_to)
        journey, journey_form = QGroupBox("Journey"), QFormLayout()
        journey.setLayout(journey_form)
        self.office = QComboBox()
        actor = services.ctx.actor
        for office in services.people.offices():
            self.office.addItem(f"{office.name} ({office.code})", office.id)
        self.office.setCurrentIndex(max(0, self.office.findData(actor.office_id if actor
                                                                else None)))
        f.add_row(journey_form, "office_id", "Issuing &office", self.office)
        self.travel_from = QLineEdit()
        self.travel_from.setMaxLength(100)
        f.add_row(journey_form, "travel_from", "F&rom", self.travel_from)
        self.travel_to = QLineEdit()
        self.travel_to.setMaxLength(100)
        if travel_to:
            self.travel_to.setText(travel_to)
        f.add_row(journey_form, "travel_to", "&To", self.travel_to)
        self.mode = enum_combo(WarrantMode)
        f.add_row(journey_form, "mode", "&Mode", self.mode)
        self.journey = QComboBox()
        self.journey.addItem("Return on each day", True)
        self.journey.addItem("Single on each day", False)
        f.add_row(journey_form, "return_journey", "Tic&ket", self.journey,
                  hint="Rail warrants are for Standard class.")
        self.fare = QDoubleSpinBox()
        self.fare.setPrefix("£")
        self.fare.setDecimals(2)
        self.fare.setRange(0, 1000)
        self.fare.setSingleStep(0.5)
        f.add_row(journey_form, "fare_pence", "F&are", self.fare,
                  hint="The total for all the days of travel.")
        self.eligibility = QComboBox()
        self.eligibility.addItem("Choose…", "")
        for criterion in services.upw.warrants.eligibility_criteria():
            self.eligibility.addItem(criterion.capitalize(), criterion)
        f.add_row(journey_form, "eligibility", "&Eligibility", self.eligibility)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("e.g. no bus from the village before 8:00")
        f.add_row(journey_form, "reason", "Reaso&n", self.reason)
        grid = QGridLayout()
        grid.addWidget(who, 0, 0)
        grid.addWidget(journey, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.resize(980, 520)

    def _on_person_chosen(self, person: PersonRow | None) -> None:
        self._person_id = person.id if person is not None else None

    def collect(self) -> WarrantInput:
        problems: dict[str, str] = {}
        valid_from = read_date(self.fields, "valid_from", problems)
        valid_to = read_date(self.fields, "valid_to", problems)
        if self._person_id is None:
            problems["person_id"] = "Find the person the warrant is for."
        if problems:
            raise ValidationError(problems)
        assert self._person_id is not None
        if valid_from is not None and valid_to is None:
            valid_to = valid_from
        return WarrantInput(
            person_id=self._person_id, office_id=self.office.currentData(),
            session_id=self.session.currentData(), valid_from=valid_from, valid_to=valid_to,
            travel_from=self.travel_from.text(), travel_to=self.travel_to.text(),
            mode=enum_value(self.mode, WarrantMode) or WarrantMode.BUS,
            fare_pence=round(self.fare.value() * 100),
            eligibility=self.eligibility.currentData(), reason=self.reason.text(),
            return_journey=bool(self.journey.currentData()))

    def save(self, data: WarrantInput) -> WarrantRecord:
        warrant = self._services.upw.warrants.issue(data)
        publish(Subject.WARRANT, [warrant.id], [warrant.person_id], warrant)
        return warrant


class VoidWarrantDialog(FormDialog):
    """Void a warrant with a reason; its serial stays used, so the register has no gap."""

    def __init__(self, services: AppServices, warrant: WarrantRecord,
                 parent: QWidget | None = None):
        super().__init__(f"Void warrant {warrant.serial_text}",
                         f"For {warrant.name} ({warrant.crn}), {warrant.travel_from} to "
                         f"{warrant.travel_to}. The serial number stays used.", parent,
                         save_text="&Void")
        self._services = services
        self._warrant = warrant
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("e.g. issued with the wrong date")
        self.fields.add_row(form, "void_reason", "&Reason", self.reason)
        self.body.addLayout(form)
        self.resize(560, self.sizeHint().height())

    def collect(self) -> str:
        return self.reason.text()

    def save(self, data: str) -> WarrantRecord:
        warrant = self._services.upw.warrants.void(self._warrant.id, data,
                                                   version=self._warrant.version)
        publish(Subject.WARRANT, [warrant.id], [warrant.person_id], warrant)
        return warrant


class IssuedBox(QMessageBox):
    """Says a warrant was issued, with its serial, and offers to print it at once.

    Signals:
        print_requested(object): the warrant, when "Print now" is chosen.
    """

    print_requested = Signal(object)

    def __init__(self, warrant: WarrantRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.warrant = warrant
        self.setWindowTitle("Travel warrant issued")
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(f"Issued travel warrant <b>{warrant.serial_text}</b> to "
                     f"{html.escape(warrant.name)}.")
        self.setInformativeText("Print it now and hand it to the person. A later print is "
                                "marked COPY and is not valid for travel.")
        self.print_button = self.addButton("&Print now", QMessageBox.ButtonRole.AcceptRole)
        self.later_button = self.addButton("Print &later", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.print_button)
        self.buttonClicked.connect(self._on_clicked)

    def _on_clicked(self, button) -> None:
        if button is self.print_button:
            self.print_requested.emit(self.warrant)


def print_warrant(parent: QWidget, services: AppServices, warrant: WarrantRecord) -> None:
    """Prepare the warrant in the background and show it in the print preview."""
    from ui.printing import preview_document

    render = services.upw.documents.render_warrant
    preview_document(parent, lambda: render(warrant.id),
                     f"Travel warrant {warrant.serial_text} – {warrant.name}",
                     f"travel-warrant-{warrant.serial_text}.pdf")


def confirm_issued(parent: QWidget, services: AppServices, warrant: WarrantRecord
                   ) -> IssuedBox:
    """Show the serial of a warrant just issued and offer to print it."""
    box = IssuedBox(warrant, parent)
    box.print_requested.connect(lambda w: print_warrant(parent, services, w))
    box.open()
    return box


def default_dates(today: dt.date) -> tuple[dt.date, dt.date]:
    """The register's first view: the last three months."""
    return today - dt.timedelta(days=91), today
