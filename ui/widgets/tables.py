"""Table views set up the same way everywhere: whole rows, one selection, keyboard-friendly."""

from __future__ import annotations

from typing import TypeVar, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

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
    # Every title in full from the start, before any rows arrive to size the columns by.
    for column in range(model.columnCount()):
        view.setColumnWidth(column, max(header.defaultSectionSize(),
                                        column_width(view, column, "")))
    if sortable:
        # No sort until the user asks: the service's order (by name, newest first) stands.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


RowT = TypeVar("RowT")


@overload
def selected_row(view: QTableView) -> object | None: ...


@overload
def selected_row(view: QTableView, kind: type[RowT]) -> RowT | None: ...


def selected_row(view: QTableView, kind: type[object] = object) -> object | None:
    """The data object of the selected row (``RowRole``), or None; with ``kind``, None
    unless it is one of those."""
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not indexes:
        return None
    row = indexes[0].data(RowRole)
    return row if isinstance(row, kind) else None


# Columns are sized from this many rows (and the header), never from every row: measuring
# each cell of a long list on the GUI thread froze the window for hundreds of milliseconds.
SAMPLE_ROWS = 50
MAX_FITTED_WIDTH = 420


def fit_columns(view: QTableView, samples: dict[int, str] | None = None,
                skip: tuple[int, ...] = ()) -> None:
    """Size columns to their headers and the first rows; ``samples`` fix a column to a text's width.

    A sample is the widest text a column should show in full (e.g. a long court name), so
    one unusually long value does not push the other columns off the screen; ``skip``
    columns keep their width. Columns are
    sized once, when the first rows arrive; after that the user's widths stand.
    """
    model = view.model()
    if model is None or view.property("columnsFitted"):
        return
    rows = min(model.rowCount(), SAMPLE_ROWS)
    metrics = view.fontMetrics()
    for column in range(model.columnCount()):
        if column in skip:
            continue
        if samples and column in samples:
            width = column_width(view, column, samples[column])
        else:
            width = column_width(view, column, "")
            for row in range(rows):
                text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                if text is not None:
                    width = max(width, min(metrics.horizontalAdvance(str(text)) + 30,
                                           MAX_FITTED_WIDTH))
        view.setColumnWidth(column, width)
    if rows:
        view.setProperty("columnsFitted", True)


def fit_within(view: QTableView, stretch: int, shrinkable: tuple[int, ...], *,
               stretch_minimum: int = 220, floor: int = 96) -> None:
    """Keep ``view``'s columns within its width, so it never scrolls sideways on a laptop:
    when the visible columns and ``stretch_minimum`` for the ``stretch`` column (which takes
    what is left) do not fit, the ``shrinkable`` columns (whose text wraps) give up width in
    proportion, none below ``floor`` or its longest word."""
    room = view.viewport().width()
    if not view.verticalScrollBar().isVisible():  # room for it, should the rows need it
        room -= view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    widths = {c: view.columnWidth(c) for c in range(view.model().columnCount())
              if c != stretch and not view.isColumnHidden(c)}
    over = sum(widths.values()) + stretch_minimum - room
    model, metrics = view.model(), view.fontMetrics()
    rows = min(model.rowCount(), SAMPLE_ROWS)

    def narrowest(column: int) -> int:
        """Wide enough for the column's longest word: a word is never cut to wrap."""
        words = (word for row in range(rows)
                 for word in str(model.index(row, column).data() or "").split())
        return max([floor, *(metrics.horizontalAdvance(w) + 16 for w in words)])

    give = {c: max(0, widths[c] - narrowest(c)) for c in shrinkable if c in widths}
    spare = sum(give.values())
    if over > 0 and spare:
        for column, can_give in give.items():
            widths[column] -= min(can_give, over * can_give // spare + 1)
            view.setColumnWidth(column, widths[column])
    # What is left goes to the stretching column now (a header stretches it only when it is
    # next resized), never so little that it cannot show a few words.
    view.setColumnWidth(stretch, max(120, room - sum(widths.values())))


class RowsFitter(QObject):
    """Sizes rows of wrapped text to their contents as they come into view.

    Sizing every row of a long list to its contents measured all of it on the GUI thread;
    here only the rows on screen (and a few past them) are measured, each once until the
    rows or the column widths change.
    """

    AHEAD = 10

    def __init__(self, view: QTableView):
        super().__init__(view)
        self._view = view
        self._sized: set[int] = set()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._fit)
        view.verticalScrollBar().valueChanged.connect(self._schedule)
        view.horizontalHeader().sectionResized.connect(self._refit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved):
            signal.connect(self._refit)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._schedule()
        return False

    def _refit(self, *_args: object) -> None:
        self._sized.clear()
        self._schedule()

    def _schedule(self, *_args: object) -> None:
        self._pending.start()

    def _fit(self) -> None:
        view = self._view
        count = view.model().rowCount()
        if not count or not view.isVisible():
            return
        top = max(view.rowAt(0), 0)
        bottom = view.rowAt(view.viewport().height() - 1)
        last = min(count - 1, (bottom if bottom >= 0 else count - 1) + self.AHEAD)
        for row in range(top, last + 1):
            if row not in self._sized:
                self._sized.add(row)
                view.resizeRowToContents(row)


def column_width(view: QTableView, column: int, sample: str) -> int:
    """Pixels to show ``sample`` or the column's header in full, whichever is wider."""
    model = view.model()
    header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    header_font = view.horizontalHeader().font()
    header_font.setBold(True)
    header_width = QFontMetrics(header_font).horizontalAdvance(header) + 28
    return max(view.fontMetrics().horizontalAdvance(sample) + 30, header_width)


def fit_table_height(view: QTableView, minimum: int = 2, maximum: int = 8) -> None:
    """Make a table as tall as its rows (between ``minimum`` and ``maximum`` rows high)."""
    view.setProperty("height_rows", (minimum, maximum))
    rows = view.model().rowCount() if view.model() else 0
    default = view.verticalHeader().defaultSectionSize()
    shown = sum(view.rowHeight(r) for r in range(min(rows, maximum)))
    shown += default * max(0, minimum - rows)
    extra = view.horizontalScrollBar().sizeHint().height() \
        if view.horizontalScrollBar().isVisible() else 0
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + shown
                        + 2 * view.frameWidth() + extra + 2)


class WrapDelegate(QStyledItemDelegate):
    """Wraps long text and asks for the height it needs at the column's width.

    Qt's own measure ignores the style sheet's cell padding, so wrapped text was cut short.
    """

    PADDING = 14

    def __init__(self, view: QTableView):
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = max(40, self._view.columnWidth(index.column()) - self.PADDING)
        text = str(index.data() or "")
        rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 10000),
                                               int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, max(rect.height() + 10, self._view.verticalHeader()
                                .defaultSectionSize()))


def wrap_columns(view: QTableView, *columns: int) -> None:
    """Let ``columns`` wrap their text; rows grow to fit (call ``resizeRowsToContents``)."""
    view.setWordWrap(True)
    for column in columns:
        view.setItemDelegateForColumn(column, WrapDelegate(view))

    def resized(section: int, _old: int, _new: int) -> None:
        if section in columns:
            view.resizeRowsToContents()
            rows = view.property("height_rows")
            if rows:
                fit_table_height(view, *rows)

    view.horizontalHeader().sectionResized.connect(resized)
