"""The rows of an import preview: line, who, what happens and why."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel

from upw_ttg.records.exchange import ROW_OUTCOME_LABELS, ImportRow, RowOutcome

from ui.models.roles import RowRole
from ui.models.table_model import Column, Index, RowSortProxy, RowTableModel


def what_happens(row: ImportRow) -> str:
    """The changes of a matched row, or the reason a row is held back or left alone."""
    if row.changes:
        return "; ".join(f"{c.label}: {c.after}" if not c.before
                         else f"{c.label}: {c.before} → {c.after}" for c in row.changes)
    return row.reason


class ImportRowsModel(RowTableModel[ImportRow]):
    """Preview rows; likely duplicates the user confirmed read "Will be added"."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.confirmed: set[int] = set()
        # Built per model: the outcome reads which duplicates this model's user confirmed.
        self.COLUMNS = (
            Column("Line", lambda r: str(r.line), lambda r: r.line, numeric=True),
            Column("CRN", lambda r: r.crn),
            Column("Name", lambda r: r.name),
            Column("Outcome", self.outcome_text),
            Column("What happens", what_happens, tooltip=what_happens),
        )

    def outcome_text(self, row: ImportRow) -> str:
        if row.outcome == RowOutcome.DUPLICATE and row.line in self.confirmed:
            return "Will be added"
        return ROW_OUTCOME_LABELS[row.outcome]

    def set_confirmed(self, lines: Iterable[int]) -> None:
        self.confirmed = set(lines)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 3))


class ImportRowsFilter(RowSortProxy):
    """Only the rows of one outcome (None: all)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._outcome: RowOutcome | None = None

    def set_outcome(self, outcome: RowOutcome | None) -> None:
        self.beginFilterChange()
        self._outcome = outcome
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index = QModelIndex()
                         ) -> bool:
        if self._outcome is None:
            return True
        row = self.sourceModel().index(source_row, 0, source_parent).data(RowRole)
        return row is not None and row.outcome == self._outcome
