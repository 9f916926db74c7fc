"""The commitments recorded in an assessment: kind, day and times."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from upw_ttg.domain.placement import WEEKDAY_NAMES
from upw_ttg.records.upw import CommitmentInput

from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_times


class CommitmentsTableModel(RowTableModel[CommitmentInput]):
    """Rows in the order entered; ``add`` and ``remove`` change the list in place."""

    COLUMNS = (
        Column("Kind", lambda c: c.kind.capitalize()),
        Column("Day", lambda c: WEEKDAY_NAMES[c.weekday], lambda c: c.weekday),
        Column("Times", lambda c: format_times(c.start_time, c.end_time),
               lambda c: c.start_time),
        Column("What", lambda c: c.description or ""),
    )

    def add(self, commitment: CommitmentInput) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(commitment)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
