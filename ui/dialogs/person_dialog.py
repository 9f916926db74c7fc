"""Adding or editing a person: identity, contact details, language and supervising office."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.codes import Gender, GenderCategory, Language
from upw_ttg.errors import ValidationError
from upw_ttg.records.people import PersonInput, PersonRecord
from upw_ttg.services.people import CONFIRMED_CATEGORIES, PeopleService

from ui.dialogs.form_dialog import FormDialog, optional_text, read_date
from ui.formatting import format_datetime, label
from ui.widgets.date_field import DateField


def enum_combo(values: type[Enum], current: object = None) -> QComboBox:
    """A combo box listing an enum's members in plain words; data is the member."""
    combo = QComboBox()
    for member in values:
        combo.addItem(label(member), member)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def category_combo(current: GenderCategory | None) -> QComboBox:
    """The gender the placement rules use, asked plainly. A new person starts with no answer,
    so it is always chosen; "Not yet confirmed" is listed only for a record that has it."""
    combo = QComboBox()
    if current is None:
        combo.addItem("Choose…", None)
    for category in CONFIRMED_CATEGORIES:
        combo.addItem(label(category), category)
    if current == GenderCategory.UNCONFIRMED:
        combo.addItem(label(current), current)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _line(max_length: int = 200, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(8)
    return box, form


class PersonDialog(FormDialog):
    """New person (``record`` None) or edit one; saves through ``PeopleService``."""

    def __init__(self, people: PeopleService, record: PersonRecord | None = None,
                 parent: QWidget | None = None):
        title = "New person" if record is None else f"Edit {record.display_name}"
        intro = None
        if record is not None:
            who = record.updated_by or "someone"
            intro = f"Last changed by {who} on {format_datetime(record.updated_at)}."
        super().__init__(title, intro, parent)
        self._people = people
        self._record = record
        self._build()
        self._load(record.to_input() if record else PersonInput())
        self.resize(980, 640)

    def _build(self) -> None:
        f = self.fields
        identity, form = _group("Identity")
        self.crn = _line(7, "X123456")
        f.add_row(form, "crn", "&CRN", self.crn)
        self.forename = _line(60)
        f.add_row(form, "forename", "&First name", self.forename)
        self.middle_names = _line(60)
        f.add_row(form, "middle_names", "&Middle names", self.middle_names)
        self.surname = _line(60)
        f.add_row(form, "surname", "Sur&name", self.surname)
        self.preferred_name = _line(60)
        f.add_row(form, "preferred_name", "Pr&eferred name", self.preferred_name)
        self.date_of_birth = DateField()
        f.add_row(form, "date_of_birth", "&Date of birth", self.date_of_birth)
        self.gender = enum_combo(Gender)
        f.add_row(form, "gender", "&Gender", self.gender)
        self.gender_category = category_combo(
            self._record.gender_category if self._record is not None else None)
        f.add_row(form, "gender_category", "Gender for &placements", self.gender_category,
                  hint="Ask: “Should we place you as a woman, a man, or as non-binary?” "
                       "Female-only sessions and never one woman alone follow this answer.")
        self.gender_identity = _line(200)
        f.add_row(form, "gender_identity", "Gender &identity", self.gender_identity,
                  hint="In the person's own words, if they want it recorded; shown on the "
                       "record and in letters, never used to place them.")

        contact, cform = _group("Contact")
        self.address_line1 = _line()
        f.add_row(cform, "address_line1", "&Address", self.address_line1)
        self.address_line2 = _line()
        self.address_line2.setAccessibleName("Address line 2")
        f.add_row(cform, "address_line2", "", self.address_line2)
        self.town = _line(100)
        f.add_row(cform, "town", "To&wn", self.town)
        self.postcode = _line(10, "HU1 3DX")
        f.add_row(cform, "postcode", "Pos&tcode", self.postcode)
        self.phone = _line(20)
        f.add_row(cform, "phone", "P&hone", self.phone)
        self.emergency_contact_name = _line(60)
        f.add_row(cform, "emergency_contact_name", "Emergenc&y contact",
                  self.emergency_contact_name)
        self.emergency_contact_phone = _line(20)
        f.add_row(cform, "emergency_contact_phone", "Emergency contact's phone",
                  self.emergency_contact_phone)

        support, sform = _group("Language and supervision")
        self.preferred_language = enum_combo(Language)
        f.add_row(sform, "preferred_language", "&Language", self.preferred_language)
        self.other_language = _line(100)
        f.add_row(sform, "other_language", "Other lang&uage", self.other_language)
        self.interpreter_needed = QCheckBox("Inte&rpreter needed")
        f.add_row(sform, "interpreter_needed", "", self.interpreter_needed)
        self.office = QComboBox()
        self.office.addItem("Not set", None)
        for office in self._people.offices():
            self.office.addItem(f"{office.name} ({office.delivery_unit})", office.id)
        f.add_row(sform, "office_id", "&Office", self.office)
        self.responsible_officer = _line(200)
        f.add_row(sform, "responsible_officer", "Responsi&ble officer",
                  self.responsible_officer)
        self.preferred_language.currentIndexChanged.connect(self._on_language_changed)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addWidget(identity, 0, 0, 2, 1)
        right = QVBoxLayout()
        right.addWidget(contact)
        right.addWidget(support)
        right.addStretch(1)
        grid.addLayout(right, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)

    def _on_language_changed(self) -> None:
        other = self.preferred_language.currentData() == Language.OTHER
        self.other_language.setEnabled(other)

    def _load(self, data: PersonInput) -> None:
        self._version = data.version
        for name in ("crn", "forename", "middle_names", "surname", "preferred_name",
                     "gender_identity", "address_line1", "address_line2", "town", "postcode",
                     "phone", "emergency_contact_name", "emergency_contact_phone",
                     "other_language", "responsible_officer"):
            getattr(self, name).setText(getattr(data, name) or "")
        self.date_of_birth.set_date(data.date_of_birth)
        self.gender.setCurrentIndex(max(0, self.gender.findData(data.gender)))
        self.gender_category.setCurrentIndex(
            max(0, self.gender_category.findData(data.gender_category)))
        self.preferred_language.setCurrentIndex(
            max(0, self.preferred_language.findData(data.preferred_language)))
        self.interpreter_needed.setChecked(data.interpreter_needed)
        self.office.setCurrentIndex(max(0, self.office.findData(data.office_id)))
        self._on_language_changed()

    def collect(self) -> PersonInput:
        problems: dict[str, str] = {}
        birth = read_date(self.fields, "date_of_birth", problems)
        if problems:
            raise ValidationError(problems)
        language = Language(self.preferred_language.currentData())
        return PersonInput(
            crn=self.crn.text().strip(), forename=self.forename.text(),
            surname=self.surname.text(), date_of_birth=birth,
            gender=self.gender.currentData(), gender_category=self.gender_category.currentData(),
            middle_names=optional_text(self.middle_names),
            preferred_name=optional_text(self.preferred_name),
            gender_identity=optional_text(self.gender_identity),
            address_line1=optional_text(self.address_line1),
            address_line2=optional_text(self.address_line2), town=optional_text(self.town),
            postcode=optional_text(self.postcode), phone=optional_text(self.phone),
            emergency_contact_name=optional_text(self.emergency_contact_name),
            emergency_contact_phone=optional_text(self.emergency_contact_phone),
            preferred_language=language,
            other_language=optional_text(self.other_language)
            if language == Language.OTHER else None,
            interpreter_needed=self.interpreter_needed.isChecked(),
            office_id=self.office.currentData(),
            responsible_officer=optional_text(self.responsible_officer),
            version=self._version)

    def save(self, data: PersonInput) -> PersonRecord:
        if data.gender_category is None:
            # Asked, never guessed: report it with anything else the service finds wrong.
            missing = {"gender_category": "Choose the gender to place them as: woman, man, "
                                          "non-binary, or not stated if they would rather "
                                          "not say."}
            try:
                self._people.check(data)
            except ValidationError as exc:
                raise ValidationError({**exc.fields, **missing}) from None
            raise ValidationError(missing)
        if self._record is None:
            return self._people.create(data)
        return self._people.update(self._record.id, data)


class ConfirmGenderDialog(FormDialog):
    """Confirm the gender for placements of a record whose own words did not say plainly."""

    def __init__(self, people: PeopleService, record: PersonRecord,
                 parent: QWidget | None = None):
        words = f"“{record.gender_identity}”" if record.gender_identity else "nothing"
        super().__init__(f"Confirm gender for placements – {record.display_name}",
                         f"The record says {label(record.gender).lower()}; in their own words, "
                         f"{words}. Ask them plainly how they want to be placed: the "
                         "female-only and never-one-woman-alone rules follow this answer. "
                         "Their own words stay as they are.", parent, save_text="&Confirm")
        self._people = people
        self._record = record
        box, form = _group("Gender for placements")
        self.gender_category = category_combo(None)
        self.fields.add_row(form, "gender_category", "&Place them as", self.gender_category)
        self.body.addWidget(box)
        self.resize(560, 260)

    def collect(self) -> GenderCategory:
        category = self.gender_category.currentData()
        if category is None:
            raise ValidationError({"gender_category": "Choose woman, man, non-binary or not "
                                                      "stated."})
        return category

    def save(self, data: GenderCategory) -> PersonRecord:
        return self._people.set_gender_category(self._record.id, data,
                                                version=self._record.version)

