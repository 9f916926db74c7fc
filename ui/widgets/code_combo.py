"""Combo boxes whose items carry Python values (codes, enums) and hand them back as they went in."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ui.models.ttg.codes import code_text

E = TypeVar("E", bound=Enum)


class CodeCombo(QComboBox):
    """A combo whose items carry Python values, handed back as they went in.

    Qt turns a text enum (``StrEnum``) into plain text on the way through, so the values
    are kept here and ``currentData()`` returns the code itself.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._values: list[Any] = []

    def add(self, value: Any, text: str) -> None:
        self._values.append(value)
        self.addItem(text, len(self._values) - 1)

    def currentData(self, role: int = Qt.ItemDataRole.UserRole) -> Any:
        index = self.currentIndex()
        if role != Qt.ItemDataRole.UserRole or not 0 <= index < len(self._values):
            return super().currentData(role)
        return self._values[index]

    def findData(self, value: Any, role: int = Qt.ItemDataRole.UserRole,
                 flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly) -> int:
        if role != Qt.ItemDataRole.UserRole:
            return super().findData(value, role, flags)
        return next((i for i, v in enumerate(self._values)
                     if v is value or (v == value and type(v) is type(value))), -1)


def code_combo(values: Iterable[Enum], blank: str | None = None) -> CodeCombo:
    """A combo of code values in plain words, with an optional 'not chosen' first entry."""
    combo = CodeCombo()
    if blank is not None:
        combo.add(None, blank)
    for value in values:
        combo.add(value, code_text(value))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def choice_combo(choices: Iterable[tuple[Any, str]]) -> CodeCombo:
    combo = CodeCombo()
    for value, text in choices:
        combo.add(value, text)
    return combo


def enum_value(combo: QComboBox, kind: type[E]) -> E | None:
    """A combo box's current enum member: Qt hands string enums back as plain strings."""
    value = combo.currentData()
    return None if value is None else kind(value)
