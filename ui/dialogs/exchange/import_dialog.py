"""Importing an extract in two steps: match its columns, then check every row before writing.

The mapping step proposes a column for each field (remembered for files laid out the same
way) and shows example values under it; the preview lists every row with what will happen to
it, lets the user confirm likely duplicates as different people, and offers a dry run before
the import itself. Reading, previewing and importing run off the GUI thread, with progress and
Cancel; a cancelled import writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import ValidationError
from upw_ttg.records.exchange import (
    ROW_OUTCOME_LABELS,
    ImportPreview,
    ImportResult,
    ImportRow,
    RowOutcome,
)

from ui.changes import Subject, announce, publish
from ui.models.exchange_models import ImportRowsFilter, ImportRowsModel, what_happens
from ui.tasks import TaskControl, report_failure, run_in_background
from ui.widgets.banner import Banner
from ui.widgets.tables import fit_columns, make_table, selected_row

NOT_IMPORTED = "— not imported —"
# How the counts read: (one, several).
_COUNTED = {
    RowOutcome.NEW: ("new", "new"),
    RowOutcome.UPDATED: ("will change", "will change"),
    RowOutcome.UNCHANGED: ("unchanged", "unchanged"),
    RowOutcome.DUPLICATE: ("likely duplicate", "likely duplicates"),
    RowOutcome.REJECTED: ("rejected", "rejected"),
}
KINDS = {
    "people": ("Import people and orders", "people_import", (Subject.PERSON, Subject.ORDER)),
    "custody": ("Import custody records", "custody_import", (Subject.CUSTODY,)),
}


class ImportDialog(QDialog):
    """Match columns, preview, dry run and import one file (see the module docstring)."""

    def __init__(self, services: AppServices, kind: str, file_name: str, data: bytes,
                 proposal: Any, parent: QWidget | None = None):
        super().__init__(parent)
        title, service_name, self._subjects = KINDS[kind]
        self.setWindowTitle(f"{title}: {proposal.file_name}")
        self._service = getattr(services, service_name)
        self._file_name, self._data = file_name, data
        self._proposal = proposal
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.banner = Banner()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.resize(980, 640)

    # The columns -----------------------------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            f"{self._proposal.row_count:,} rows. Choose the column that holds each item; "
            "items marked * are needed. " + (
                "These are the columns chosen last time for a file laid out like this one."
                if self._proposal.remembered else
                "The columns were matched by their names: check them before going on."))
        intro.setWordWrap(True)
        intro.setObjectName("Hint")
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        self.column_boxes: dict[str, QComboBox] = {}
        for row, (name, label, required) in enumerate(self._proposal.fields):
            box = QComboBox()
            box.addItem(NOT_IMPORTED, "")
            for header in self._proposal.headers:
                box.addItem(header, header)
            box.setCurrentIndex(max(0, box.findData(self._proposal.mapping.get(name, ""))))
            box.setAccessibleName(f"Column for {label.lower()}")
            caption = QLabel(f"{label}{' *' if required else ''}")
            caption.setBuddy(box)
            example = QLabel()
            example.setObjectName("Hint")
            box.currentIndexChanged.connect(lambda _i, b=box, e=example: self._show_example(b, e))
            self._show_example(box, example)
            grid.addWidget(caption, row, 0)
            grid.addWidget(box, row, 1)
            grid.addWidget(example, row, 2)
            self.column_boxes[name] = box
        holder = QWidget()
        holder.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        self.preview_button = QPushButton("&Preview every row ›")
        self.preview_button.setDefault(True)
        self.preview_button.setProperty("primary", "true")
        self.preview_button.clicked.connect(self.run_preview)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.preview_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return page

    def _show_example(self, box: QComboBox, label: QLabel) -> None:
        header = box.currentData()
        if not header:
            label.setText("")
            return
        column = self._proposal.headers.index(header)
        values = [row[column] for row in self._proposal.sample if row[column]][:3]
        label.setText("e.g. " + ", ".join(values) if values else "(empty in the first rows)")

    def mapping(self) -> dict[str, str]:
        return {name: box.currentData() for name, box in self.column_boxes.items()
                if box.currentData()}

    # The preview -----------------------------------------------------------------------------

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.show_box = QComboBox()
        self.show_box.setAccessibleName("Show rows")
        self.show_box.addItem("Every row", None)
        for outcome in (RowOutcome.REJECTED, RowOutcome.DUPLICATE, RowOutcome.UPDATED,
                        RowOutcome.NEW, RowOutcome.UNCHANGED):
            self.show_box.addItem(ROW_OUTCOME_LABELS[outcome], outcome)
        show_label = QLabel("&Show:")
        show_label.setBuddy(self.show_box)
        self.rows_model = ImportRowsModel(self)
        self.rows_filter = ImportRowsFilter(self)
        self.rows_filter.setSourceModel(self.rows_model)
        self.table = make_table(self.rows_filter, "Rows of the file")
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.show_box.currentIndexChanged.connect(
            lambda _i: self.rows_filter.set_outcome(self.show_box.currentData()))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        back = QPushButton("‹ &Columns")
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.confirm_button = QPushButton("&Different person: add")
        self.confirm_button.setToolTip("This row is a different person from the one on record "
                                       "with the same name and date of birth")
        self.confirm_button.clicked.connect(self.toggle_confirmed)
        self.confirm_button.setEnabled(False)
        self.dry_run_button = QPushButton("D&ry run")
        self.dry_run_button.setToolTip("Do the whole import, then undo it: shows it would work")
        self.dry_run_button.clicked.connect(lambda: self.run_import(dry_run=True))
        self.import_button = QPushButton("&Import")
        self.import_button.setProperty("primary", "true")
        self.import_button.clicked.connect(lambda: self.run_import(dry_run=False))
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(show_label)
        top.addWidget(self.show_box)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.dry_run_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        return page

    @Slot()
    def run_preview(self) -> None:
        mapping = self.mapping()
        self.banner.clear()
        self.preview_button.setEnabled(False)

        def work(control: TaskControl) -> ImportPreview:
            return self._service.preview(self._data, self._file_name, mapping,
                                         progress=control.report, cancelled=control.cancelled)

        self._run(work, self._on_preview, "Checking every row…",
                  lambda: self.preview_button.setEnabled(True))

    def _on_preview(self, preview: ImportPreview) -> None:
        self.preview_button.setEnabled(True)
        self.preview = preview
        self.rows_model.set_rows(preview.rows)
        self.rows_model.set_confirmed(())
        fit_columns(self.table, samples={4: "x" * 60})
        self._show_counts()
        self.pages.setCurrentIndex(1)
        self.table.setFocus()
        first_problem = next((i for i, r in enumerate(preview.rows)
                              if r.outcome in (RowOutcome.REJECTED, RowOutcome.DUPLICATE)), None)
        if first_problem is not None:
            self.table.selectRow(first_problem)

    def _show_counts(self) -> None:
        assert self.preview is not None
        counts = self.preview.counts
        parts = [f"<b>{counts[o]:,}</b> {_COUNTED[o][counts[o] != 1]}" for o in _COUNTED]
        confirmed = len(self.rows_model.confirmed)
        note = f" ({confirmed} confirmed as different people)" if confirmed else ""
        self.counts.setText(" · ".join(parts) + note + ". Nothing has been written yet.")

    def _on_selection_changed(self, *_args) -> None:
        row = selected_row(self.table)
        if not isinstance(row, ImportRow):
            self.detail.setText("")
            self.confirm_button.setEnabled(False)
            return
        self.detail.setText(f"Line {row.line}: {what_happens(row) or 'Nothing to check.'}")
        self.confirm_button.setEnabled(row.outcome == RowOutcome.DUPLICATE)
        self.confirm_button.setText("&Same person: leave out" if row.line in
                                    self.rows_model.confirmed else "&Different person: add")

    @Slot()
    def toggle_confirmed(self) -> None:
        row = selected_row(self.table)
        if not isinstance(row, ImportRow) or row.outcome != RowOutcome.DUPLICATE:
            return
        confirmed = set(self.rows_model.confirmed) ^ {row.line}
        self.rows_model.set_confirmed(confirmed)
        self._show_counts()
        self._on_selection_changed()

    # The import ------------------------------------------------------------------------------

    def run_import(self, *, dry_run: bool) -> None:
        mapping = self.mapping()
        confirmed = sorted(self.rows_model.confirmed)
        self.banner.clear()
        self._set_busy(True)

        def work(control: TaskControl) -> ImportResult:
            return self._service.apply(self._data, self._file_name, mapping,
                                       confirmed_duplicates=confirmed, dry_run=dry_run,
                                       progress=control.report, cancelled=control.cancelled)

        label = "Trying the import…" if dry_run else "Importing…"
        self._run(work, self._on_imported, label, lambda: self._set_busy(False))

    def _on_imported(self, result: ImportResult) -> None:
        self._set_busy(False)
        self.import_result = result
        self.banner.show_message(result.describe(), kind="info")
        announce(result.describe())
        if not result.dry_run:
            self.import_button.setEnabled(False)
            self.dry_run_button.setEnabled(False)
            self.close_button.setText("Close")
            self.close_button.setFocus()
            for subject in self._subjects:
                publish(subject)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.import_button, self.dry_run_button):
            button.setEnabled(not busy)

    def _run(self, work: Callable[[TaskControl], Any], done: Callable[[Any], None],
             label: str, restore: Callable[[], None]) -> None:
        def failed(exc: BaseException) -> None:
            restore()
            if isinstance(exc, ValidationError):
                self._show_mapping_problems(exc)
            else:
                report_failure(self, "The import could not be finished.", exc)

        def cancelled() -> None:
            restore()
            self.banner.show_message("Cancelled; nothing was written.", kind="info")

        run_in_background(work, done, failed, label, parent=self, with_progress=True,
                          on_cancelled=cancelled)

    def _show_mapping_problems(self, exc: ValidationError) -> None:
        self.pages.setCurrentIndex(0)
        self.banner.show_message("Check the columns: " + " ".join(exc.fields.values()),
                                 kind="warning")
        for name in exc.fields:
            if name in self.column_boxes:
                self.column_boxes[name].setFocus()
                break
