"""Text cut short on screen: labels and buttons narrower than their text, tabs elided, table
headers narrower than their titles, list items and table cells cut (each named by its text,
to find it)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from tests.narrowing import present


def _name(widget: QWidget, text: str) -> str:
    label = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__}({label}) {text!r}"


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return f"{_name(label, text)} needs {needed} px of height, has {label.height()}"
        return None
    needed = label.minimumSizeHint().width()
    if needed > label.width() + 1:
        return f"{_name(label, text)} needs {needed} px, has {label.width()}"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text or isinstance(button, QToolButton) \
            and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return None
    needed = button.minimumSizeHint().width()
    if needed > button.width() + 1:
        return f"{_name(button, text)} needs {needed} px, has {button.width()}"
    return None


def _tabs(bar: QTabBar) -> list[str]:
    problems = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect = bar.tabRect(index)
        needed = bar.tabSizeHint(index).width()
        text = bar.tabText(index)
        if rect.width() + 1 < needed and bar.elideMode() != Qt.TextElideMode.ElideNone:
            problems.append(f"{_name(bar, text)} tab needs {needed} px, has {rect.width()}")
        if rect.right() > bar.width() or rect.left() < 0:
            problems.append(f"{_name(bar, text)} tab is out of sight (scroll buttons)")
    return problems


def _title_width(header: QHeaderView, logical: int) -> int:
    """What the title needs, without the room kept for a sort arrow it is not showing."""
    if header.isSortIndicatorShown() and header.sortIndicatorSection() != logical:
        header.setSortIndicatorShown(False)
        try:
            return header.sectionSizeFromContents(logical).width()
        finally:
            header.setSortIndicatorShown(True)
    return header.sectionSizeFromContents(logical).width()


def _header(header: QHeaderView) -> list[str]:
    problems: list[str] = []
    if header.orientation() != Qt.Orientation.Horizontal or not header.isVisible():
        return problems
    model = header.model()
    if model is None:
        return problems
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        needed = _title_width(header, logical)
        has = header.sectionSize(logical)
        if needed > has + 1:
            text = model.headerData(logical, Qt.Orientation.Horizontal)
            view = present(header.parentWidget())
            problems.append(f"{_name(view, str(text))} column title needs {needed} px, "
                            f"has {has}")
    return problems


def _list_items(view: QListView) -> list[str]:
    """Items narrower than their text (elided) or running past the list's edge (clipped)."""
    problems = []
    model = view.model()
    if model is None:
        return problems
    delegate = view.itemDelegate()
    room = view.viewport().rect()
    for row in range(min(model.rowCount(), 50)):
        index: QModelIndex = model.index(row, view.modelColumn())
        rect = view.visualRect(index)
        if view.isRowHidden(row) or rect.isEmpty() or not rect.intersects(room):
            continue
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = rect
        needed = delegate.sizeHint(option, index)
        shown = rect.intersected(room)
        if needed.width() > shown.width() + 1 or needed.height() > rect.height() + 1:
            text = index.data(Qt.ItemDataRole.DisplayRole)
            problems.append(f"{_name(view, str(text))} item needs {needed.width()} × "
                            f"{needed.height()} px, has {shown.width()} × {rect.height()}")
    return problems


def cut_text(window: QWidget) -> list[str]:
    """Every visible piece of text in ``window`` shown cut short, described."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            problem = _label(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button(widget)
        elif isinstance(widget, QTabBar):
            problems += _tabs(widget)
            continue
        elif isinstance(widget, QHeaderView):
            problems += _header(widget)
            continue
        elif isinstance(widget, QListView) and isinstance(widget, QAbstractItemView):
            problems += _list_items(widget)
            continue
        else:
            continue
        if problem:
            problems.append(problem)
    return problems


# A cell's text has its width less the style sheet's padding and Qt's text margins.
CELL_PADDING = 14


def cut_cells(view: QTableView, columns: tuple[int, ...] | None = None) -> list[str]:
    """Cells of the rows in sight whose text is cut short: elided, clipped at the list's
    edge, or wrapped onto more lines than the row is high."""
    problems = []
    model = view.model()
    room = view.viewport().rect()
    metrics = view.fontMetrics()
    for row in range(model.rowCount()):
        for column in columns if columns is not None else range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            index = model.index(row, column)
            rect = view.visualRect(index)
            if not rect.intersects(room):
                continue
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            shown = rect.intersected(room)
            width = shown.width() - CELL_PADDING
            if view.wordWrap():
                lines = metrics.boundingRect(QRect(0, 0, max(width, 1), 10_000),
                                             Qt.TextFlag.TextWordWrap, text)
                cut = lines.width() > width + 1 or lines.height() > rect.height() - 2
            else:
                cut = metrics.horizontalAdvance(text) > width + 1
            if cut:
                problems.append(f"{_name(view, text)} cell ({row}, {column}) is cut short "
                                f"at {shown.width()} × {rect.height()} px")
    return problems
