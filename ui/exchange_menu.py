"""The Data menu: import from the national systems, export outcomes and people, by role."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenuBar

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability

from ui.changes import announce
from ui.errors import show_error
from ui.permissions import can
from ui.tasks import report_failure, run_in_background
from ui.widgets.export_list import save_file

_EXTRACTS = "Extracts (*.csv *.xlsx *.txt);;All files (*)"
_CUSTODY = "Prisoner Search JSON or CSV (*.json *.csv *.xlsx);;All files (*)"


class ExchangeMenu:
    """Builds the Data menu for the signed-in member and runs its commands.

    ``ask_open`` and ``ask_save`` are the file choosers (tests replace them).
    """

    def __init__(self, window: QMainWindow, services: AppServices):
        self._window = window
        self._services = services
        self.dialogs: list = []
        actor = services.ctx.actor
        self.may_import_people = can(actor, Capability.IMPORT_CASES)
        self.may_import_custody = can(actor, Capability.IMPORT_CUSTODY)
        self.may_export_outcomes = can(actor, Capability.EXPORT_OUTCOMES)
        self.may_export_people = can(actor, Capability.READ_ORDERS)

    def build(self, bar: QMenuBar) -> None:
        items = [
            (self.may_import_people, "Import &people and orders…", self.import_people),
            (self.may_import_custody, "Import &custody records…", self.import_custody),
            (self.may_export_outcomes, "Export &outcomes for the national record…",
             self.export_outcomes),
            (self.may_export_people, "Export people and &orders…", self.export_people),
        ]
        if not any(allowed for allowed, _text, _slot in items):
            return
        menu = bar.addMenu("&Data")
        for allowed, text, slot in items:
            if allowed:
                action = QAction(text, self._window)
                action.triggered.connect(slot)
                menu.addAction(action)

    # File choosers ---------------------------------------------------------------------------

    def ask_open(self, title: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self._window, title, str(Path.home()),
                                                    filters)
        return Path(name) if name else None

    def ask_save(self, title: str, suggested: str, filters: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self._window, title,
                                                    str(Path.home() / suggested), filters)
        return Path(name) if name else None

    # Commands --------------------------------------------------------------------------------

    def import_people(self) -> None:
        self._import("people", "Choose the extract of people and orders", _EXTRACTS)

    def import_custody(self) -> None:
        self._import("custody", "Choose the custody records", _CUSTODY)

    def _import(self, kind: str, title: str, filters: str) -> None:
        from ui.dialogs.exchange.import_dialog import KINDS, ImportDialog

        path = self.ask_open(title, filters)
        if path is None:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            show_error(self._window, "The file could not be read.",
                       f"{exc.strerror or exc}. Check that it is not open elsewhere.")
            return
        service = getattr(self._services, KINDS[kind][1])

        def opened(proposal) -> None:
            dialog = ImportDialog(self._services, kind, path.name, data, proposal, self._window)
            self.dialogs.append(dialog)
            dialog.finished.connect(lambda _r, d=dialog: self.dialogs.remove(d))
            dialog.open()

        run_in_background(lambda: service.propose_mapping(data, path.name), opened,
                          lambda exc: report_failure(self._window,
                                                     "The file could not be imported.", exc),
                          "Reading the file…", parent=self._window)

    def export_outcomes(self) -> None:
        from ui.dialogs.exchange.outcomes_dialog import OutcomesExportDialog

        dialog = OutcomesExportDialog(self._services, self._window)
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self.dialogs.remove(d))
        dialog.open()

    def export_people(self) -> None:
        suggested = f"people-and-orders-{self._services.ctx.today():%Y-%m-%d}.xlsx"
        path = self.ask_save("Export people and orders", suggested,
                             "Excel workbook (*.xlsx);;CSV (*.csv)")
        if path is None:
            return
        spreadsheet = path.suffix.lower() != ".csv"
        if spreadsheet and path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")

        def saved(exported) -> None:
            if not save_file(self._window, exported.content, path, "The file"):
                return
            left = (f"; {exported.restricted_left_out} restricted cases left out"
                    if exported.restricted_left_out else "")
            announce(f"Saved {path.name}: {exported.rows:,} rows{left}.")

        run_in_background(lambda: self._services.people_export.export(spreadsheet=spreadsheet),
                          saved, lambda exc: report_failure(self._window,
                                                     "The people were not exported.", exc),
                          "Exporting people and orders…", parent=self._window)
