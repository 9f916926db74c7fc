"""Filtering the Attendance lists by delivery unit, coordinator, project or a condition."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from ui.models.roles import RowRole
from ui.models.table_model import Index, RowSortProxy, RowTableModel


class AttendanceFilterProxy(RowSortProxy):
    """Keeps the rows whose data object matches every filter that is set.

    Rows are matched on their attributes: ``delivery_unit_code``, ``coordinator_id`` and
    ``project_id`` (a row without the attribute passes that filter), plus an optional
    ``condition(row) -> bool``.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._unit: str | None = None
        self._coordinator: int | None = None
        self._project: int | None = None
        self._condition: Callable[[Any], bool] | None = None

    def set_filters(self, *, unit: str | None = None, coordinator: int | None = None,
                    project: int | None = None,
                    condition: Callable[[Any], bool] | None = None) -> None:
        """Replace every filter at once (None means any)."""
        self.beginFilterChange()
        self._unit, self._coordinator, self._project = unit, coordinator, project
        self._condition = condition
        self.endFilterChange()

    def set_project(self, project: int | None) -> None:
        self.beginFilterChange()
        self._project = project
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        # Straight from the list of data objects: through an index and its data, each of a few
        # thousand rows cost ten times as much.
        row = (source.row_at(source_row) if isinstance(source, RowTableModel)
               else source.index(source_row, 0, source_parent).data(RowRole))
        if row is None:
            return False
        checks = (("delivery_unit_code", self._unit), ("coordinator_id", self._coordinator),
                  ("project_id", self._project))
        for name, wanted in checks:
            if wanted is not None and hasattr(row, name) and getattr(row, name) != wanted:
                return False
        return self._condition is None or bool(self._condition(row))

    def rows(self) -> list[Any]:
        """The data objects shown, in view order."""
        return [self.row_object(n) for n in range(self.rowCount())]
