"""Every policy setting, grouped under a heading row per category."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from upw_ttg.domain.settings import SETTINGS
from upw_ttg.records.settings import SettingRow

from ui.models.roles import RowRole, SortRole
from ui.models.table_model import Index, RowTableModel

_HEADING_BRUSH = QBrush(QColor("#eef2f5"))


def format_setting_value(value_type: str, raw: str, unit: str | None = None) -> str:
    """A stored setting as a person would say it: 'Yes', '12 months'."""
    if value_type == "bool":
        return "Yes" if raw.strip().lower() in {"true", "yes", "1", "on"} else "No"
    return f"{raw} {unit}" if unit else raw


def _category_order(category: str) -> tuple[int, str]:
    """Categories in the order the domain defines them (orders first, security last)."""
    order = list(dict.fromkeys(s.category for s in SETTINGS))
    return (order.index(category) if category in order else len(order)), category


class SettingsTableModel(RowTableModel[Any]):
    """Rows are category names (str, shown as headings) and ``SettingRow``s under them.

    Heading rows are not selectable; ``RowRole`` gives the heading's name or the setting.
    """

    NAME, VALUE, DEFAULT, UNIT, DESCRIPTION = range(5)
    _HEADERS = ("Setting", "Value", "Default", "Unit", "Description")

    def set_settings(self, settings: list[SettingRow]) -> None:
        """Group ``settings`` by category, in category then name order."""
        rows: list[Any] = []
        for category in sorted({s.category for s in settings}, key=_category_order):
            rows.append(category)
            rows.extend(sorted((s for s in settings if s.category == category),
                               key=lambda s: s.label.casefold()))
        self.set_rows(rows)

    def heading_rows(self) -> list[int]:
        return [number for number, row in enumerate(self._rows) if isinstance(row, str)]

    def row_for_key(self, key: str) -> int:
        for number, row in enumerate(self._rows):
            if isinstance(row, SettingRow) and row.key == key:
                return number
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) \
                or index.column() >= len(self._HEADERS):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == RowRole:
            return row
        if isinstance(row, str):
            if role in (Qt.ItemDataRole.DisplayRole, SortRole):
                return row if column == self.NAME else ""
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return _HEADING_BRUSH
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.FontRole and column == self.VALUE and not row.is_default:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.VALUE and not row.is_default:
                return "Changed from the default"
            if column == self.DESCRIPTION:
                return row.description
        return None

    @staticmethod
    def _text(row: SettingRow, column: int) -> str:
        if column == SettingsTableModel.NAME:
            return row.label
        if column == SettingsTableModel.VALUE:
            return format_setting_value(row.value_type, row.value)
        if column == SettingsTableModel.DEFAULT:
            return format_setting_value(row.value_type, row.default_value)
        if column == SettingsTableModel.UNIT:
            return row.unit or ""
        return row.description

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._HEADERS):
            return self._HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._HEADERS)
