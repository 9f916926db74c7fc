"""The shared behaviour of every record form: save, show problems by their fields, keep edits."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.errors import StaleRecordError, UpwError, ValidationError

from ui.tasks import BackgroundTask, report_failure, run_in_background, writer_pool
from ui.widgets.banner import Banner
from ui.widgets.form_fields import FieldSet


class FormDialog(QDialog):
    """A dialog that builds an input object, hands it to a service and closes on success.

    Subclasses lay out fields with ``self.fields.add_row(...)`` inside ``self.body`` and
    implement ``collect()`` (raise ValidationError for text that cannot be read, such as a
    malformed date) and ``save(data)`` (call the service). Nothing the user typed is ever
    cleared: a ValidationError puts each message under its field and focuses the first; a
    StaleRecordError or any other expected error is shown in the banner.

    ``save`` runs on the writer thread (``ui.tasks.writer_pool``), so a slow hash, a busy
    database or a distant server never freezes the window: the form stays open, greyed, with
    its input, until the service answers. ``save`` must therefore not touch widgets (a
    question for the user goes through ``ui.tasks.on_gui_thread``); a form whose ``save``
    only starts other work sets ``SAVES_IN_BACKGROUND = False``.

    Signals:
        saved(object): the record the service returned, emitted just before the dialog closes.
    """

    saved = Signal(object)
    SAVES_IN_BACKGROUND = True
    # A save quicker than this never shows "Saving…", so the form does not flicker.
    SAVING_NOTE_DELAY_MS = 300
    SAVING_TEXT = "Saving…"

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
        self._save_task: BackgroundTask | None = None
        self._focus_before_save: QWidget | None = None
        self._saving_note = QTimer(self)
        self._saving_note.setSingleShot(True)
        self._saving_note.setInterval(self.SAVING_NOTE_DELAY_MS)
        self._saving_note.timeout.connect(self._show_saving_note)
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
        if layout is None:  # not built yet
            return
        layout.activate()
        minimum = layout.totalMinimumSize()
        width = max(self.width(), minimum.width())
        height = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        self.setMinimumSize(minimum.width(), height)
        self.resize(width, height if shrink else max(self.height(), height))

    def showEvent(self, event: QShowEvent) -> None:
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
        while widget is not None and widget is not self and widget not in chain:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        fields = [w for w in chain if w not in buttons and self.isAncestorOf(w)
                  and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        previous = fields[-1] if fields else None
        for button in buttons:
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button

    @property
    def saving(self) -> bool:
        """True while the service is saving this form's record."""
        return self._save_task is not None

    @Slot()
    def submit(self) -> None:
        """Validate and save; close only when the service accepted the record."""
        if self.saving:
            return
        self.fields.clear()
        self.banner.clear()
        try:
            data = self.collect()
            problems = self.check_before_save(data)
            if problems:
                raise ValidationError(problems)
            if not self.SAVES_IN_BACKGROUND:
                record = self.save(data)
        except UpwError as exc:
            self._save_failed(exc)
            return
        if not self.SAVES_IN_BACKGROUND:
            self._save_succeeded(record)
            return
        self._set_saving(True)
        self._save_task = run_in_background(lambda: self.save(data), self._on_save_finished,
                                            self._on_save_raised, parent=self,
                                            pool=writer_pool())

    def after_failed_save(self, exc: UpwError) -> None:
        """On the GUI thread after ``save`` raised ``exc``, before the problem is shown."""

    def _on_save_finished(self, record: Any) -> None:
        self._set_saving(False)
        self._save_succeeded(record)

    def _on_save_raised(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, UpwError):
            self.after_failed_save(exc)
            self._save_failed(exc)
        else:
            report_failure(self, "The form could not be saved.", exc)

    def _save_succeeded(self, record: Any) -> None:
        self.result_record = record
        self.saved.emit(record)
        self.accept()

    def _save_failed(self, exc: UpwError) -> None:
        if isinstance(exc, ValidationError):
            self.show_problems(exc.fields)
            return
        self.banner.show_message(str(exc))
        if isinstance(exc, StaleRecordError):
            self.save_button.setFocus()
        self.fit_contents()

    def _set_saving(self, saving: bool) -> None:
        """Grey the form while the service saves (its input stays), or give it back."""
        if saving:
            self._focus_before_save = self.focusWidget()
            self._saving_note.start()
        else:
            self._save_task = None
            self._saving_note.stop()
            if self.banner.property("kind") == "info":
                self.banner.clear()
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child is not self.banner:
                child.setEnabled(not saving)
        if not saving and self._focus_before_save is not None \
                and shiboken6.isValid(self._focus_before_save):
            self._focus_before_save.setFocus()

    def _show_saving_note(self) -> None:
        if self.saving:
            self.banner.show_message(self.SAVING_TEXT, "info")
            self.fit_contents()

    def reject(self) -> None:
        # A record being saved is not abandoned half-way: Esc and Close wait for the answer.
        if not self.saving:
            super().reject()


def read_date(fields: FieldSet, name: str, problems: dict[str, str]):
    """The date typed in field ``name``; a malformed one is added to ``problems``."""
    try:
        return fields.widget(name).date()  # type: ignore[attr-defined]  # a DateField's name
    except ValueError as exc:
        problems[name] = str(exc)
        return None


def optional_text(widget: Any) -> str | None:
    """A line edit's text, or None when blank."""
    text = widget.text().strip()
    return text or None
