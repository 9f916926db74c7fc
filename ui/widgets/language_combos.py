"""Choosing the language a letter or a staff document prints in."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from upw_ttg.domain.codes import Language


class LanguageCombo(QComboBox):
    """Which language a letter prints in: the person's own (from their record) or a choice."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Letter language")
        self.addItem("Person's own language", None)
        self.addItem("English", Language.ENGLISH)
        self.addItem("Welsh (Cymraeg)", Language.WELSH)

    def language(self) -> Language | None:
        # Qt hands a str-based enum back as its plain text value.
        data = self.currentData()
        return Language(data) if data is not None else None


class PaperLanguageCombo(QComboBox):
    """Which language a staff document (work sheet, van manifest) prints in: its reader's."""

    def __init__(self, parent: QWidget | None = None, *, name: str = "Paper language"):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.addItem("English", Language.ENGLISH)
        self.addItem("Welsh (Cymraeg)", Language.WELSH)

    def language(self) -> Language:
        return Language(self.currentData())  # Qt hands the enum back as its text value


def language_row(combo: LanguageCombo, text: str = "&Letter language:") -> QHBoxLayout:
    row = QHBoxLayout()
    label = QLabel(text)
    label.setBuddy(combo)
    row.addWidget(label)
    row.addWidget(combo)
    return row
