"""The week planner grid: projects in rows, Monday to Sunday in columns, sessions in cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from upw_ttg.domain.codes import SessionStatus
from upw_ttg.domain.placement import format_day
from upw_ttg.records.upw import PlannerCell, PlannerRow, WeekPlan

from ui.models.roles import RowRole
from ui.models.table_model import Index

# The sessions of one cell (a tuple of PlannerCell), for the delegate and for opening.
CellsRole = Qt.ItemDataRole.UserRole + 10
_TYPES = {"group": "group", "individual": "individual", "induction": "induction", "ete": "ETE"}
# Tints that back up what the words say; never the only sign (WCAG 1.4.1).
FULL_TINT = QColor("#fff1cc")
WARNING_TINT = QColor("#fbe3e0")
STOOD_DOWN_TINT = QColor("#eceff1")


def cell_state(cell: PlannerCell) -> str:
    """'stood_down', 'warning', 'full' or 'open'."""
    if cell.status != SessionStatus.PLANNED:
        return "stood_down"
    if cell.warnings:
        return "warning"
    if cell.places and cell.booked >= cell.places:
        return "full"
    return "open"


def cell_marks(cell: PlannerCell) -> list[str]:
    """The short marks under the fill: female-only, interpreter."""
    marks = []
    if cell.female_only:
        marks.append("♀ Female-only")
    if cell.interpreter_needed:
        marks.append("Interpreter booked" if cell.interpreter_booked else "Interpreter")
    return marks


def cell_lines(cell: PlannerCell) -> list[str]:
    """Every line shown for one session: fill and times, marks, then warnings."""
    if cell.status != SessionStatus.PLANNED:
        first = f"{cell.fill}  {cell.start_time:%H:%M}"
        if cell.status == SessionStatus.STOOD_DOWN:
            reason = cell.warnings[0] if cell.warnings else ""
            return [first, f"Stood down{': ' if reason else ''}{reason}"]
        return [first, cell.status.value.replace("_", " ").capitalize()]
    full = " full" if cell.places and cell.booked >= cell.places else ""
    lines = [f"{cell.fill}{full}  {cell.start_time:%H:%M}"]
    lines += cell_marks(cell)
    lines += [f"⚠ {w.capitalize()}" for w in cell.warnings]
    return lines


def cell_description(cell: PlannerCell) -> str:
    """A full sentence for the tooltip and screen readers."""
    text = (f"{format_day(cell.session_date)}, {cell.start_time:%H:%M}–{cell.end_time:%H:%M}: "
            f"{cell.booked} of {cell.places} places taken")
    if cell.van_seats is not None:
        text += f", {cell.van_booked} of {cell.van_seats} van seats"
    text += f", {cell.women} {'woman' if cell.women == 1 else 'women'}."
    if cell.status != SessionStatus.PLANNED:
        return text + " " + cell_lines(cell)[1] + "."
    if cell.female_only:
        text += " Female-only session."
    if cell.interpreter_needed:
        text += (" Interpreter booked." if cell.interpreter_booked
                 else " Someone needs an interpreter.")
    if cell.warnings:
        text += " Warnings: " + "; ".join(cell.warnings) + "."
    return text


class PlannerTableModel(QAbstractTableModel):
    """Column 0 is the project; columns 1–7 are Monday to Sunday of ``WeekPlan.days``.

    ``CellsRole`` gives the sessions of a day cell; ``RowRole`` the ``PlannerRow``.
    """

    PROJECT = 0

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._plan: WeekPlan | None = None

    def set_plan(self, plan: WeekPlan) -> None:
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()

    @property
    def plan(self) -> WeekPlan | None:
        return self._plan

    def row_at(self, row: int) -> PlannerRow:
        assert self._plan is not None
        return self._plan.rows[row]

    def cells(self, row: int, column: int) -> tuple[PlannerCell, ...]:
        if self._plan is None or column < 1 or not 0 <= row < len(self._plan.rows):
            return ()
        return self._plan.rows[row].days[column - 1]

    def session_count(self) -> int:
        if self._plan is None:
            return 0
        return sum(len(day) for row in self._plan.rows for day in row.days)

    # Qt overrides ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._plan is None:
            return 0
        return len(self._plan.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 8

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._plan is None or index.row() >= len(self._plan.rows) \
                or not 0 <= index.column() < 8:
            return None
        row = self._plan.rows[index.row()]
        if role == RowRole:
            return row
        if index.column() == self.PROJECT:
            return self._project_data(row, role)
        cells = row.days[index.column() - 1]
        if role == CellsRole:
            return cells
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join("\n".join(cell_lines(c)) for c in cells)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if not cells:
                return f"No session on {format_day(self._plan.days[index.column() - 1])}."
            return "\n".join(cell_description(c) for c in cells)
        if role == Qt.ItemDataRole.BackgroundRole and cells:
            states = {cell_state(c) for c in cells}
            for state, tint in (("warning", WARNING_TINT), ("full", FULL_TINT),
                                ("stood_down", STOOD_DOWN_TINT)):
                if state in states and (state != "stood_down" or len(states) == 1):
                    return tint
        return None

    def _project_data(self, row: PlannerRow, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            kind = _TYPES.get(row.project_type, row.project_type)
            extra = " · ♀ female-only" if row.female_only else ""
            return f"{row.project_name}\n{row.office_name} · {kind}{extra}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return (f"{row.project_name} ({row.project_code}), {row.office_name} office, "
                    f"{_TYPES.get(row.project_type, row.project_type)} placement"
                    + (", female-only" if row.female_only else ""))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if section == self.PROJECT:
            return "Project"
        if 1 <= section <= 7:
            if self._plan is None:
                return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[section - 1]
            day = self._plan.days[section - 1]
            return f"{day:%a} {day.day} {day:%b}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
