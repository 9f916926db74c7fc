"""Adding or editing a custody episode; changed dates need a reason, kept in their history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from upw_ttg.domain.custody import (
    RELEASE_TYPE_LABELS,
    expected_release,
    sentence_days,
    sentence_parts,
)
from upw_ttg.errors import ValidationError
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS, CustodyInput, CustodyRecord
from upw_ttg.services.custody import CustodyService

from ui.dialogs.form_dialog import FormDialog, optional_text, read_date
from ui.formatting import format_date, today
from ui.widgets.date_field import DateField

if TYPE_CHECKING:
    from upw_ttg.records.ttg import WorkerCount

# The dates whose changes the service writes to the episode's history.
TRACKED_DATES = ("reception_date", "screening_date",
                 *(name for name, _label in CUSTODY_DATE_FIELDS))
_MNEMONIC_LABELS = {
    "sentence_start_date": "Sentence s&tart (SSD)",
    "conditional_release_date": "C&onditional release (CRD)",
    "automatic_release_date": "A&utomatic release (ARD)",
    "parole_eligibility_date": "Paro&le eligibility (PED)",
    "hdc_eligibility_date": "HDC eligibility (HDCE&D)",
    "hdc_approved_date": "HDC appro&ved",
    "confirmed_release_date": "Confir&med release",
    "licence_expiry_date": "Licence e&xpiry (LED)",
    "sentence_expiry_date": "Sentence exp&iry (SED)",
    "pss_end_date": "Post-sentence supervision end (TUSED)",
}


class SentenceLength(QWidget):
    """Years, months and days, as a court states a sentence (stored as days)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.years, self.months, self.days_box = QSpinBox(), QSpinBox(), QSpinBox()
        for box, top, suffix in ((self.years, 99, " years"), (self.months, 11, " months"),
                                 (self.days_box, 366, " days")):
            box.setRange(0, top)
            box.setSuffix(suffix)
            box.setAccessibleName(f"Sentence length: {suffix.strip()}")
            layout.addWidget(box)
        layout.addStretch(1)
        self.setFocusProxy(self.years)

    def set_days(self, total: int | None, start: dt.date | None) -> None:
        years, months, days = sentence_parts(start or today(), total) if total \
            else (0, 0, 0)
        self.years.setValue(years)
        self.months.setValue(months)
        self.days_box.setValue(days)

    def days(self, start: dt.date) -> int:
        """The length in days from ``start`` (0: not set)."""
        return sentence_days(start, self.years.value(), self.months.value(),
                             self.days_box.value())


