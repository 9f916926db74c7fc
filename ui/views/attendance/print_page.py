"""Printing a day's work sheets (or one delivery unit's) as one PDF, in the background."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import Cancelled

from ui.changes import announce
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.formatting import format_date
from ui.models.attendance.list_models import DaySessionsTableModel
from ui.permissions import can, can_print_work_sheets, not_allowed_tip
from ui.tasks import BackgroundTask, TaskControl, report_failure, run_in_background
from ui.views.attendance.common import FilterBar, FilterChoices
from ui.widgets.date_field import DateField
from ui.widgets.labels import hint, page_title
from ui.widgets.language_combos import PaperLanguageCombo
from ui.widgets.tables import fit_columns, make_table


class PrintPage(QWidget):
    """Choose a day and a unit, see the sessions, print them all with progress and Cancel."""

    def __init__(self, services: AppServices, parent: QWidget | None = None, *,
                 choices: FilterChoices | None = None):
        super().__init__(parent)
        self._services = services
        self.task: BackgroundTask | None = None
        self.preview: PrintPreviewDialog | None = None
        self.date = DateField()
        self.date.setAccessibleName("Day to print")
        self.date.set_date(services.ctx.today() + dt.timedelta(days=1))
        self.date.editingFinished.connect(self.refresh)
        self.date.returnPressed.connect(self.refresh)
        self.date.date_picked.connect(self.refresh)
        date_label = QLabel("&Day:")
        date_label.setBuddy(self.date)
        self.filters = FilterBar(services, coordinators=False, choices=choices)
        self.filters.changed.connect(self.refresh)
        self.model = DaySessionsTableModel(self)
        self.table = make_table(self.model, "Sessions that will print", sortable=False,
                                stretch_last=False)
        self.count = hint()
        self.print_button = QPushButton("Print &work sheets…")
        self.print_button.setProperty("primary", "true")
        self.print_button.clicked.connect(self.print_day)
        if not can_print_work_sheets(services.ctx.actor):
            self.print_button.setToolTip(not_allowed_tip("print work sheets"))
        # The supervisors' language: every fixed word of the sheets from the glossary.
        self.sheet_language = PaperLanguageCombo(name="Work sheets language")
        self.sheet_language.setToolTip("The language the work sheets print in")
        top = QHBoxLayout()
        top.addWidget(date_label)
        top.addWidget(self.date)
        top.addSpacing(16)
        top.addWidget(self.filters, 1)
        # With the letters and manifests too, for those who also schedule.
        self.all_paper_button = QPushButton("All the da&y's paper…")
        self.all_paper_button.setToolTip("Work sheets, van manifests and appointment letters "
                                         "for the day in one go (Ctrl+Shift+P)")
        self.all_paper_button.clicked.connect(self.print_all_paper)
        self.all_paper_button.setVisible(can(services.ctx.actor, Capability.READ_SCHEDULE))
        self.paper_dialog: QWidget | None = None
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.all_paper_button)
        bar.addWidget(self.print_button)
        language_label = QLabel("in")
        language_label.setBuddy(self.sheet_language)
        bar.addWidget(language_label)
        bar.addWidget(self.sheet_language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title(
            "Print work sheets", "Every session of a day that goes ahead with people booked, "
            "in one PDF for the supervisors. Printing fixes each sheet's row numbers, which "
            "the register screen then uses."))
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def day(self) -> dt.date | None:
        try:
            return self.date.date()
        except ValueError:
            return None

    @Slot()
    def refresh(self, *_args: object) -> None:
        day = self.day()
        sessions = [] if day is None else self._services.attendance.work_sheets.day_sessions(
            day, delivery_unit_id=self.filters.unit_id)
        self.model.set_rows(sessions)
        fit_columns(self.table)
        people = sum(s.people for s in sessions)
        if day is None:
            text = "Type the day as day/month/year, for example 31/12/2026."
        elif not sessions:
            text = f"No session on {format_date(day)} has anyone booked."
        else:
            text = (f"{len(sessions)} work sheet{'s' if len(sessions) != 1 else ''} for "
                    f"{people} {'person' if people == 1 else 'people'} on {day:%A} "
                    f"{format_date(day)}.")
        self.count.setText(text)
        self.print_button.setEnabled(bool(sessions)
                                     and can_print_work_sheets(self._services.ctx.actor)
                                     and (self.task is None or self.task.finished_running))

    @Slot()
    def print_day(self) -> None:
        """Render the sheets in the background (progress, Cancel), then open the preview."""
        day = self.day()
        if day is None or not self.print_button.isEnabled():
            return
        unit_id = self.filters.unit_id
        sheets = self._services.attendance.work_sheets
        total = self.model.rowCount()
        language = self.sheet_language.language()

        def work(control: TaskControl) -> bytes:
            control.report(0, total, "Starting…")
            return sheets.print_day(
                day, delivery_unit_id=unit_id,
                progress=lambda done, count, _text: control.report(done, count,
                                                            f"Sheet {done} of {count}"),
                is_cancelled=control.cancelled, language=language)

        self.print_button.setEnabled(False)
        self.task = run_in_background(work, lambda pdf: self._on_printed(pdf, day),
                                      self._on_print_failed, "Preparing the work sheets…",
                                      parent=self, with_progress=True,
                                      on_cancelled=self._on_print_cancelled)

    @Slot()
    def print_all_paper(self) -> None:
        """The whole day's paper for this page's day and unit."""
        from ui.case_links import open_day_paper  # the dialog is built only when wanted

        self.paper_dialog = open_day_paper(self._services, self, self.day(),
                                           self.filters.unit_id)

    def _on_printed(self, pdf: bytes, day: dt.date) -> None:
        self.refresh()
        unit = self.filters.unit_code
        title = f"Work sheets for {format_date(day)}" + (f" ({unit})" if unit else "")
        self.preview = PrintPreviewDialog(pdf, title, f"work-sheets-{day:%Y-%m-%d}.pdf", self)
        self.preview.open()

    def _on_print_failed(self, exc: BaseException) -> None:
        self.refresh()
        if isinstance(exc, Cancelled):
            self._on_print_cancelled()
            return
        report_failure(self, "The work sheets could not be prepared.", exc)

    def _on_print_cancelled(self) -> None:
        self.refresh()
        announce("Printing the work sheets was cancelled; nothing was printed.")
