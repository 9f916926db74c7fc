"""Exporting a day's keyed outcomes for the national record: choose the day and unit, save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.files import write_atomically
from upw_ttg.records.exchange import OutcomesExport

from ui.changes import announce
from ui.tasks import report_failure, run_in_background
from ui.widgets.banner import Banner
from ui.widgets.date_field import DateField


class OutcomesExportDialog(QDialog):
    """The outcomes not yet sent for a day and delivery unit, saved as a CSV file."""

    def __init__(self, services: AppServices, parent: QWidget | None = None,
                 folder: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export outcomes for the national record")
        self._services = services
        self._folder = folder or Path.home()
        intro = QLabel("Outcomes keyed for the day, in NDelius contact-outcome terms. Outcomes "
                       "sent before are left out unless corrected since; corrections are "
                       "marked.")
        intro.setWordWrap(True)
        intro.setObjectName("Hint")
        self.day = DateField()
        self.day.set_date(services.ctx.today() - dt.timedelta(days=1))
        self.unit = QComboBox()
        for unit in services.people.delivery_units():
            self.unit.addItem(unit.name, unit.id)
        form = QFormLayout()
        form.addRow("&Day:", self.day)
        form.addRow("Delivery &unit:", self.unit)
        self.banner = Banner()
        self.export_button = QPushButton("&Export…")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.saved_to: Path | None = None
        self.setMinimumWidth(520)

    @Slot()
    def export(self) -> None:
        day = self.day.date()
        if day is None:
            self.banner.show_message("Enter the day, as 24/11/2026.", kind="warning")
            self.day.setFocus()
            return
        unit_id = self.unit.currentData()
        self.export_button.setEnabled(False)

        def work() -> OutcomesExport:
            return self._services.national_export.export_outcomes(day, unit_id, dry_run=True)

        # The file is marked as sent for the day its draft was gathered for.
        run_in_background(work, lambda draft: self._on_ready(draft, day),
                          lambda exc: self._failed(exc), "Gathering the outcomes…", parent=self)

    def _on_ready(self, draft: OutcomesExport, day: dt.date) -> None:
        if not draft.rows:
            self.export_button.setEnabled(True)
            self.banner.show_message("Nothing to send: " + draft.describe().removeprefix(
                "Dry run: "), kind="info")
            return
        path = self.ask_save_path(draft.file_name)
        if path is None:
            self.export_button.setEnabled(True)
            return
        try:
            # The file first: outcomes are marked as sent only once they are safely saved.
            write_atomically(draft.content, path)
        except OSError as exc:
            self.export_button.setEnabled(True)
            self.banner.show_message(f"The file was not saved ({exc.strerror or exc}); nothing "
                                     "was marked as sent. Choose another folder.", kind="error")
            return
        unit_id, digest = self.unit.currentData(), draft.sha256

        def work() -> OutcomesExport:
            return self._services.national_export.export_outcomes(day, unit_id,
                                                                  expected_sha256=digest)

        def failed(exc: BaseException) -> None:
            path.unlink(missing_ok=True)
            self._failed(exc)

        run_in_background(work, lambda done: self._on_exported(done, path), failed,
                          "Marking the outcomes as sent…", parent=self)

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where to save, or None if the user cancelled (tests patch this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the outcomes", str(self._folder / suggested), "CSV files (*.csv)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".csv" else path.with_suffix(".csv")

    def _on_exported(self, export: OutcomesExport, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.saved_to = path
        text = f"Saved {path.name}: {export.describe()}"
        self.banner.show_message(text, kind="info")
        announce(text)

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        report_failure(self, "The outcomes could not be exported.", exc)
