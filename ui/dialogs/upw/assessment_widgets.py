"""Parts of the assessment form: the availability grid, yes/no questions, commitments."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.placement import PART_NAMES, WEEKDAY_NAMES
from upw_ttg.records.upw import COMMITMENT_KINDS, CommitmentInput

from ui.dialogs.upw.session_staff_dialog import read_time, time_edit
from ui.models.upw.commitments_model import CommitmentsTableModel
from ui.widgets.tables import make_table

# Keyed as ints: a key event gives its key as a plain int.
_ARROWS: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1)}


class ChoiceChecks(QWidget):
    """A tick box for each choice, one a line; its value is the tuple of ticked choices.

    A choice's words before a colon label its box (the whole sentence is its tooltip), so long
    choices do not widen the form.
    """

    def __init__(self, choices: tuple[tuple[str, str], ...], accessible_name: str):
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for value, text in choices:
            box = QCheckBox(text.split(":")[0])
            box.setToolTip(text)
            box.setAccessibleName(f"{accessible_name}: {text}")
            column.addWidget(box)
            self.boxes[value] = box
        self.setFocusProxy(next(iter(self.boxes.values())))

    def values(self) -> tuple[str, ...]:
        return tuple(value for value, box in self.boxes.items() if box.isChecked())

    def set_values(self, values: tuple[str, ...]) -> None:
        for value, box in self.boxes.items():
            box.setChecked(value in values)


def answer_combo() -> QComboBox:
    """An explicit question: 'Not answered', 'Yes' or 'No' (data None, True, False)."""
    combo = QComboBox()
    combo.addItem("Not answered", None)
    combo.addItem("Yes", True)
    combo.addItem("No", False)
    return combo


def set_answer(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class AvailabilityGrid(QWidget):
    """Monday to Sunday across, morning / afternoon / evening down; a tick means available.

    One Tab stop: the arrow keys move between boxes and Space ticks, so the grid does not
    take 21 presses of Tab to get through.

    Signals:
        changed(): a box was ticked or cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Availability")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self._boxes: list[QCheckBox] = [QCheckBox() for _ in range(21)]
        for day, name in enumerate(WEEKDAY_NAMES):
            header = QLabel(name[:3])
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, day + 1)
        for part, part_name in enumerate(PART_NAMES):
            grid.addWidget(QLabel(part_name.capitalize()), part + 1, 0)
            for day, day_name in enumerate(WEEKDAY_NAMES):
                box = self._boxes[day * 3 + part]
                box.setAccessibleName(f"{day_name} {part_name}")
                box.setToolTip(f"Available on {day_name} {part_name}s")
                box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
                box.installEventFilter(self)
                box.toggled.connect(self.changed)
                grid.addWidget(box, part + 1, day + 1, Qt.AlignmentFlag.AlignCenter)
        self._boxes[0].setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.weekdays_button = QPushButton("Weekday days")
        self.weekdays_button.setToolTip("Tick Monday to Friday, mornings and afternoons")
        self.weekdays_button.clicked.connect(self._on_weekdays_clicked)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Clear every box")
        self.clear_button.clicked.connect(lambda: self.set_value("N" * 21))
        buttons = QHBoxLayout()
        buttons.addWidget(self.weekdays_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(buttons)

    def box(self, weekday: int, part: int) -> QCheckBox:
        return self._boxes[weekday * 3 + part]

    def value(self) -> str:
        return "".join("Y" if b.isChecked() else "N" for b in self._boxes)

    def set_value(self, grid: str) -> None:
        for box, char in zip(self._boxes, grid.ljust(21, "N"), strict=False):
            box.setChecked(char == "Y")

    def _on_weekdays_clicked(self) -> None:
        self.set_value("".join("YYN" if day < 5 else "NNN" for day in range(7)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in self._boxes:
            if event.type() == QEvent.Type.FocusIn:
                # Roving Tab stop: the box last used is the one Tab comes back to.
                for box in self._boxes:
                    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus if box is watched
                                       else Qt.FocusPolicy.ClickFocus)
            elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                    and event.key() in _ARROWS:
                index = self._boxes.index(watched)
                day, part = divmod(index, 3)
                dx, dy = _ARROWS[event.key()]
                day, part = (day + dx) % 7, (part + dy) % 3
                self._boxes[day * 3 + part].setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)


class CommitmentsEditor(QWidget):
    """The person's regular commitments: a table, and a row to add one.

    Signals:
        changed(): a commitment was added or removed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Commitments")
        self.model = CommitmentsTableModel(self)
        self.table = make_table(self.model, "Commitments", sortable=False)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(130)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of commitment")
        for kind in COMMITMENT_KINDS:
            self.kind.addItem(kind.capitalize(), kind)
        self.day = QComboBox()
        self.day.setAccessibleName("Day of the commitment")
        for number, name in enumerate(WEEKDAY_NAMES):
            self.day.addItem(name, number)
        self.start = time_edit(dt.time(9))
        self.start.setAccessibleName("Commitment starts")
        self.end = time_edit(dt.time(17))
        self.end.setAccessibleName("Commitment ends")
        self.description = QLineEdit()
        self.description.setAccessibleName("What the commitment is")
        self.description.setPlaceholderText("e.g. shifts at the warehouse")
        self.description.setMaxLength(200)
        self.add_button = QPushButton("Add commitment")
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton("Remove selected")
        self.remove_button.clicked.connect(self.remove_selected)
        self.problem = QLabel()
        self.problem.setObjectName("FieldError")
        self.problem.setVisible(False)
        when = QHBoxLayout()
        for widget in (self.kind, self.day, self.start, QLabel("to"), self.end):
            when.addWidget(widget)
        when.addStretch(1)
        when.addWidget(self.remove_button)
        what = QHBoxLayout()
        what.addWidget(self.description, 1)
        what.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(when)
        layout.addLayout(what)
        layout.addWidget(self.problem)

    def value(self) -> tuple[CommitmentInput, ...]:
        return tuple(self.model.rows())

    def set_value(self, commitments: tuple[CommitmentInput, ...]) -> None:
        self.model.set_rows(commitments)
        self.table.resizeColumnsToContents()

    def add_current(self) -> None:
        start, end = read_time(self.start), read_time(self.end)
        if end <= start:
            self.problem.setText("A commitment ends after it starts.")
            self.problem.setVisible(True)
            self.end.setFocus()
            return
        self.problem.setVisible(False)
        self.model.add(CommitmentInput(self.kind.currentData(), self.day.currentData(), start,
                                       end, self.description.text().strip() or None))
        self.table.resizeColumnsToContents()
        self.description.clear()
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())
            self.changed.emit()
