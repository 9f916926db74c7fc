"""Editing an office's contact details, and adding or editing a prison (administrators)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.domain.organisation import OfficeInput, PrisonInput
from upw_ttg.records.organisation import OfficeDetails, PrisonDetails
from upw_ttg.services.organisation import OrganisationService

from ui.dialogs.form_dialog import FormDialog, optional_text


def _line(max_length: int, text: str | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text or "")
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class OfficeDialog(FormDialog):
    """An office's name, organisation, address, phone, email, hours and warrant account."""

    def __init__(self, service: OrganisationService, office: OfficeDetails,
                 parent: QWidget | None = None):
        super().__init__(f"Office: {office.name}",
                         "Every letter, warrant and sheet handed to a person names the "
                         "organisation and prints this address and phone number.", parent)
        self._service = service
        self._office = office
        f = self.fields
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.name = _line(100, office.name)
        f.add_row(form, "name", "Office &name", self.name)
        self.organisation = _line(120, office.organisation, "The Probation Service")
        f.add_row(form, "organisation", "&Organisation", self.organisation,
                  hint="As a person should see it on paper.")
        self.address = _line(200, office.address, "2 Clifford Street")
        f.add_row(form, "address", "&Address", self.address)
        self.town = _line(60, office.town)
        f.add_row(form, "town", "&Town", self.town)
        self.postcode = _line(10, office.postcode)
        f.add_row(form, "postcode", "Post&code", self.postcode)
        self.phone = _line(30, office.phone, "0300 047 1010")
        f.add_row(form, "phone", "&Phone", self.phone,
                  hint="The number a person calls if they cannot come or need to ask.")
        self.email = _line(120, office.email)
        f.add_row(form, "email", "&Email", self.email)
        self.opening_hours = _line(120, office.opening_hours, "Monday to Friday, 9am to 5pm")
        f.add_row(form, "opening_hours", "Opening &hours", self.opening_hours)
        self.opening_hours_cy = _line(120, office.opening_hours_cy,
                                      "Dydd Llun i ddydd Gwener, 9yb i 5yp")
        f.add_row(form, "opening_hours_cy", "Opening hours in We&lsh", self.opening_hours_cy,
                  hint="Printed on letters to Welsh speakers.")
        self.warrant_account = _line(40, office.warrant_account)
        f.add_row(form, "warrant_account", "&Warrant billing account", self.warrant_account,
                  hint="The account bus and rail operators bill for this office's warrants.")
        self.body.addLayout(form)

    def collect(self) -> OfficeInput:
        return OfficeInput(
            name=self.name.text(), organisation=optional_text(self.organisation),
            address=optional_text(self.address), town=optional_text(self.town),
            postcode=optional_text(self.postcode), phone=optional_text(self.phone),
            email=optional_text(self.email), opening_hours=optional_text(self.opening_hours),
            opening_hours_cy=optional_text(self.opening_hours_cy),
            warrant_account=optional_text(self.warrant_account))

    def save(self, data: OfficeInput) -> OfficeDetails:
        return self._service.update_office(self._office.id, data, self._office.version)


class PrisonDialog(FormDialog):
    """A new prison, or changes to one: name, 3-letter code, address and phone."""

    def __init__(self, service: OrganisationService, prison: PrisonDetails | None = None,
                 parent: QWidget | None = None):
        super().__init__("Add a prison" if prison is None else f"Prison: {prison.name}",
                         None, parent, save_text="&Add" if prison is None else "&Save")
        self._service = service
        self._prison = prison
        f = self.fields
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.name = _line(100, prison.name if prison else None, "HMP Lincoln")
        f.add_row(form, "name", "&Name", self.name)
        self.code = _line(3, prison.code if prison else None, "LII")
        f.add_row(form, "code", "&Code", self.code, hint="The prison's three-letter code.")
        self.address = _line(200, prison.address if prison else None)
        f.add_row(form, "address", "&Address", self.address)
        self.phone = _line(30, prison.phone if prison else None)
        f.add_row(form, "phone", "&Phone", self.phone)
        self.holds_women = QCheckBox("Holds &women")
        self.holds_women.setChecked(bool(prison and prison.holds_women))
        f.add_row(form, "holds_women", "", self.holds_women)
        self.body.addLayout(form)

    def collect(self) -> PrisonInput:
        return PrisonInput(code=self.code.text(), name=self.name.text(),
                           address=optional_text(self.address), phone=optional_text(self.phone),
                           holds_women=self.holds_women.isChecked())

    def save(self, data: PrisonInput) -> PrisonDetails:
        if self._prison is None:
            return self._service.add_prison(data)
        return self._service.update_prison(self._prison.id, data, self._prison.version)
