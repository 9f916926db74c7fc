"""Keying a session's register from the keyboard: choose the day and session, type, Ctrl+S."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import OUTCOME_CODES
from upw_ttg.errors import StaleRecordError, UpwError, ValidationError
from upw_ttg.records.attendance import Register, RegisterSaveResult
from upw_ttg.time_text import format_time

from ui.changes import Subject, announce, publish
from ui.formatting import format_date
from ui.loading import PageLoader
from ui.models.attendance.list_models import session_text
from ui.models.attendance.register_model import RegisterTableModel, outcome_text
from ui.permissions import can_key_registers, can_print_work_sheets, not_allowed_tip
from ui.printing import PdfPrinter
from ui.tasks import BackgroundTask, report_failure, run_in_background, writer_pool
from ui.views.attendance.register_skills import RegisterSkillsLine
from ui.views.attendance.register_table import CompletingEdit, RegisterTableView
from ui.widgets.banner import Banner
from ui.widgets.date_field import DateField
from ui.widgets.labels import hint, page_title
from ui.widgets.language_combos import PaperLanguageCombo
from ui.widgets.records_to_check import RecordsToCheckBanner

_M = RegisterTableModel
CODES_LEGEND = ("Codes: ATTC attended · AFTC attended, failed to comply · ATSH sent home "
                "(behaviour) · ATSS sent home (service) · UAAB unacceptable absence · AAME, "
                "AAEM, AAFC, AACL, AASD acceptable absence (medical, employment, family, court, "
                "stood down) · RSSR, RSOF rescheduled (service, person).")
KEYS_HINT = ("Type the first letters of a code (AT gives ATTC). Tab or Enter moves to the next "
             "cell, row by row; Shift+arrows select rows for a bulk outcome; Ctrl+S saves the "
             "whole register; Ctrl+K records the skills a person showed. Yellow cells are not "
             "saved yet; red cells need correcting.")
# The widest text each column should show in full.
_SAMPLES = {_M.ROW: "000", _M.NAME: "Christopher Cartwright", _M.CRN: "X000000",
            _M.OUTCOME: "AAAA", _M.START: "00:00", _M.END: "00:00", _M.PENALTY: "000",
            _M.QUALITY: "Satisfactory", _M.BEHAVIOUR: "Satisfactory", _M.HI_VIS: "Yes",
            _M.NOTES: "Left early", _M.SENSITIVE: "Yes",
            _M.CREDIT: "00:00"}


class RegisterPage(QWidget):
    """A session's register, rows numbered as on the printed work sheet. Outcomes saved are
    published as attendance changes, so a person's record showing them reads them again."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._registers = services.attendance.registers
        self._editable = can_key_registers(services.ctx.actor)
        self._sessions: list = []
        self._day: dt.date | None = None
        self.printer = PdfPrinter(self)
        self.date = DateField()
        self.date.setAccessibleName("Session date")
        self.date.set_date(services.ctx.today())
        self.date.returnPressed.connect(self._on_date_chosen)
        self.date.editingFinished.connect(self._on_date_chosen)
        self.date.date_picked.connect(self._on_date_chosen)
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date)
        self.session = QComboBox()
        self.session.setAccessibleName("Session")
        self.session.setMinimumContentsLength(40)
        self.session.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.session.activated.connect(self._on_session_activated)
        session_label = QLabel("Sessio&n:")
        session_label.setBuddy(self.session)
        self.reload_button = QPushButton("Re&load")
        self.reload_button.setToolTip("Load the register again as saved (F5)")
        self.reload_button.clicked.connect(self.reload)
        self.facts = QLabel()
        self.facts.setObjectName("PageSubtitle")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = Banner()
        self.discard_button = QPushButton("Reload and &discard my changes")
        self.discard_button.clicked.connect(self._on_discard_clicked)
        self.discard_button.setVisible(False)

        self.model = RegisterTableModel(self)
        self.table = RegisterTableView(self.model)
        self.loader = PageLoader(self, [self.table], "The register could not be opened.")
        self._save_task: BackgroundTask | None = None
        if not self._editable:
            self.table.setEditTriggers(RegisterTableView.EditTrigger.NoEditTriggers)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.table.register_delegate.on_editor_text = self._show_cell_text
        self.cell_text = hint()
        self.cell_text.setAccessibleName("Current cell")
        self.problems = QListWidget()
        self.problems.setAccessibleName("Problems to correct")
        self.problems.itemActivated.connect(self._on_problem_activated)
        self.problems_label = QLabel("Proble&ms to correct (Enter goes to the cell):")
        self.problems_label.setBuddy(self.problems)
        for widget in (self.problems, self.problems_label):
            widget.setVisible(False)

        self.bulk_code = CompletingEdit([o.code for o in OUTCOME_CODES], upper=True)
        self.bulk_code.setMaxLength(4)
        self.bulk_code.setFixedWidth(self.bulk_code.fontMetrics().horizontalAdvance("AAAAAA")
                                     + 16)
        self.bulk_code.setAccessibleName("Bulk outcome for the selected rows")
        self.bulk_code.returnPressed.connect(self.apply_bulk)
        self.bulk_code.textChanged.connect(self._on_bulk_text_changed)
        bulk_label = QLabel("&Bulk outcome for selected rows:")
        bulk_label.setBuddy(self.bulk_code)
        self.bulk_text = hint()
        self.bulk_text.setWordWrap(False)
        self.apply_button = QPushButton("&Apply to selected")
        self.apply_button.clicked.connect(self.apply_bulk)
        self.print_button = QPushButton("Print wor&k sheet…")
        self.print_button.setToolTip("Preview and print this session's work sheet")
        self.print_button.clicked.connect(self.print_sheet)
        self.print_button.setEnabled(can_print_work_sheets(services.ctx.actor))
        # The supervisor's language: every fixed word of the sheet from the glossary.
        self.sheet_language = PaperLanguageCombo(name="Work sheet language")
        self.sheet_language.setToolTip("The language the work sheet prints in")
        self.sheet_language.setEnabled(self.print_button.isEnabled())
        self.save_button = QPushButton("&Save register")
        self.save_button.setProperty("primary", "true")
        self.save_button.setToolTip("Save every row in one go (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        if not self._editable:
            for button in (self.save_button, self.apply_button):
                button.setToolTip(not_allowed_tip("key registers"))

        chooser = QHBoxLayout()
        chooser.addWidget(date_label)
        chooser.addWidget(self.date)
        chooser.addSpacing(12)
        chooser.addWidget(session_label)
        chooser.addWidget(self.session, 1)
        chooser.addWidget(self.reload_button)
        bulk = QHBoxLayout()
        bulk.addWidget(bulk_label)
        bulk.addWidget(self.bulk_code)
        bulk.addWidget(self.apply_button)
        bulk.addWidget(self.bulk_text, 1)
        bulk.addWidget(self.print_button)
        language_label = QLabel("in")
        language_label.setBuddy(self.sheet_language)
        bulk.addWidget(language_label)
        bulk.addWidget(self.sheet_language)
        bulk.addWidget(self.save_button)
        stale = QHBoxLayout()
        stale.addStretch(1)
        stale.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(page_title("Registers", "Key in the register a supervisor brings "
                                                 "back, row by row as on the work sheet."))
        layout.addLayout(chooser)
        layout.addWidget(self.facts)
        layout.addWidget(self.banner)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addLayout(stale)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.cell_text)
        # Rule UPW-SKILLS: the current person's skills shown; Ctrl+K records them.
        self.skills_line = RegisterSkillsLine(services, self, focus=self.table)
        layout.addWidget(self.skills_line)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addLayout(bulk)
        layout.addWidget(hint(KEYS_HINT + " " + CODES_LEGEND))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._focus_before_save: QWidget | None = None
        self._size_columns()
        self._update_buttons()

    # Choosing ----------------------------------------------------------------------------

    @property
    def register(self) -> Register | None:
        return self.model.register

    def refresh(self) -> None:
        """Called when the page is shown: the day's sessions, keeping any open register."""
        if self.session.count() == 0:
            self._fill_sessions(keep=None)

    def _on_date_chosen(self, *_args: object) -> None:
        try:
            day = self.date.date()
        except ValueError as exc:
            self.banner.show_message(str(exc), "warning")
            return
        if day is None or (self._sessions and self._day == day):
            return
        if not self.confirm_discard():
            if self.register is not None:
                self.date.set_date(self.register.session_date)
            return
        self._fill_sessions(keep=None)

    def _fill_sessions(self, keep: int | None, then=None) -> None:
        """The day's sessions and the register of ``keep`` (or the first), read on a worker;
        ``then()`` once they are shown."""
        try:
            day = self.date.date() or self._services.ctx.today()
        except ValueError:
            day = self._services.ctx.today()
        self._day = day
        work_sheets, registers = self._services.attendance.work_sheets, self._registers

        def read() -> tuple[list, int | None, Register | None, UpwError | None]:
            sessions = work_sheets.day_sessions(day)
            target = keep if keep is not None else (sessions[0].session_id
                                                    if sessions else None)
            register, problem = _read_register(registers, target)
            return sessions, target, register, problem

        def show(result: tuple[list, int | None, Register | None, UpwError | None]) -> None:
            sessions, target, register, problem = result
            self._show_sessions(day, sessions, target)
            self._show_register(register, problem)
            if then is not None:
                then()

        self.loader.load(read, show)

    def _show_sessions(self, day: dt.date, sessions: list, target: int | None) -> None:
        self._sessions = sessions
        self.session.blockSignals(True)
        self.session.clear()
        for item in self._sessions:
            self.session.addItem(session_text(item), item.session_id)
        if not self._sessions:
            self.session.addItem(f"No sessions on {format_date(day)} have anyone booked", None)
        self.session.blockSignals(False)
        index = self.session.findData(target) if target is not None else -1
        if index < 0 and target is not None:
            # A session with no one left on it, or stood down: still open its register.
            self.session.addItem(f"Session {target}", target)
            index = self.session.count() - 1
        self.session.setCurrentIndex(max(index, 0))

    def _on_session_activated(self, index: int) -> None:
        session_id = self.session.itemData(index)
        if self.register is not None and session_id == self.register.session_id:
            return
        if not self.confirm_discard():
            self.session.setCurrentIndex(self.session.findData(self.register.session_id)
                                         if self.register else 0)
            return
        self._load(session_id)

    def open_session(self, session_id: int, day: dt.date,
                     appointment_id: int | None = None) -> None:
        """Show ``session_id``'s register (e.g. from the outstanding list) at one person."""
        if self.register is None or self.register.session_id != session_id:
            if not self.confirm_discard():
                return
            self.date.set_date(day)
            self._fill_sessions(keep=session_id, then=lambda: self._go_to(appointment_id))
            return
        self._go_to(appointment_id)

    def _go_to(self, appointment_id: int | None) -> None:
        rows = [r.appointment_id for r in self.register.rows] if self.register else []
        row = rows.index(appointment_id) if appointment_id in rows else 0
        self.table.go_to(row)

    def confirm_discard(self) -> bool:
        """Whether unsaved changes may be dropped (asks the user; tests patch this)."""
        if not self.model.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self, "Unsaved register", "This register has changes that are not saved. "
            "Discard them?", QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def _load(self, session_id: int | None) -> None:
        """Read ``session_id``'s register on a worker; the table says it is loading."""
        registers = self._registers
        self.loader.load(lambda: _read_register(registers, session_id),
                         lambda result: self._show_register(*result))

    def _show_register(self, register: Register | None, problem: UpwError | None) -> None:
        self.banner.clear()
        self.discard_button.setVisible(False)
        if problem is not None:
            report_failure(self, "The register could not be opened.", problem)
        self.model.set_register(register)
        self.skills_line.set_register(register)
        self.to_check.show_records(register.to_check if register else ())
        self._show_facts()
        self._show_problems()
        self._update_buttons()
        if register is not None and register.rows:
            self.table.go_to(0)

    @Slot()
    def reload(self) -> None:
        if self.register is not None and self.confirm_discard():
            self._load(self.register.session_id)

    def _on_discard_clicked(self) -> None:
        if self.register is not None:
            self._load(self.register.session_id)

    def _show_facts(self) -> None:
        reg = self.register
        if reg is None:
            self.facts.setText("Choose a day and a session to key its register.")
            return
        printed = "" if reg.sheet_printed else " (work sheet not printed yet)"
        parts = [f"{reg.session_date:%A} {format_date(reg.session_date)}, "
                 f"{format_time(reg.start_time)}–{format_time(reg.end_time)}"
                 + (f" ({reg.break_minutes} min unpaid break)" if reg.break_minutes else ""),
                 f"supervisor {reg.supervisor or 'not allocated'}",
                 "hi-vis required" if reg.hi_vis_required else "hi-vis not required"]
        text = (f"<b>Sheet {reg.sheet_id}</b>{printed} · <b>{reg.project_code} "
                f"{reg.project_name}</b><br>" + " · ".join(parts))
        if reg.stood_down:
            text += "<br><b>This session was stood down.</b>"
        elif not reg.has_started:
            text += ("<br>This session has not started: only an acceptable absence or a "
                     "reschedule can be recorded now.")
        self.facts.setText(text)

    def _size_columns(self) -> None:
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        for column, sample in _SAMPLES.items():
            header = _M.COLUMNS[column].header
            self.table.setColumnWidth(column, max(
                self.table.fontMetrics().horizontalAdvance(sample) + 18,
                header_metrics.horizontalAdvance(header) + 18))
        self.table.horizontalHeader().setSectionResizeMode(
            _M.NOTES, self.table.horizontalHeader().ResizeMode.Stretch)

    def _update_buttons(self) -> None:
        has_rows = self.register is not None and bool(self.register.rows)
        for widget in (self.save_button, self.apply_button, self.bulk_code):
            widget.setEnabled(self._editable and has_rows)
        self.print_button.setEnabled(can_print_work_sheets(self._services.ctx.actor)
                                     and self.register is not None)
        if self.register is not None:
            self.bulk_code.set_choices([o.code for o in self.register.outcome_choices])

    # Feedback ----------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_cell_text(None)
        self._show_row_skills()

    def _show_row_skills(self) -> None:
        index, register = self.table.currentIndex(), self.register
        self.skills_line.show_row(register.rows[index.row()] if register and index.isValid()
                                  and index.row() < len(register.rows) else None)

    def _show_cell_text(self, text: str | None) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.register is None:
            self.cell_text.clear()
            return
        row = self.register.rows[index.row()]
        column = _M.COLUMNS[index.column()].header
        detail = str(text if text is not None else index.data(Qt.ItemDataRole.ToolTipRole)
                     or "")
        who = f"Row {row.row_number}, {row.name}"
        detail = detail.removeprefix(f"{who}: ")
        self.cell_text.setText(f"{who} ({row.crn}) · {column}: {detail}")

    def _on_model_data_changed(self, *_args: object) -> None:
        self._show_problems()

    def _show_problems(self) -> None:
        problems = self.model.problems()
        self.problems.clear()
        for row, column, message in problems:
            item = QListWidgetItem(message)
            item.setData(Qt.ItemDataRole.UserRole, (row, column))
            self.problems.addItem(item)
        for widget in (self.problems, self.problems_label):
            widget.setVisible(bool(problems))
        lines = min(max(len(problems), 1), 4)
        self.problems.setFixedHeight(self.problems.sizeHintForRow(0) * lines + 8
                                     if problems else 0)

    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        row, column = item.data(Qt.ItemDataRole.UserRole)
        self.table.go_to(row, column)

    def _on_bulk_text_changed(self, text: str) -> None:
        self.bulk_text.setText(outcome_text(text) if len(text) == 4 else "")

    # Acting ------------------------------------------------------------------------------

    @Slot()
    def apply_bulk(self) -> None:
        """Put the bulk outcome on the selected rows (saved with the rest by Ctrl+S)."""
        if not self.apply_button.isEnabled():
            return
        code = self.bulk_code.chosen().upper()
        rows = self.table.selected_rows()
        if code not in self.model.outcome_codes():
            self.banner.show_message(f"{code or 'That'} is not an outcome that can be recorded "
                                     "on this register.", "warning")
            self.bulk_code.setFocus()
            return
        if not rows:
            self.banner.show_message("Select the rows first (Shift+arrows in the register).",
                                     "warning")
            return
        self.banner.clear()
        self.model.apply_outcome(rows, code)
        self.bulk_code.clear()
        selection = self.table.selectionModel().selection()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)
        plural = "s" if len(rows) != 1 else ""
        announce(f"{code} put on {len(rows)} row{plural}; press Ctrl+S to save.")

    @Slot()
    def save(self) -> None:
        """Save the whole register in one transaction; problems stay on their cells."""
        if self.register is None or self.saving or not self.save_button.isEnabled():
            return
        self.table.commit_editor()
        self.banner.clear()
        self.model.clear_service_errors()
        typing = self.model.typing_problems()
        if typing:
            self._show_not_saved(len(typing))
            return
        session_id, entries = self.register.session_id, self.model.entries()
        self._set_saving(True)
        self._save_task = run_in_background(
            lambda: self._registers.save_register(session_id, entries), self._on_save_finished,
            self._on_save_raised, parent=self, pool=writer_pool())

    @property
    def saving(self) -> bool:
        """True while the register is being saved (on the writer thread)."""
        return self._save_task is not None

    def _set_saving(self, saving: bool) -> None:
        """The register stays on screen with its entries, greyed, while it is saved."""
        if saving:
            self._focus_before_save = self.focusWidget()
            self.banner.show_message("Saving the register…", "info")
        else:
            self._save_task = None
        for widget in (self.table, self.date, self.session, self.reload_button,
                       self.bulk_code, self.apply_button, self.save_button):
            widget.setEnabled(not saving)
        if not saving:
            self._update_buttons()
            focus = self._focus_before_save
            if focus is not None and shiboken6.isValid(focus) and focus.isEnabled():
                focus.setFocus()

    def _on_save_finished(self, result: RegisterSaveResult) -> None:
        self._set_saving(False)
        self._saved(result)

    def _on_save_raised(self, exc: BaseException) -> None:
        self._set_saving(False)
        self.banner.clear()
        if isinstance(exc, ValidationError):
            leftover = self.model.set_errors(exc.fields)
            self._show_not_saved(len(exc.fields) - len(leftover), leftover)
        elif isinstance(exc, StaleRecordError):
            self.banner.show_message(str(exc))
            self.discard_button.setVisible(True)
        elif isinstance(exc, UpwError):
            self.banner.show_message(str(exc))
        else:
            report_failure(self, "The register could not be saved.", exc)

    def _show_not_saved(self, cells: int, leftover: list[str] | None = None) -> None:
        text = ("Please correct the cell marked in red." if cells == 1 else
                f"Please correct the {cells} cells marked in red.") if cells else ""
        self.banner.show_message(" ".join([text, *(leftover or [])]).strip()
                                 + " Your entries are still here.")
        self._show_problems()
        first = self.model.problems()
        if first:
            self.table.go_to(first[0][0], first[0][1])

    def _saved(self, result: RegisterSaveResult) -> None:
        current = self.table.currentIndex()
        self.model.set_register(result.register)
        self._show_facts()
        self._show_problems()
        changed = len(result.changed)
        message = (f"Register {result.register.sheet_id} saved: {changed} "
                   f"row{'s' if changed != 1 else ''} changed." if changed
                   else f"Register {result.register.sheet_id}: nothing had changed.")
        if result.notices:
            self.banner.show_message(message + " " + " ".join(result.notices), "info")
        else:
            self.banner.show_message(message, "info")
        if current.isValid():
            self.table.go_to(current.row(), current.column())
        self._show_row_skills()
        announce(message)
        if result.changed:
            keyed = set(result.changed)
            publish(Subject.ATTENDANCE, result.changed,
                    [r.person_id for r in result.register.rows if r.appointment_id in keyed],
                    result)

    @Slot()
    def print_sheet(self) -> None:
        reg = self.register
        if reg is None:
            return
        sheets = self._services.attendance.work_sheets
        language = self.sheet_language.language()
        self.printer.run(lambda: sheets.print_sheet(reg.session_id, language),
                         f"Work sheet {reg.sheet_id}",
                         f"{reg.sheet_id}.pdf", "Preparing the work sheet…",
                         button=self.print_button, failure="The work sheet could not be "
                         "prepared.", on_shown=self._after_print)

    def _after_print(self) -> None:
        # Printing fixes the row numbers: show them as printed (edits are kept).
        if self.register is not None and not self.model.has_unsaved_changes():
            self._load(self.register.session_id)


def _read_register(registers, session_id: int | None) -> tuple[Register | None, UpwError | None]:
    """A session's register (on a worker), or the reason it could not be read."""
    if session_id is None:
        return None, None
    try:
        return registers.load_register(session_id), None
    except UpwError as exc:
        return None, exc
