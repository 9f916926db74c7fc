"""Skills: the reference list kept with the projects, and the skills a person showed at a
session, chosen from the register (rule UPW-SKILLS)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import UpwError
from upw_ttg.records.skills import RegisterSkills, SkillInput, SkillRecord

from ui.dialogs.form_dialog import FormDialog, optional_text
from ui.tasks import report_failure


def skill_text(skill: SkillRecord) -> str:
    welsh = f" · Cymraeg: {skill.name_cy}" if skill.name_cy else " · no Welsh name yet"
    return skill.name + welsh + ("" if skill.active else " (inactive)")


def checkable_skills(widget: QListWidget, skills: Sequence[SkillRecord], chosen: Sequence[int],
                     *, marked: Sequence[int] = ()) -> None:
    """Fill ``widget`` with a check box per skill (Space ticks one); ``marked`` are named as
    the project's own."""
    widget.clear()
    for skill in skills:
        text = skill.name + (" (this project)" if skill.id in marked else "")
        item = QListWidgetItem(text + ("" if skill.active else " (inactive)"))
        item.setData(Qt.ItemDataRole.UserRole, skill.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if skill.id in chosen
                           else Qt.CheckState.Unchecked)
        widget.addItem(item)


def checked_ids(widget: QListWidget) -> tuple[int, ...]:
    return tuple(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                 if widget.item(i).checkState() == Qt.CheckState.Checked)


class SkillDialog(FormDialog):
    """Add a skill to the list (``record`` None) or change its names or whether it is used."""

    def __init__(self, services: AppServices, record: SkillRecord | None = None,
                 parent: QWidget | None = None):
        super().__init__("New skill" if record is None else f"Edit {record.name}",
                         "The Welsh name prints on certificates in Welsh; without one the "
                         "English name is printed.", parent)
        self._services = services
        self._record = record
        form = QFormLayout()
        self.name = QLineEdit(record.name if record else "")
        self.name.setMaxLength(80)
        self.fields.add_row(form, "name", "&Skill", self.name)
        self.name_cy = QLineEdit((record.name_cy or "") if record else "")
        self.name_cy.setMaxLength(80)
        self.fields.add_row(form, "name_cy", "&Welsh name", self.name_cy)
        self.active = QCheckBox("&In use (offered for projects and registers)")
        self.active.setChecked(record.active if record else True)
        self.fields.add_row(form, "active", "", self.active)
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> SkillInput:
        return SkillInput(self.name.text(), optional_text(self.name_cy), self.active.isChecked(),
                          self._record.version if self._record else None)

    def save(self, data: SkillInput) -> SkillRecord:
        return self._services.upw.skills.save_skill(self._record.id if self._record else None,
                                                    data)


class SkillsListDialog(QDialog):
    """The reference list of skills: add, change, make inactive, or delete one never used.

    Signals:
        changed(): the list changed (projects' forms should read it again).
    """

    changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Skills practised on projects")
        self._services = services
        self.list = QListWidget()
        self.list.setAccessibleName("Skills")
        self.list.itemActivated.connect(lambda _item: self.edit_skill())
        label = QLabel("&Skills (Enter changes one):")
        label.setBuddy(self.list)
        self.add_button = QPushButton("&Add…")
        self.add_button.clicked.connect(self.add_skill)
        self.edit_button = QPushButton("&Change…")
        self.edit_button.clicked.connect(self.edit_skill)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setToolTip("Only a skill no project or register uses; make one in "
                                      "use inactive instead")
        self.delete_button.clicked.connect(self.delete_skill)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.note = QLabel()
        self.note.setObjectName("Hint")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.resize(620, 480)
        self.reload()

    def reload(self) -> None:
        self._skills = self._services.upw.skills.list_skills(include_inactive=True)
        self.list.clear()
        for skill in self._skills:
            uses = f" — {skill.projects} project{'s' if skill.projects != 1 else ''}"
            item = QListWidgetItem(skill_text(skill) + uses)
            item.setData(Qt.ItemDataRole.UserRole, skill.id)
            self.list.addItem(item)
        if self._skills:
            self.list.setCurrentRow(0)
        self.note.setText(f"{len(self._skills)} skills on the list. Projects choose theirs in "
                          "the project form; registers record the skills each person showed.")

    def selected(self) -> SkillRecord | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((s for s in self._skills if s.id == wanted), None)

    @Slot()
    def add_skill(self) -> None:
        self._open(SkillDialog(self._services, None, self))

    @Slot()
    def edit_skill(self) -> None:
        skill = self.selected()
        if skill is not None:
            self._open(SkillDialog(self._services, skill, self))

    def _open(self, dialog: SkillDialog) -> None:
        dialog.saved.connect(self._on_saved)
        dialog.open()

    def _on_saved(self, _record: object) -> None:
        self.reload()
        self.changed.emit()

    @Slot()
    def delete_skill(self) -> None:
        skill = self.selected()
        if skill is None:
            return
        answer = QMessageBox.question(self, "Delete skill", f"Delete {skill.name} from the "
                                      "list?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._services.upw.skills.delete_skill(skill.id)
        except UpwError as exc:
            report_failure(self, "The skill could not be deleted.", exc)
            return
        self.reload()
        self.changed.emit()


class SkillsShownDialog(FormDialog):
    """The skills one person showed at a session: the project's own first; Space ticks one."""

    SAVES_IN_BACKGROUND = False

    def __init__(self, services: AppServices, skills: RegisterSkills, appointment_id: int,
                 person: str, parent: QWidget | None = None):
        super().__init__(f"Skills shown – {person}",
                         f"Tick the skills {person} showed at {skills.project_name}. They go "
                         "on the certificate when the order is complete.", parent)
        self._services = services
        self._appointment_id = appointment_id
        self._was = skills.shown.get(appointment_id, ())
        self.list = QListWidget()
        self.list.setAccessibleName(f"Skills {person} showed")
        checkable_skills(self.list, skills.choices, self._was, marked=skills.project_skill_ids)
        form = QFormLayout()
        self.fields.add_row(form, "skills", "S&kills shown", self.list)
        self.body.addLayout(form)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(520, 420)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.list.setFocus()

    def collect(self) -> tuple[int, ...]:
        return checked_ids(self.list)

    def save(self, data: tuple[int, ...]) -> tuple[int, ...]:
        return self._services.upw.skills.record_shown(self._appointment_id, data, was=self._was)
