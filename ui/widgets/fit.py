"""Screens that fit a laptop: a page wider or taller than the window scrolls inside it
rather than forcing the window beyond the screen (1280 × 720, or 1920 × 1080 at 150 %)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyleOptionViewItem,
)

# A combo box is as wide as this many characters, however long its longest choice.
COMBO_CHARACTERS = 18


def fit_in_scroll_area(stack: QStackedWidget) -> QScrollArea:
    """Put the window's pages in a scroll area; only the page shown counts towards its size.

    A stacked widget is otherwise as wide as its widest page, so one wide page would make
    every page scroll.
    """
    area = QScrollArea()
    area.setObjectName("PageScrollArea")
    area.setAccessibleName("Page")
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(stack)

    def only_current(index: int) -> None:
        for number in range(stack.count()):
            page = stack.widget(number)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if number == index \
                else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        stack.updateGeometry()

    stack.currentChanged.connect(only_current)
    only_current(stack.currentIndex())
    return area


def narrow_combo(combo: QComboBox, characters: int = COMBO_CHARACTERS) -> QComboBox:
    """Keep a combo box from growing to its longest choice (the list still shows it all)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


class _WrappedItems(QObject):
    """Gives each item of a fixed-width list the height its name needs on several lines."""

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self._view = view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.installEventFilter(self)
        view.model().rowsInserted.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize, QEvent.Type.FontChange,
                            QEvent.Type.StyleChange):
            self.fit()
        return False

    def fit(self, *_args: object) -> None:
        view = self._view
        view.ensurePolished()  # the style sheet sets the font the names are drawn in
        room = view.viewport().width()
        metrics = view.fontMetrics()
        for row in range(view.count()):
            item = view.item(row)
            item.setSizeHint(QSize())
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            one_line = view.itemDelegate().sizeHint(option, view.indexFromItem(item))
            if one_line.width() <= room:
                continue
            padding = one_line.width() - metrics.horizontalAdvance(item.text())
            lines = metrics.boundingRect(QRect(0, 0, max(room - padding, 1), 10_000),
                                         Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(room, one_line.height() - metrics.height()
                                   + lines.height()))


def wrap_long_items(view: QListWidget) -> None:
    """Let a fixed-width list (the areas) show a long name on two lines, never cut short."""
    _WrappedItems(view)
