"""Small input helpers for the TTG pages: a time box, long text, values set without signals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from upw_ttg.time_text import parse_time

from ui.widgets.date_field import DateField
from ui.widgets.provider_picker import ProviderPicker

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost


class TimeField(QLineEdit):
    """A line edit for an optional time of day (24-hour clock)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("hh:mm")
        self.setMaxLength(5)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:000") + 24)

    def time(self) -> dt.time | None:
        return parse_time(self.text())

    def set_time(self, value: dt.time | None) -> None:
        self.setText(value.strftime("%H:%M") if value else "")


def long_text(lines: int = 4, placeholder: str = "") -> QPlainTextEdit:
    """A multi-line box about ``lines`` tall; Tab moves on rather than typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setMinimumHeight(height)
    box.setMaximumHeight(max(height, box.fontMetrics().lineSpacing() * (lines + 4)))
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return box


def set_value(widget: QWidget, value: Any) -> None:
    """Show ``value`` in ``widget`` without signalling an edit."""
    with QSignalBlocker(widget):
        if isinstance(widget, DateField):
            widget.set_date(value)
        elif isinstance(widget, TimeField):
            widget.set_time(value)
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != (value or ""):
                widget.setPlainText(value or "")
        elif isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            raise TypeError(type(widget).__name__)


def text_of(widget: QLineEdit | QPlainTextEdit) -> str | None:
    """The text typed (None when only blanks)."""
    text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    return text if text.strip() else None


def case_provider_picker(host: PlanHost, name: str, **options: Any) -> ProviderPicker:
    """A picker of the directory's providers for the case open on ``host`` (the plan
    screen), the person's area first, as the referral form has (rule TTG-DIR4); the screen
    read them with the episode, so filling a picker reads nothing."""
    return ProviderPicker(host.state.provider_choices, name, **options)
