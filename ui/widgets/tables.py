"""Table views set up the same way everywhere: whole rows, one selection, keyboard-friendly."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models.roles import RowRole


def make_table(model: QAbstractItemModel, accessible_name: str, *, sortable: bool = True,
               stretch_last: bool = True, parent: QWidget | None = None) -> QTableView:
    """A read-only table over ``model``; Tab moves on to the next widget, not the next cell."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(accessible_name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(stretch_last)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if sortable:
        # No sort until the user asks: the service's order (by name, newest first) stands.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


def selected_row(view: QTableView) -> object | None:
    """The data object of the selected row (``RowRole``), or None."""
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        return None
    return indexes[0].data(RowRole)


def fit_columns(view: QTableView, samples: dict[int, str] | None = None) -> None:
    """Size columns to their contents and headers; ``samples`` fix a column to a text's width.

    A sample is the widest text a column should show in full (e.g. a long court name), so
    one unusually long value does not push the other columns off the screen.
    """
    view.resizeColumnsToContents()
    for column, sample in (samples or {}).items():
        view.setColumnWidth(column, column_width(view, column, sample))


def column_width(view: QTableView, column: int, sample: str) -> int:
    """Pixels to show ``sample`` or the column's header in full, whichever is wider."""
    model = view.model()
    header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    header_font = view.horizontalHeader().font()
    header_font.setBold(True)
    header_width = QFontMetrics(header_font).horizontalAdvance(header) + 28
    return max(view.fontMetrics().horizontalAdvance(sample) + 30, header_width)
