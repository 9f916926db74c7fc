"""Custom item data roles shared by every model."""

from __future__ import annotations

from PySide6.QtCore import Qt

# The native value of a cell (date, number, folded text) for sorting.
SortRole = Qt.ItemDataRole.UserRole + 1
# The row's data object, read through any proxy.
RowRole = Qt.ItemDataRole.UserRole + 2
