"""Reading a page's lists on a worker thread while the page says it is loading."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from ui.tasks import BackgroundTask, report_failure, run_in_background

# A load quicker than this never shows the overlay, so the screen does not flicker.
OVERLAY_DELAY_MS = 120


class LoadingOverlay(QLabel):
    """"Loading…" laid over a widget (a table) until its rows arrive; follows its size."""

    def __init__(self, target: QWidget, text: str = "Loading…"):
        super().__init__(text, target)
        self.setObjectName("LoadingOverlay")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAutoFillBackground(False)
        self.setStyleSheet("#LoadingOverlay { background: rgba(255, 255, 255, 200); "
                           "color: #444; font-size: 13pt; }")
        self.setAccessibleName(text)
        self.hide()
        self._target = target
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._target.rect())
        return False

    def show_over(self) -> None:
        self.setGeometry(self._target.rect())
        self.raise_()
        self.show()


class PageLoader(QObject):
    """Runs a page's reads in the thread pool, one load at a time; the newest request wins.

    While a load runs, ``busy`` is True and, after a short delay, each of ``covers`` shows
    "Loading…". The result is handed to ``apply`` on the GUI thread; a load replaced by a newer
    one (the user changed the unit while it ran) or outliving its page is dropped unseen.
    A failure is shown in plain words (``failure_text``) and the old rows stay.
    """

    def __init__(self, page: QWidget, covers: Sequence[QWidget] = (),
                 failure_text: str = "The list could not be read."):
        super().__init__(page)
        self._page = page
        self._failure_text = failure_text
        self._overlays = [LoadingOverlay(widget) for widget in covers]
        self._task: BackgroundTask | None = None
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(OVERLAY_DELAY_MS)
        self._delay.timeout.connect(self._show_overlays)
        self.loads = 0

    @property
    def busy(self) -> bool:
        return self._task is not None

    def load(self, fetch: Callable[[], Any], apply: Callable[[Any], None],
             on_failure: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fetch()`` on a worker, then ``apply(result)`` here; replaces a running load."""
        self.cancel()
        self.loads += 1

        def done(result: Any) -> None:
            if not shiboken6.isValid(self):
                return  # the page was closed while its list was read
            self._task = None
            self._settle()
            apply(result)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._task = None
            self._settle()
            if on_failure is not None:
                on_failure(exc)
            else:
                report_failure(self._page, self._failure_text, exc)

        self._task = run_in_background(fetch, done, failed, parent=self._page)
        self._delay.start()

    def cancel(self) -> None:
        """Drop the running load's result, if any (the worker finishes on its own)."""
        if self._task is not None:
            task, self._task = self._task, None
            task.abandon()
            self._settle()

    def _show_overlays(self) -> None:
        if self._task is not None:
            for overlay in self._overlays:
                overlay.show_over()

    def _settle(self) -> None:
        self._delay.stop()
        for overlay in self._overlays:
            overlay.hide()
