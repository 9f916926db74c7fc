"""A message strip at the top of a form or page: errors, warnings and notes in plain words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class Banner(QFrame):
    """Hidden until it has something to say; the kind is written out, not only coloured."""

    _PREFIX = {"error": "Not saved. ", "warning": "Please note: ", "info": ""}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Banner")
        self.prefixes = True
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The message, then any buttons a screen adds beside it.
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(10, 6, 10, 6)
        self.row.addWidget(self.label)
        self.setVisible(False)

    def show_message(self, text: str, kind: str = "error") -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        prefix = self._PREFIX.get(kind, "") if self.prefixes else ""
        self.label.setText(prefix + text)
        self.setAccessibleDescription(text)
        self.setVisible(True)

    def clear(self) -> None:
        self.label.clear()
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()
