"""One page of the plan screen: its inputs grouped into parts, each autosaved on its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.views.ttg.fields import set_value
from ui.widgets.date_field import DateField
from ui.widgets.form_fields import FieldSet
from ui.widgets.labels import heading, hint
from ui.widgets.provider_picker import ProviderPicker
from ui.widgets.tables import fit_table_height

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost


class SectionPage(QWidget):
    """A page with a title, an optional intro and a scrolling body.

    Inputs are registered with ``watch(part, widget…)``. An edit marks the part dirty in the
    host's state and tells the host (``edited()``), which saves each dirty part through
    ``save_part`` after the typing stops, when the user leaves the page, and on close. A part
    is one service call (one unit of work). ``fill()`` shows the state's records;
    ``refresh()`` updates lists and states after a save without touching what the user may
    still be typing.

    The host is told by a plain call rather than a signal: this happens on every keystroke,
    and a Python-emitted signal per keystroke is needless work (and leaks on PySide6 6.12.0).
    """

    key = ""
    nav_text = ""
    needs_plan = True

    def __init__(self, host: PlanHost, title: str, intro: str | None = None):
        super().__init__()
        self.host = host
        self.fields = FieldSet()
        self._part_fields: dict[str, FieldSet] = {}
        self.inputs: dict[str, list[QWidget]] = {}
        self._loading = False
        self.title_label = heading(title)
        self.content = QWidget()
        self.content.setObjectName("DetailsContent")
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(16, 12, 16, 16)
        self.body.setSpacing(10)
        self.body.addWidget(self.title_label)
        if intro:
            self.intro = hint(intro)
            self.body.addWidget(self.intro)
        scroll = QScrollArea()
        scroll.setObjectName("DetailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # Autosave ----------------------------------------------------------------------------

    def watch(self, part: str, *widgets: QWidget) -> None:
        """Autosave ``part`` when any of ``widgets`` is edited."""
        self.inputs.setdefault(part, []).extend(widgets)
        for widget in widgets:
            # Dates and choices read best at their own size, not stretched across the page.
            if isinstance(widget, DateField):
                widget.setMaximumWidth(190)
            elif isinstance(widget, QComboBox):
                widget.setMaximumWidth(380)
            mark: Callable[..., None] = lambda *_a, p=part: self.mark_dirty(p)  # noqa: E731 - binds part now
            if isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(mark)
            elif isinstance(widget, DateField):
                widget.textEdited.connect(mark)
                widget.date_picked.connect(mark)
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(mark)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(mark)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(mark)
            elif isinstance(widget, ProviderPicker):
                widget.combo.setMaximumWidth(520)
                widget.edited.connect(mark)
            else:
                raise TypeError(type(widget).__name__)

    def field_set(self, part: str) -> FieldSet:
        """The fields of an autosaved part, whose messages clear when the part saves."""
        return self._part_fields.setdefault(part, FieldSet())

    def mark_dirty(self, part: str) -> None:
        if self._loading:
            return
        self.host.state.mark_dirty(self.key, part)
        self.host.edited()

    def dirty_parts(self) -> list[str]:
        return self.host.state.dirty_parts(self.key)

    @property
    def dirty(self) -> bool:
        return self.host.state.is_dirty(self.key)

    def save_part(self, part: str) -> None:
        """Save ``part`` through its service call (``save_<part>()``), which hands the record
        the service returned to the host's state.

        Raises:
            ValidationError, StaleRecordError, UpwError: as the service raises them (the
                host shows them and keeps the text).
        """
        getattr(self, f"save_{part}")()

    # Keeping the user's text over a reload -----------------------------------------------

    def snapshot(self) -> dict[str, list[Any]]:
        """What the user has typed in each dirty part, to put back after a reload."""
        return {part: [_read(w) for w in self.inputs.get(part, [])]
                for part in self.dirty_parts()}

    def restore(self, snapshot: dict[str, list[Any]]) -> None:
        for part, values in snapshot.items():
            for widget, value in zip(self.inputs.get(part, []), values, strict=False):
                _write(widget, value)
            self.host.state.mark_dirty(self.key, part)

    # Showing the records -----------------------------------------------------------------

    def load(self) -> None:
        """Show the state's records afresh; any unsaved edits of this page are dropped."""
        self._loading = True
        try:
            self.fields.clear()
            for fields in self._part_fields.values():
                fields.clear()
            self.fill()
            self.refresh()
        finally:
            self._loading = False
        self.host.state.forget(self.key)

    def fill(self) -> None:
        """Put the records' values into the inputs (signals blocked)."""

    def refresh(self) -> None:
        """Update tables, states and enabled buttons from the state's current records."""

    def nav_state(self) -> tuple[str, str]:
        """A mark for the section list and the same in words (e.g. ("✓", "answered"))."""
        return "", ""

    def set_editable(self, editable: bool) -> None:
        for widgets in self.inputs.values():
            for widget in widgets:
                widget.setEnabled(editable)

    def first_input(self) -> QWidget | None:
        """Where the keyboard lands when the page is opened."""
        for widgets in self.inputs.values():
            for widget in widgets:
                if widget.isEnabled():
                    return widget
        return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wrapped rows were measured before the page had its width: measure them again.
        QTimer.singleShot(0, self, self._fit_tables)

    def _fit_tables(self) -> None:
        for view in self.findChildren(QTableView):
            rows = view.property("height_rows")
            if rows and view.wordWrap():
                view.resizeRowsToContents()
                fit_table_height(view, *rows)


def _read(widget: QWidget) -> Any:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(type(widget).__name__)


def _write(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        widget.blockSignals(True)
        widget.setCurrentIndex(value)
        widget.blockSignals(False)
    elif isinstance(widget, (QLineEdit, QPlainTextEdit)) and not isinstance(value, str):
        raise TypeError(type(value).__name__)
    elif isinstance(widget, QLineEdit):
        widget.blockSignals(True)
        widget.setText(value)
        widget.blockSignals(False)
    else:
        set_value(widget, value)
