"""Choosing a delivery unit and a week: a unit box and previous / this / next week buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.models.upw.delivery_units import DeliveryUnit
from ui.models.upw.text import monday_of, week_text
from ui.widgets.fit import narrow_combo


class UnitWeekBar(QWidget):
    """A delivery unit and a week (always a Monday). Alt+Left / Alt+Right change the week
    anywhere on the page given to ``install_shortcuts``.

    Signals:
        changed(): the unit or the week changed.
    """

    changed = Signal()

    def __init__(self, units: list[DeliveryUnit], unit_id: int | None, today: dt.date, *,
                 all_units: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self._monday = monday_of(today)
        self.unit = narrow_combo(QComboBox())
        self.unit.setAccessibleName("Delivery unit")
        if all_units:
            self.unit.addItem("All delivery units", None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        index = self.unit.findData(unit_id) if unit_id is not None else -1
        self.unit.setCurrentIndex(max(0, index))
        self.unit.setMinimumContentsLength(22)
        self.unit.currentIndexChanged.connect(self._on_unit_changed)
        unit_label = QLabel("&Unit:")
        unit_label.setBuddy(self.unit)
        self.previous_button = QPushButton("◀ P&revious week")
        self.previous_button.setToolTip("The week before (Alt+Left)")
        self.previous_button.clicked.connect(self.previous_week)
        self.this_button = QPushButton("This wee&k")
        self.this_button.clicked.connect(self.this_week)
        self.next_button = QPushButton("Ne&xt week ▶")
        self.next_button.setToolTip("The week after (Alt+Right)")
        self.next_button.clicked.connect(self.next_week)
        self.week_label = QLabel()
        self.week_label.setObjectName("WeekLabel")
        self.week_label.setStyleSheet("font-weight: 600;")
        self.week_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(unit_label)
        layout.addWidget(self.unit)
        layout.addSpacing(16)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.week_label)
        layout.addWidget(self.next_button)
        layout.addWidget(self.this_button)
        layout.addStretch(1)
        self._show_week()

    def install_shortcuts(self, page: QWidget) -> None:
        """Alt+Left / Alt+Right change the week while focus is anywhere on ``page``."""
        for keys, slot in (("Alt+Left", self.previous_week), ("Alt+Right", self.next_week)):
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    @property
    def unit_id(self) -> int | None:
        return self.unit.currentData()

    @property
    def unit_name(self) -> str:
        return self.unit.currentText()

    @property
    def monday(self) -> dt.date:
        return self._monday

    def set_week(self, day: dt.date) -> None:
        monday = monday_of(day)
        if monday != self._monday:
            self._monday = monday
            self._show_week()
            self.changed.emit()

    def set_unit(self, unit_id: int | None) -> None:
        index = self.unit.findData(unit_id)
        if index >= 0:
            self.unit.setCurrentIndex(index)

    @Slot()
    def previous_week(self) -> None:
        self.set_week(self._monday - dt.timedelta(days=7))

    @Slot()
    def next_week(self) -> None:
        self.set_week(self._monday + dt.timedelta(days=7))

    @Slot()
    def this_week(self) -> None:
        self.set_week(self._today)

    def _show_week(self) -> None:
        current = " (this week)" if self._monday == monday_of(self._today) else ""
        self.week_label.setText(week_text(self._monday) + current)
        self.week_label.setAccessibleName(f"Week shown: {self.week_label.text()}")

    def _on_unit_changed(self, _index: int) -> None:
        self.changed.emit()
