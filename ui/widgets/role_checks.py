"""A check box per role, each saying what the role is for; the job's own role stays ticked."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from upw_ttg.domain.codes import Role
from upw_ttg.domain.permissions import ROLE_SUMMARIES

from ui.formatting import label


def roles_text(main: Role, roles: frozenset[Role]) -> str:
    """'Administrator + coordinator, manager': the job first, then any further roles."""
    others = [label(r).lower() for r in Role if r in roles and r != main]
    return label(main) + (f" + {', '.join(others)}" if others else "")


class RoleChecks(QWidget):
    """Every role as a check box with its one-line summary from the permission table's notes.

    The job's role (``set_main``) is always held, so its box is ticked and cannot be cleared.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Roles held")
        self.boxes: dict[Role, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for role in Role:
            box = QCheckBox(label(role))
            box.setAccessibleDescription(ROLE_SUMMARIES[role])
            note = QLabel(ROLE_SUMMARIES[role])
            note.setObjectName("Hint")
            note.setWordWrap(True)
            note.setContentsMargins(22, 0, 0, 4)
            layout.addWidget(box)
            layout.addWidget(note)
            self.boxes[role] = box
        self._main: Role | None = None

    def set_roles(self, roles: frozenset[Role]) -> None:
        for role, box in self.boxes.items():
            box.setChecked(role in roles or role == self._main)

    def set_main(self, main: Role) -> None:
        if self._main is not None:
            self.boxes[self._main].setEnabled(True)
        self._main = main
        self.boxes[main].setChecked(True)
        self.boxes[main].setEnabled(False)

    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, box in self.boxes.items() if box.isChecked())
