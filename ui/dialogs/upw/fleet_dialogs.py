"""Adding or editing a van or a pick-up point."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.upw import (
    PickupPointInput,
    PickupPointRecord,
    VanInput,
    VanRecord,
)

from ui.dialogs.form_dialog import FormDialog, optional_text


def office_combo(services: AppServices, current: int | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem("Choose…", None)
    for office in services.people.offices():
        combo.addItem(f"{office.name} ({office.delivery_unit})", office.id)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class VanDialog(FormDialog):
    """A van: registration, a name people recognise, seats for people (not the driver)."""

    def __init__(self, services: AppServices, record: VanRecord | None = None,
                 parent: QWidget | None = None):
        super().__init__("New van" if record is None else f"Edit {record.name}", None, parent)
        self._services = services
        self._record = record
        form = QFormLayout()
        self.name = QLineEdit(record.name if record else "")
        self.name.setMaxLength(60)
        self.name.setPlaceholderText("e.g. Crew van 2 (York)")
        self.fields.add_row(form, "name", "&Name", self.name)
        self.registration = QLineEdit(record.registration if record else "")
        self.registration.setMaxLength(10)
        self.fields.add_row(form, "registration", "&Registration", self.registration)
        self.seats = QSpinBox()
        self.seats.setRange(0, 99)
        self.seats.setValue(record.seats if record else 8)
        self.fields.add_row(form, "seats", "Sea&ts", self.seats,
                            hint="Seats for people, not counting the driver.")
        self.office = office_combo(services, record.office_id if record else None)
        self.fields.add_row(form, "office_id", "&Office", self.office)
        self.active = QCheckBox("&Active")
        self.active.setChecked(record.active if record else True)
        self.fields.add_row(form, "active", "", self.active)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> VanInput:
        return VanInput(self.registration.text(), self.name.text(), self.seats.value(),
                        self.office.currentData(), self.active.isChecked(),
                        self._record.version if self._record else None)

    def save(self, data: VanInput) -> VanRecord:
        return self._services.upw.projects.save_van(
            self._record.id if self._record else None, data)


class PickupPointDialog(FormDialog):
    """A place where the van collects people, usually an office or a bus station."""

    def __init__(self, services: AppServices, record: PickupPointRecord | None = None,
                 parent: QWidget | None = None):
        super().__init__("New pick-up point" if record is None else f"Edit {record.name}",
                         None, parent)
        self._services = services
        self._record = record
        form = QFormLayout()
        self.name = QLineEdit(record.name if record else "")
        self.name.setMaxLength(100)
        self.fields.add_row(form, "name", "&Name", self.name)
        self.address = QLineEdit(record.address if record else "")
        self.address.setMaxLength(200)
        self.fields.add_row(form, "address", "&Address", self.address)
        self.town = QLineEdit(record.town or "" if record else "")
        self.town.setMaxLength(60)
        self.fields.add_row(form, "town", "&Town", self.town)
        self.postcode = QLineEdit(record.postcode or "" if record else "")
        self.postcode.setMaxLength(10)
        self.fields.add_row(form, "postcode", "&Postcode", self.postcode)
        self.office = office_combo(services, record.office_id if record else None)
        self.fields.add_row(form, "office_id", "&Office", self.office)
        self.active = QCheckBox("A&ctive")
        self.active.setChecked(record.active if record else True)
        self.fields.add_row(form, "active", "", self.active)
        self.body.addLayout(form)
        self.resize(560, self.sizeHint().height())

    def collect(self) -> PickupPointInput:
        return PickupPointInput(self.name.text(), self.address.text(),
                                optional_text(self.postcode), self.office.currentData(),
                                self.active.isChecked(),
                                self._record.version if self._record else None,
                                optional_text(self.town))

    def save(self, data: PickupPointInput) -> PickupPointRecord:
        return self._services.upw.projects.save_pickup_point(
            self._record.id if self._record else None, data)