class CustodyDialog(FormDialog):
    """New episode for ``person_id`` (``record`` None) or edit ``record``."""

    def __init__(self, custody: CustodyService, person_id: int, person_name: str,
                 record: CustodyRecord | None = None, parent: QWidget | None = None,
                 workers: list[WorkerCount] | None = None):
        """``workers``: who the case may be given to, with their caseloads (None: the
        signed-in member of staff may not assign cases, so no choice is offered)."""
        title = "New custody episode" if record is None else "Edit custody episode"
        intro = ("Enter the dates that exist; leave the others empty. The expected release "
                 "date is the first of: confirmed, HDC approved, CRD, ARD.")
        super().__init__(f"{title} – {person_name}", intro, parent)
        self._custody = custody
        self._record = record
        self._person_id = person_id
        self._original = record.to_input() if record else None
        f = self.fields
        episode = QGroupBox("Episode")
        form = QFormLayout(episode)
        form.setVerticalSpacing(8)
        self.prison = QComboBox()
        self.prison.addItem("Choose the prison…", None)
        for prison in custody.prisons():
            self.prison.addItem(f"{prison.name} ({prison.code})", prison.id)
        f.add_row(form, "prison_id", "&Prison", self.prison)
        self.prison_number = QLineEdit()
        self.prison_number.setMaxLength(10)
        self.prison_number.setPlaceholderText("A1234BC")
        f.add_row(form, "prison_number", "Prison &number", self.prison_number)
        self.reception_date = DateField()
        f.add_row(form, "reception_date", "&Reception", self.reception_date)
        self.sentence_length = SentenceLength()
        f.add_row(form, "sentence_length_days", "Sentence len&gth", self.sentence_length,
                  hint="As the court stated it; counted from the sentence start (or the "
                       "reception date).")
        self.screening_date = DateField()
        f.add_row(form, "screening_date", "Scr&eening (BCST)", self.screening_date)
        self.expected = QLabel()
        self.expected.setWordWrap(True)
        form.addRow("Expected release", self.expected)
        self.worker = QComboBox()
        current = record.worker_id if record else None
        if current is None:  # unassigning is done on the caseload, which counts them
            self.worker.addItem("Not assigned yet", None)
        for worker in workers or []:
            self.worker.addItem(f"{worker.worker_name} ({worker.cases} in custody)",
                                worker.worker_id)
        if record is not None and current is not None and self.worker.findData(current) < 0:
            self.worker.addItem(record.worker_name or "Current worker", current)
        f.add_row(form, "worker_id", "Resettlement &worker", self.worker,
                  hint="Who prepares the resettlement plan; the person's own copy names "
                       "them. Leave it for the caseload's Not assigned list if not known.")
        self.worker.setEnabled(workers is not None)

        dates = QGroupBox("Sentence and release dates")
        dates_form = QFormLayout(dates)
        dates_form.setVerticalSpacing(6)
        self.date_fields: dict[str, DateField] = {}
        for name, text in CUSTODY_DATE_FIELDS:
            field = DateField()
            field.setAccessibleName(text)
            field.textChanged.connect(self._on_dates_changed)
            self.date_fields[name] = field
            f.add_row(dates_form, name, _MNEMONIC_LABELS.get(name, text), field)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addWidget(episode, 0, 0)
        grid.addWidget(dates, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("e.g. Recalculated by the prison after remand time")
        reason_box = QGroupBox("Why the dates changed")
        reason_form = QFormLayout(reason_box)
        self.reason_label = f.add_row(reason_form, "change_reason", "Re&ason", self.reason,
                                      hint="Needed when you change any date; it is kept "
                                           "in the episode's date history.")
        grid.addWidget(reason_box, 1, 0)
        reason_box.setVisible(record is not None)
        self.body.addLayout(grid)
        self.reception_date.textChanged.connect(self._on_dates_changed)
        self.screening_date.textChanged.connect(self._on_dates_changed)
        self._load(self._original or CustodyInput(person_id=person_id))
        self.resize(940, self.sizeHint().height())

    def _load(self, data: CustodyInput) -> None:
        self._version = data.version
        self.prison.setCurrentIndex(max(0, self.prison.findData(data.prison_id)))
        self.prison_number.setText(data.prison_number)
        self.reception_date.set_date(data.reception_date)
        self.sentence_length.set_days(data.sentence_length_days,
                                      data.sentence_start_date or data.reception_date)
        self.screening_date.set_date(data.screening_date)
        for name, field in self.date_fields.items():
            field.set_date(getattr(data, name))
        self.worker.setCurrentIndex(max(0, self.worker.findData(data.worker_id)))
        self._on_dates_changed()

    def _dates_typed(self) -> dict[str, dt.date | str | None]:
        """Each date field's value, or its raw text where it is not (yet) a date."""
        values: dict[str, dt.date | str | None] = {}
        widgets = {"reception_date": self.reception_date, "screening_date": self.screening_date,
                   **self.date_fields}
        for name, widget in widgets.items():
            try:
                values[name] = widget.date()
            except ValueError:
                values[name] = widget.text()
        return values

    def changed_dates(self) -> list[str]:
        """The tracked dates that differ from the episode as it was opened."""
        if self._original is None:
            return []
        typed = self._dates_typed()
        return [name for name in TRACKED_DATES if typed[name] != getattr(self._original, name)]

    def _on_dates_changed(self) -> None:
        typed = self._dates_typed()
        dates = {name: value for name, value in typed.items()
                 if name in self.date_fields and not isinstance(value, str)}
        release, kind = expected_release(dates)
        self.expected.setText(f"{format_date(release)} – {RELEASE_TYPE_LABELS[kind]}"
                              if release and kind else "Not known yet")
        changed = bool(self.changed_dates())
        font = self.reason_label.font()
        font.setBold(changed)
        self.reason_label.setFont(font)

    @staticmethod
    def _custody_today() -> dt.date:
        """Where to count a length from when no date is typed yet (the service then asks
        for the reception date)."""
        return today()

    def collect(self) -> CustodyInput:
        problems: dict[str, str] = {}
        reception = read_date(self.fields, "reception_date", problems)
        screening = read_date(self.fields, "screening_date", problems)
        dates = {name: read_date(self.fields, name, problems) for name in self.date_fields}
        if problems:
            raise ValidationError(problems)
        start = dates.get("sentence_start_date") or reception or self._custody_today()
        length = self.sentence_length.days(start)
        return CustodyInput(
            person_id=self._person_id, prison_id=self.prison.currentData(),
            prison_number=self.prison_number.text(), reception_date=reception,
            sentence_length_days=length or None, screening_date=screening,
            change_reason=optional_text(self.reason), version=self._version,
            worker_id=self.worker.currentData(), **dates)

    def check_before_save(self, data: CustodyInput) -> dict[str, str]:
        changed = self.changed_dates()
        if changed and not data.change_reason:
            return {"change_reason": "You changed a date: say why, for example "
                                     "“recalculated by the prison”. It is kept in the "
                                     "date history."}
        return {}

    def save(self, data: CustodyInput) -> CustodyRecord:
        if self._record is None:
            return self._custody.create(data)
        return self._custody.update(self._record.id, data)
