"""A date box that may be left empty: type dd/mm/yyyy or pick from a calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidget, QWidgetAction

from ui.formatting import DATE_HINT, format_date, parse_date
from ui.resources import icon


class DateField(QLineEdit):
    """A line edit for an optional date; ``date()`` raises ValueError for text that is no date.

    Alt+Down or F4 opens a calendar. What the user typed is kept as typed, even when wrong,
    so a validation message never throws their input away.
    """

    date_picked = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(DATE_HINT)
        self.setMaxLength(20)
        self.setToolTip("Type the date as day/month/year (31/12/2026, 311226), or “today”, "
                        "“tomorrow”, “+7”; or press Alt+Down for a calendar.")
        self._pick = QAction(icon("calendar.svg"), "Choose a date", self)
        self._pick.triggered.connect(self._on_pick_triggered)
        self.addAction(self._pick, QLineEdit.ActionPosition.TrailingPosition)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        self.editingFinished.connect(self._show_as_date)

    def date(self) -> dt.date | None:
        """The date typed, or None if empty.

        Raises:
            ValueError: The text is not a date; the message is fit to show.
        """
        return parse_date(self.text())

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value))

    def _show_as_date(self) -> None:
        """Show "tomorrow", "+7" or 311226 as the date it means, once typing is done."""
        try:
            value = self.date()
        except ValueError:
            return  # kept as typed; the form says what is wrong
        if value is not None and self.text() != format_date(value):
            self.set_date(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        opens = (event.key() == Qt.Key.Key_F4
                 or (event.key() == Qt.Key.Key_Down
                     and event.modifiers() & Qt.KeyboardModifier.AltModifier))
        if opens:
            self._on_pick_triggered()
            return
        super().keyPressEvent(event)

    def _on_pick_triggered(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setAccessibleName(f"Calendar for {self.accessibleName() or 'the date'}")
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        try:
            current = self.date()
        except ValueError:
            current = None
        if current is not None:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(value: QDate) -> None:
            picked = dt.date(value.year(), value.month(), value.day())
            self.set_date(picked)
            self.date_picked.emit(picked)
            menu.close()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        calendar.setFocus()
        menu.exec(self.mapToGlobal(self.rect().bottomLeft()))
        menu.deleteLater()

