"""A read-only table model over a list of row objects, described by column definitions."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from upw_ttg.errors import UpwError
from upw_ttg.services.access import RESTRICTED_MESSAGE, is_masked
from upw_ttg.services.paging import PAGE_ROWS

from ui.models.roles import RowRole, SortRole

RowT = TypeVar("RowT")
# The columns a restricted case's row still shows to staff not named on it (rule ACC-2).
_ALWAYS_SHOWN = frozenset({"Name", "CRN"})
# fetch_page(offset, limit): one page of a list from the service.
FetchPage = Callable[[int, int], Sequence[Any]]
_log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column: its header, how a row is shown, and the value it sorts by."""

    header: str
    display: Callable[[RowT], str]
    sort: Callable[[RowT], Any] | None = None
    numeric: bool = False
    tooltip: Callable[[RowT], str | None] | None = None


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of data objects in columns; ``RowRole`` returns the object, ``SortRole`` its value.

    Subclasses set ``COLUMNS``. Replacing the rows resets the model.
    """

    COLUMNS: Sequence[Column] = ()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._fetch_page: FetchPage | None = None
        self._page_rows = PAGE_ROWS
        self._read = 0  # rows the service has given, set-aside ones included
        self._more = False

    # Contents ----------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Show these rows: the whole list."""
        self._fetch_page, self._more = None, False
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_pages(self, fetch_page: FetchPage, first: Sequence[RowT] | None = None,
                  page_rows: int = PAGE_ROWS, read: int | None = None) -> None:
        """Show the first page of a long list; the view fetches the next as it scrolls there.

        ``fetch_page(offset, limit)`` returns up to ``limit`` rows from row ``offset`` of the
        service's list; ``first`` is the first page when it was read already (off the GUI
        thread), and ``read`` how many of the list's rows it took when some were set aside
        elsewhere. A page with fewer rows than asked for is the last.
        """
        if first is None:
            first = fetch_page(0, page_rows)
        self.set_rows(first)
        self._fetch_page, self._page_rows = fetch_page, page_rows
        self._read = _given(first) if read is None else read
        self._more = self._read >= page_rows

    def is_complete(self) -> bool:
        """Whether every row of the list is here (no page left to fetch)."""
        return not self._more

    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    # Qt overrides ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more and self._fetch_page is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._fetch_page is not None
        try:
            page = self._fetch_page(self._read, self._page_rows)
        except UpwError:
            # The list stays as far as it got; the next refresh reads it again and says why.
            _log.warning("The next page of a list could not be read", exc_info=True)
            self._more = False
            return
        self._read += _given(page)
        self._more = _given(page) >= self._page_rows
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) \
                or index.column() >= len(self.COLUMNS):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.header not in _ALWAYS_SHOWN and is_masked(row):
                return self._restricted_text(index.column())
            return column.display(row)
        if role == SortRole:
            return column.sort(row) if column.sort else column.display(row)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        if role == Qt.ItemDataRole.ToolTipRole and is_masked(row):
            return RESTRICTED_MESSAGE
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None

    def _restricted_text(self, column: int) -> str:
        """A restricted case's row (rule ACC-2): its first other column says so, the rest
        are blank."""
        first = next(n for n, c in enumerate(self.COLUMNS) if c.header not in _ALWAYS_SHOWN)
        return "Restricted case" if column == first else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_RIGHT if self.COLUMNS[section].numeric else _LEFT)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _given(page: Sequence[Any]) -> int:
    """Rows a page took from the list: those shown and those set aside to be checked."""
    return len(page) + len(getattr(page, "to_check", ()))


def _sort_key(value: Any) -> tuple[int, Any]:
    """Orders None first and never compares unlike types."""
    if value is None:
        return (0, "")
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, float)):
        return (1, value)
    if isinstance(value, dt.datetime):
        return (2, value.isoformat())
    if isinstance(value, dt.date):
        return (2, value.isoformat())
    return (3, str(value).casefold())


class RowSortProxy(QSortFilterProxyModel):
    """Sorts on ``SortRole`` with Python values (dates as dates, numbers as numbers)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SortRole)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        return _sort_key(model.data(left, SortRole)) < _sort_key(model.data(right, SortRole))

    def row_object(self, proxy_row: int) -> Any:
        """The data object shown in ``proxy_row``."""
        source = self.sourceModel()
        if isinstance(source, RowTableModel):
            return source.row_at(self.mapToSource(self.index(proxy_row, 0)).row())
        return self.data(self.index(proxy_row, 0), RowRole)
