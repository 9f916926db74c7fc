"""Form rows with a plain-words error line under each field, keyed by input field names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Give ``widget`` the red 'invalid' look (the message under it says why)."""
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _note(object_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class FieldSet:
    """The fields of one form by name (the input dataclass's field names) with error lines.

    Each field sits in a small container with its hint and its error line under it (hidden
    until needed). ``show_errors`` fills the lines, marks the fields, focuses the first bad
    one and returns the messages that have no field here.
    """

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_row(self, form: QFormLayout, name: str, text: str, widget: QWidget,
                hint: str | None = None) -> QLabel:
        """Add ``text``: ``widget`` to ``form`` with an optional hint and the error line.

        Returns:
            The row's label (its buddy is ``widget``, so its mnemonic focuses the field).
        """
        label = QLabel(text)
        if text:
            label.setBuddy(widget)
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        if hint:
            note = _note("Hint")
            note.setText(hint)
            layout.addWidget(note)
        error = _note("FieldError")
        error.setVisible(False)
        layout.addWidget(error)
        form.addRow(label, container)
        if not widget.accessibleName():
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        self._fields[name] = (widget, error)
        return label

    def widget(self, name: str) -> QWidget:
        return self._fields[name][0]

    def error_text(self, name: str) -> str:
        """The message shown under ``name`` ('' when none)."""
        return self._fields[name][1].text()

    def names(self) -> list[str]:
        return list(self._fields)

    def clear(self) -> None:
        for widget, error in self._fields.values():
            error.clear()
            error.setVisible(False)
            set_invalid(widget, False)
            widget.setAccessibleDescription("")

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show each message under its field and focus the first bad field in form order.

        Returns:
            The messages for fields this form does not have.
        """
        leftover = dict(errors)
        first: QWidget | None = None
        for name, (widget, error) in self._fields.items():
            message = leftover.pop(name, None)
            if message is None:
                continue
            error.setText(message)
            error.setVisible(True)
            set_invalid(widget, True)
            widget.setAccessibleDescription(message)
            if first is None:
                first = widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return leftover
