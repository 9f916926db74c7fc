"""Tabs whose pages are built the first time they are shown, so opening an area builds one page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

P = TypeVar("P", bound=QWidget)


class LazyTabs(QTabWidget):
    """A tab widget whose pages are made by factories, each the first time it is needed.

    Contract:
        - ``add_built_page(page, title)`` adds a tab holding a page made already.
        - ``add_page(factory, title)`` adds a tab at once (its title, its Alt+letter and its
          visibility work before the page exists); the page is built when the tab first
          becomes current, or when ``page(index)`` asks for it, whichever comes first.
        - Each tab holds a frame that never changes; the built page fills it and takes its
          focus. ``widget(index)`` is that frame: ask ``page(index)`` for the page itself.
          ``currentWidget()``, ``setCurrentWidget(page)`` and ``indexOf(page)`` speak of
          pages, as on a plain tab widget.
        - Tabs are added only through ``add_page``.
        - ``built(index)`` says whether a page exists, for work that only matters to a page
          already on screen (reloading it after a change, say).
        - ``page_built(index)`` is emitted once per page, after it is in its frame and
          before ``currentChanged`` reaches the area for that tab.
    """

    page_built = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._factories: list[Callable[[], QWidget]] = []
        self._frames: list[tuple[QWidget, QVBoxLayout]] = []
        self._pages: dict[int, QWidget] = {}
        self.currentChanged.connect(self._build_current)

    def add_page(self, factory: Callable[[], QWidget], title: str) -> int:
        """A tab titled ``title`` whose page ``factory()`` makes when first needed."""
        frame = QWidget()
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        self._factories.append(factory)
        self._frames.append((frame, layout))
        index = self.addTab(frame, title)
        if index == self.currentIndex() and self.isVisible():
            self.page(index)
        return index

    def add_built_page(self, page: QWidget, title: str) -> int:
        """A tab titled ``title`` holding ``page``, made already (it is placed at once)."""
        index = self.add_page(lambda: page, title)
        self.page(index)
        return index

    def built(self, index: int) -> bool:
        return index in self._pages

    def page(self, index: int) -> QWidget:
        """The page of tab ``index``, built now if it has not been yet."""
        page = self._pages.get(index)
        if page is None:
            page = self._factories[index]()
            self._pages[index] = page
            frame, layout = self._frames[index]
            layout.addWidget(page)
            # Shown now, not when the layout next runs: a caller may look at it at once.
            page.show()
            frame.setFocusProxy(page)
            self.page_built.emit(index)
        return page

    def page_as(self, index: int, kind: type[P]) -> P:
        """The page of tab ``index``, known to be a ``kind``."""
        page = self.page(index)
        if not isinstance(page, kind):
            raise TypeError(f"tab {index} holds a {type(page).__name__}, not a {kind.__name__}")
        return page

    def currentWidget(self) -> QWidget:
        """The current tab's page (built now if need be)."""
        index = self.currentIndex()
        return self.page(index) if index >= 0 else super().currentWidget()

    def indexOf(self, widget: QWidget) -> int:
        """The tab of ``widget``, a page or a frame; -1 if it is neither."""
        for index, page in self._pages.items():
            if page is widget:
                return index
        return super().indexOf(widget)

    def setCurrentWidget(self, widget: QWidget) -> None:
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)

    def showEvent(self, event: QShowEvent) -> None:
        # The first tab becomes current before the area is shown: build it as it appears.
        if self.currentIndex() >= 0:
            self.page(self.currentIndex())
        super().showEvent(event)

    def _build_current(self, index: int) -> None:
        if index >= 0 and self.isVisible():
            self.page(index)
