"""The shared behaviour of every record form: save, show problems by their fields, keep edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from upw_ttg.errors import StaleRecordError, UpwError, ValidationError
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet


class FormDialog(QDialog):
    """A dialog that builds an input object, hands it to a service and closes on success.

    Subclasses lay out fields with ``self.fields.add_row(...)`` inside ``self.body`` and
    implement ``collect()`` (raise ValidationError for text that cannot be read, such as a
    malformed date) and ``save(data)`` (call the service). Nothing the user typed is ever
    cleared: a ValidationError puts each message under its field and focuses the first; a
    StaleRecordError or any other expected error is shown in the banner.

    Signals:
        saved(object): the record the service returned, emitted just before the dialog closes.
    """

    saved = Signal(object)

    def __init__(self, title: str, intro: str | None = None, parent: QWidget | None = None,
                 save_text: str = "&Save"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_record: Any = None
        self.fields = FieldSet()
        self.banner = Banner()
        self.body = QVBoxLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(save_text)
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.save_button.setProperty("primary", "true")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.header = QVBoxLayout()
        self._fitted = False
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        layout.setSpacing(10)
        if intro:
            note = QLabel(intro)
            note.setObjectName("Hint")
            note.setWordWrap(True)
            self.header.addWidget(note)
        layout.addLayout(self.header)
        layout.addWidget(self.banner)
        layout.addLayout(self.body)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # Subclasses -------------------------------------------------------------------------

    def collect(self) -> Any:
        """Read the form into the service's input object."""
        raise NotImplementedError

    def save(self, data: Any) -> Any:
        """Hand ``data`` to the service; return what it returns."""
        raise NotImplementedError

    def check_before_save(self, data: Any) -> dict[str, str]:
        """Form-level rules the service does not know (e.g. a reason for changed dates)."""
        return {}

    # Behaviour --------------------------------------------------------------------------

    def show_problems(self, errors: dict[str, str]) -> None:
        """Put each message under its field; anything without a field goes in the banner."""
        leftover = self.fields.show_errors(errors)
        if leftover:
            self.banner.show_message(" ".join(leftover.values()))
        else:
            count = len(errors)
            self.banner.show_message(
                "Please correct the field marked below." if count == 1
                else f"Please correct the {count} fields marked below.")
        self.fit_contents()

    def fit_contents(self, shrink: bool = False) -> None:
        """Make the dialog as tall as its contents need at its width, so nothing is squeezed.

        Qt's own minimum for wrapped text assumes the narrowest width and leaves big gaps,
        so the layout is unconstrained and the height is worked out for the actual width.
        """
        layout = self.layout()
        layout.activate()
        minimum = layout.totalMinimumSize()
        width = max(self.width(), minimum.width())
        height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        self.setMinimumSize(minimum.width(), height)
        self.resize(width, height if shrink else max(self.height(), height))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self._buttons_last_in_tab_order()
            self.fit_contents(shrink=True)

    def _buttons_last_in_tab_order(self) -> None:
        """Tab runs through the fields in order, then Save, then Cancel.

        The button box is built before the subclass adds its fields, so by default Tab would
        reach the buttons first.
        """
        buttons = [self.save_button, *(b for b in self.buttons.buttons()
                                       if b is not self.save_button)]
        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not self and widget not in chain:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        fields = [w for w in chain if w not in buttons and self.isAncestorOf(w)
                  and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        previous = fields[-1] if fields else None
        for button in buttons:
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button

    @Slot()
    def submit(self) -> None:
        """Validate and save; close only when the service accepted the record."""
        self.fields.clear()
        self.banner.clear()
        try:
            data = self.collect()
            problems = self.check_before_save(data)
            if problems:
                raise ValidationError(problems)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                record = self.save(data)
            finally:
                QGuiApplication.restoreOverrideCursor()
        except ValidationError as exc:
            self.show_problems(exc.fields)
            return
        except StaleRecordError as exc:
            self.banner.show_message(str(exc))
            self.save_button.setFocus()
            self.fit_contents()
            return
        except UpwError as exc:
            self.banner.show_message(str(exc))
            self.fit_contents()
            return
        self.result_record = record
        self.saved.emit(record)
        self.accept()


def read_date(fields: FieldSet, name: str, problems: dict[str, str]):
    """The date typed in field ``name``; a malformed one is added to ``problems``."""
    try:
        return fields.widget(name).date()  # type: ignore[attr-defined]
    except ValueError as exc:
        problems[name] = str(exc)
        return None


def optional_text(widget: Any) -> str | None:
    """A line edit's text, or None when blank."""
    text = widget.text().strip()
    return text or None
