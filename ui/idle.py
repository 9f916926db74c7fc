"""Noticing that nobody has used the application for a while (for the idle lock)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

# What counts as someone using the application: input, not repaints or timers.
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``interval_ms`` without keyboard, mouse or touch input.

    Input reaches a top-level window (the main window, a form, a print preview) before any
    widget in it, so the watcher listens on each window the user works in: every window open
    when it starts, and each one that takes the focus later.

    Signals:
        idle(): nobody has used the application for the whole interval.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle)
        self._watching = False
        self._windows: list[QWindow] = []

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)
        if self._watching:
            self._timer.start()

    def start(self) -> None:
        """Watch from now on (the interval starts again)."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._watching:
            app.focusWindowChanged.connect(self._on_focus_window_changed)
            for window in QGuiApplication.topLevelWindows():
                self._watch(window)
        self._watching = True
        self._timer.start()

    def stop(self) -> None:
        """Stop watching, and leave the windows alone: one may be on its way to deletion."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self._watching:
            app.focusWindowChanged.disconnect(self._on_focus_window_changed)
        for window in self._windows:
            # A window already deleted took its filter with it.
            with contextlib.suppress(RuntimeError):
                window.removeEventFilter(self)
        self._windows = []
        self._watching = False
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def note_activity(self) -> None:
        """Someone is using the application: the idle interval starts again."""
        if self._watching:
            self._timer.start()

    def _watch(self, window: QWindow | None) -> None:
        if window is None or any(window is known for known in self._windows):
            return
        window.installEventFilter(self)
        self._windows.append(window)
        window.destroyed.connect(self._forget)

    def _forget(self, window: QObject) -> None:
        self._windows = [w for w in self._windows if w is not window]

    def _on_focus_window_changed(self, window: QWindow | None) -> None:
        self._watch(window)
        self.note_activity()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.note_activity()
        return False
