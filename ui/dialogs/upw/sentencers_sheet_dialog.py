"""Print the sentencers' availability sheet: a delivery unit's page for the courts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Language

from ui.changes import announce
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.tasks import BackgroundTask, report_failure, run_in_background
from ui.widgets.form_fields import FieldSet


class SentencersSheetDialog(QDialog):
    """Delivery unit (the user's own unless chosen) and language; the sheet is counted and
    printed off the screen's thread, then previewed."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.task: BackgroundTask | None = None
        self.preview: PrintPreviewDialog | None = None
        self.setWindowTitle("Sentencers' availability sheet")
        intro = QLabel("One page for the courts: the current wait from sentence to a first "
                       "session, the placements with free places in the next four weeks, "
                       "pick-up points, travel support and education, training and employment. "
                       "It names nobody and is counted afresh each time it is printed.")
        intro.setObjectName("Hint")
        intro.setWordWrap(True)
        self.fields = FieldSet()
        form = QFormLayout()
        self.unit = QComboBox()
        for unit in services.people.delivery_units():
            self.unit.addItem(f"{unit.name} ({unit.code})", unit.id)
        actor = services.ctx.actor
        own = next((o.delivery_unit_id for o in services.people.offices()
                    if actor is not None and o.id == actor.office_id), None)
        self.unit.setCurrentIndex(max(0, self.unit.findData(own)))
        self.fields.add_row(form, "unit", "Delivery &unit", self.unit)
        self.language = QComboBox()
        self.language.addItem("English", Language.ENGLISH)
        self.language.addItem("Welsh (Cymraeg)", Language.WELSH)
        self.fields.add_row(form, "language", "&Language", self.language,
                            hint="Courts in Wales may ask for the sheet in Welsh.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = QPushButton("&Print…")
        self.print_button.setDefault(True)
        self.print_button.setProperty("primary", "true")
        self.print_button.setEnabled(self.unit.count() > 0)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.print_sheet)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def print_sheet(self) -> BackgroundTask | None:
        """Count and print in the background; the preview opens when done."""
        unit_id, language = self.unit.currentData(), Language(self.language.currentData())
        if unit_id is None:
            return None
        name = self.unit.currentText()
        sheets = self._services.upw.sentencers_sheet
        self.print_button.setEnabled(False)
        self.task = run_in_background(
            lambda: sheets.render_sheet(unit_id, language=language),
            lambda pdf: self._on_printed(pdf, name), self._on_failed,
            f"Counting the places for {name}…", parent=self)
        return self.task

    def _on_printed(self, pdf: bytes, name: str) -> None:
        self.print_button.setEnabled(True)
        code = name.rsplit("(", 1)[-1].rstrip(")")
        self.preview = PrintPreviewDialog(pdf, f"Sentencers' availability sheet, {name}",
                                          f"availability-{code}.pdf",
                                          self.parentWidget() or self)
        self.preview.open()
        announce(f"The sentencers' sheet for {name} is ready to print.")
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        report_failure(self, "The sentencers' sheet could not be prepared.", exc)
