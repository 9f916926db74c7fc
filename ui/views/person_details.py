"""The Details tab of a person's record: everything on record about them, read-only."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.codes import Language
from upw_ttg.records.people import PersonRecord

from ui.formatting import age_on, format_date, format_datetime, label, or_blank
from ui.widgets.banner import Banner


def _value_label() -> QLabel:
    value = QLabel()
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return value


class PersonDetailsTab(QWidget):
    """Read view of a person in three groups, with Edit and Keep apart buttons, and a banner
    while the gender for placements is not yet confirmed.

    Signals:
        edit_requested(): the user pressed Edit details.
        confirm_gender_requested(): the user wants to confirm the gender for placements.
        keep_apart_requested(): the user wants the person's keep-apart pairs.
    """

    edit_requested = Signal()
    confirm_gender_requested = Signal()
    keep_apart_requested = Signal()

    _GROUPS = (
        ("Identity", (("crn", "CRN"), ("name", "Name"), ("preferred_name", "Preferred name"),
                      ("date_of_birth", "Date of birth"), ("gender", "Gender"),
                      ("gender_category", "Gender for placements"),
                      ("gender_identity", "Gender identity"))),
        ("Contact", (("address", "Address"), ("phone", "Phone"),
                     ("emergency_contact", "Emergency contact"))),
        ("Language and supervision", (("language", "Language"),
                                      ("interpreter", "Interpreter needed"),
                                      ("office", "Office"),
                                      ("responsible_officer", "Responsible officer"))),
    )

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        self.edit_button = QPushButton("&Edit details…")
        self.edit_button.clicked.connect(self.edit_requested)
        self.keep_apart_button = QPushButton("&Keep apart…")
        self.keep_apart_button.setToolTip("People this person must never share a session with")
        self.keep_apart_button.clicked.connect(self.keep_apart_requested)
        self.gender_banner = Banner()
        self.gender_banner.prefixes = False
        self.confirm_button = QPushButton("Conf&irm gender for placements…")
        self.confirm_button.clicked.connect(self.confirm_gender_requested)
        self.changed_label = QLabel()
        self.changed_label.setObjectName("Hint")
        content = QWidget()
        content.setObjectName("DetailsContent")
        columns = QHBoxLayout(content)
        columns.setContentsMargins(12, 4, 12, 12)
        columns.setSpacing(14)
        left, right = QVBoxLayout(), QVBoxLayout()
        for number, (title, rows) in enumerate(self._GROUPS):
            box = QGroupBox(title)
            grid = QGridLayout(box)
            grid.setVerticalSpacing(6)
            grid.setHorizontalSpacing(12)
            grid.setColumnStretch(1, 1)
            for row, (key, text) in enumerate(rows):
                caption = QLabel(f"{text}:")
                value = _value_label()
                value.setAccessibleName(text)
                self.values[key] = value
                grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            (left if number == 0 else right).addWidget(box)
        left.addStretch(1)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setObjectName("DetailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 10, 12, 0)
        bar.addWidget(self.changed_label, 1)
        bar.addWidget(self.keep_apart_button)
        bar.addWidget(self.edit_button)
        confirm = QHBoxLayout()
        confirm.setContentsMargins(12, 8, 12, 0)
        confirm.addWidget(self.gender_banner, 1)
        confirm.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(confirm)
        layout.addWidget(scroll, 1)

    def set_record(self, person: PersonRecord, today: dt.date) -> None:
        names = " ".join(p for p in (person.forename, person.middle_names, person.surname) if p)
        address = "\n".join(p for p in (person.address_line1, person.address_line2, person.town,
                                        person.postcode) if p)
        contact = ", ".join(p for p in (person.emergency_contact_name,
                                        person.emergency_contact_phone) if p)
        language = label(person.preferred_language)
        if person.preferred_language == Language.OTHER and person.other_language:
            language = person.other_language
        values = {
            "crn": person.crn, "name": names, "preferred_name": person.preferred_name,
            "date_of_birth": f"{format_date(person.date_of_birth)} "
                             f"(age {age_on(person.date_of_birth, today)})",
            "gender": label(person.gender), "gender_category": label(person.gender_category),
            "gender_identity": person.gender_identity,
            "address": address, "phone": person.phone, "emergency_contact": contact,
            "language": language, "interpreter": "Yes" if person.interpreter_needed else "No",
            "office": person.office_name, "responsible_officer": person.responsible_officer,
        }
        for key, value in values.items():
            self.values[key].setText(or_blank(value))
        self.gender_banner.setVisible(person.gender_unconfirmed)
        self.confirm_button.setVisible(person.gender_unconfirmed)
        if person.gender_unconfirmed:
            words = f"“{person.gender_identity}”" if person.gender_identity else "nothing"
            self.gender_banner.show_message(
                f"The gender for placements is not yet confirmed: the record says "
                f"{label(person.gender).lower()}, and in their own words {words}. Until it "
                "is confirmed they cannot be placed in a group session.", "warning")
        who = person.updated_by or "someone"
        self.changed_label.setText(
            f"Last changed by {who} on {format_datetime(person.updated_at)}.")
