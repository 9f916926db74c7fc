"""Screens that fit a laptop: a page wider or taller than the window scrolls inside it
rather than forcing the window beyond the screen (1280 × 720, or 1920 × 1080 at 150 %)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QScrollArea, QSizePolicy, QStackedWidget

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
