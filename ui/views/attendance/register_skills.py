"""The register's line for skills shown: the current person's skills, and Ctrl+K to record them
without leaving the keyboard (rule UPW-SKILLS)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.crediting import is_attended
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import UpwError
from upw_ttg.records.attendance import Register, RegisterRow
from upw_ttg.records.skills import RegisterSkills

from ui.changes import announce
from ui.dialogs.upw.skills_dialog import SkillsShownDialog
from ui.permissions import can, not_allowed_tip
from ui.widgets.labels import hint

SHORTCUT = "Ctrl+K"


class RegisterSkillsLine(QWidget):
    """Shows the skills the current row's person showed; Ctrl+K (or the button) opens the
    choice for that row, and focus returns to the register after it."""

    def __init__(self, services: AppServices, page: QWidget, *, focus: QWidget,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._page = page
        self._focus = focus
        self._may = can(services.ctx.actor, Capability.RECORD_SKILLS_SHOWN)
        self.skills: RegisterSkills | None = None
        self.row: RegisterRow | None = None
        self.dialog: SkillsShownDialog | None = None
        self.text = hint()
        self.text.setAccessibleName("Skills shown by this person")
        self.button = QPushButton("Skills s&hown…")
        self.button.setToolTip(f"Record the skills this person showed ({SHORTCUT})"
                               if self._may else not_allowed_tip("record skills shown"))
        self.button.clicked.connect(self.open_for_row)
        QShortcut(QKeySequence(SHORTCUT), page, self.open_for_row,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.show_row(None)

    def set_register(self, register: Register | None) -> None:
        """Read what the register's people have shown so far (a short read)."""
        self.skills = None
        if register is not None:
            try:
                self.skills = self._services.upw.skills.register_skills(register.session_id)
            except UpwError:
                self.skills = None  # the register itself says what went wrong
        self.show_row(None)

    def show_row(self, row: RegisterRow | None) -> None:
        self.row = row
        usable = self._may and row is not None and self.skills is not None
        self.button.setEnabled(usable)
        if row is None or self.skills is None:
            self.text.setText("")
            return
        names = self.skills.names(row.appointment_id)
        shown = ", ".join(names) if names else "none recorded"
        tip = f" {SHORTCUT} records them." if usable else ""
        self.text.setText(f"Skills shown by {row.name}: {shown}.{tip}")

    @Slot()
    def open_for_row(self) -> None:
        row, skills = self.row, self.skills
        if row is None or skills is None or not self.button.isEnabled():
            return
        commit = getattr(self._focus, "commit_editor", None)
        if commit is not None:  # what was being typed stays in the register, unsaved
            commit()
        if row.outcome_code is not None and not is_attended(row.outcome_code):
            announce(f"{row.name} did not work at this session ({row.outcome_code}): "
                     "no skills to record.")
            return
        self.dialog = SkillsShownDialog(self._services, skills, row.appointment_id, row.name,
                                        self._page)
        self.dialog.saved.connect(lambda _ids: self._saved(row, skills.session_id))
        self.dialog.finished.connect(lambda _result: self._back_to_register())
        self.dialog.open()

    def _back_to_register(self) -> None:
        self._focus.window().activateWindow()
        self._focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _saved(self, row: RegisterRow, session_id: int) -> None:
        self.skills = self._services.upw.skills.register_skills(session_id)
        self.show_row(row)
        announce(f"Saved the skills {row.name} showed.")
