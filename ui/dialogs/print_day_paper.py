"""Print tomorrow: a day's work sheets, van manifests and appointment letters in one go."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import Cancelled
from upw_ttg.records.day_printing import PAPER_TITLES, DayPaper

from ui.changes import Subject, announce, publish
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.formatting import format_date
from ui.permissions import can
from ui.tasks import BackgroundTask, TaskControl, report_failure, run_in_background
from ui.widgets.date_field import DateField
from ui.widgets.form_fields import FieldSet
from ui.widgets.language_combos import PaperLanguageCombo

_NEEDS = {DayPaper.WORK_SHEETS: Capability.PRINT_WORK_SHEETS,
          DayPaper.MANIFESTS: Capability.PLACE_PEOPLE, DayPaper.LETTERS: Capability.PLACE_PEOPLE}
_MNEMONICS = {DayPaper.WORK_SHEETS: "&Work sheets for the supervisors",
              DayPaper.MANIFESTS: "&Van manifests for the drivers",
              DayPaper.LETTERS: "Appointment &letters, each in the person's language"}


class PrintDayPaperDialog(QDialog):
    """Day (the next working day unless chosen), delivery unit, which paper, one PDF or one
    per kind; printing runs off the screen's thread with progress and Cancel."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 day: dt.date | None = None, unit_id: int | None = None):
        super().__init__(parent)
        self._services = services
        self.task: BackgroundTask | None = None
        self.previews: list[PrintPreviewDialog] = []
        self.setWindowTitle("Print a day's paper")
        actor = services.ctx.actor
        intro = QLabel("Everything a day needs on paper: the supervisors' work sheets, the "
                       "drivers' van manifests and the appointment letters. Printing fixes "
                       "each sheet's row numbers.")
        intro.setObjectName("Hint")
        intro.setWordWrap(True)
        self.fields = FieldSet()
        form = QFormLayout()
        self.day = DateField()
        self.day.set_date(day or services.day_printing.default_day())
        self.fields.add_row(form, "day", "&Day", self.day,
                            hint="Tomorrow's working day unless you choose another; type a "
                                 "date, “tomorrow” or “+3”.")
        self.unit = QComboBox()
        self.unit.addItem("All delivery units", None)
        for unit in services.people.delivery_units():
            self.unit.addItem(f"{unit.name} ({unit.code})", unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        self.fields.add_row(form, "unit", "Delivery &unit", self.unit)
        self.staff_language = PaperLanguageCombo(name="Work sheets and manifests language")
        self.fields.add_row(form, "staff_language", "Sheets and manifests in lan&guage",
                            self.staff_language,
                            hint="Letters go in each person's own language.")
        kinds = QGroupBox("What to print")
        kinds_layout = QVBoxLayout(kinds)
        self.kinds: dict[DayPaper, QCheckBox] = {}
        for kind in DayPaper:
            box = QCheckBox(_MNEMONICS[kind])
            allowed = can(actor, _NEEDS[kind])
            box.setChecked(allowed)
            box.setEnabled(allowed)
            if not allowed:
                box.setToolTip("Your roles do not allow printing these.")
            kinds_layout.addWidget(box)
            self.kinds[kind] = box
        output = QGroupBox("As")
        output_layout = QVBoxLayout(output)
        self.one_pdf = QRadioButton("&One PDF, in the order above")
        self.per_kind = QRadioButton("One PDF for &each kind")
        self.one_pdf.setChecked(True)
        output_layout.addWidget(self.one_pdf)
        output_layout.addWidget(self.per_kind)
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = QPushButton("&Print…")
        self.print_button.setDefault(True)
        self.print_button.setProperty("primary", "true")
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.print_paper)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(kinds)
        layout.addWidget(output)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def chosen(self) -> list[DayPaper]:
        return [kind for kind, box in self.kinds.items() if box.isChecked() and box.isEnabled()]

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def print_paper(self) -> BackgroundTask | None:
        """Check the choices, then print in the background; the previews open when done."""
        self.fields.clear()
        self._show_problem("")
        try:
            day = self.day.date()
        except ValueError as exc:
            self.fields.show_errors({"day": str(exc)})
            return None
        if day is None:
            self.fields.show_errors({"day": "Enter the day to print."})
            return None
        kinds = self.chosen()
        if not kinds:
            self._show_problem("Tick at least one kind of paper to print.")
            return None
        unit_id, one_pdf = self.unit.currentData(), self.one_pdf.isChecked()
        staff_language = self.staff_language.language()
        printing = self._services.day_printing

        def work(control: TaskControl) -> dict[str, bytes]:
            return printing.print_day(day, delivery_unit_id=unit_id, kinds=kinds,
                                      one_pdf=one_pdf, progress=control.report,
                                      cancelled=control.cancelled,
                                      staff_language=staff_language)

        self.print_button.setEnabled(False)
        self.task = run_in_background(
            work, lambda pdfs: self._on_printed(pdfs, day), self._on_failed,
            f"Preparing the paper for {format_date(day)}…", parent=self, with_progress=True,
            on_cancelled=self._on_cancelled)
        return self.task

    def _on_printed(self, pdfs: dict[str, bytes], day: dt.date) -> None:
        self.print_button.setEnabled(True)
        parent = self.parentWidget() or self
        for key, pdf in pdfs.items():
            name = "Paper" if key == "all" else PAPER_TITLES[DayPaper(key)]
            preview = PrintPreviewDialog(pdf, f"{name} for {format_date(day)}",
                                         f"{key.replace('_', '-')}-{day.isoformat()}.pdf",
                                         parent)
            preview.open()
            self.previews.append(preview)
        if DayPaper.LETTERS in self.chosen():  # the records open show the letters printed
            publish(Subject.LETTER)
        announce(f"The paper for {format_date(day)} is ready to print.")
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self._on_cancelled()
            return
        report_failure(self, "The day's paper could not be prepared.", exc)

    def _on_cancelled(self) -> None:
        self.print_button.setEnabled(True)
        self._show_problem("Printing was cancelled; nothing was printed.")
