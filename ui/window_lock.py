"""Locking the main window after an idle period: every personal detail hidden, nothing lost."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget, QWidget

from upw_ttg.bootstrap import AppServices

from ui.idle import IdleWatcher
from ui.views.lock_screen import LockScreen

MINUTE_MS = 60_000
SWEEP_MS = 100


class WindowLock(QObject):
    """Puts ``content`` and a lock screen in ``window``; locks after the idle-lock setting.

    Locking hides the content and every other window of the application (open forms, print
    previews) without closing them, so whatever was typed is still there after unlocking.
    Message boxes are left alone: hiding one would answer it.

    Signals:
        locked(): the window has just been locked.
        unlocked(): the same user has entered their password.
        sign_out_requested(): the lock screen's Sign out was chosen.
    """

    locked = Signal()
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, window: QMainWindow, services: AppServices, content: QWidget):
        super().__init__(window)
        self._window = window
        self._services = services
        self.lock_screen = LockScreen(services.staff)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.lock_screen)
        window.setCentralWidget(self.stack)
        self._content = content
        self._hidden: list[QWidget] = []
        self._locked = False
        self._action_states: dict[QAction, bool] = {}
        # A report or preview finishing in the background must not open over the lock.
        self._sweep = QTimer(self)
        self._sweep.setInterval(SWEEP_MS)
        self._sweep.timeout.connect(self._hide_other_windows)
        self.idle = IdleWatcher(self._setting_ms(), self)
        self.idle.idle.connect(self.lock_idle)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out_requested.connect(self.sign_out_requested)

    def _setting_ms(self) -> int:
        return int(self._services.settings.value("security.idle_lock_minutes")) * MINUTE_MS

    @property
    def is_locked(self) -> bool:
        # A plain flag: asked from slots that can run while the window is being destroyed.
        return self._locked

    def start(self) -> None:
        """Start counting idle time (the setting is read again, in case it changed)."""
        self.idle.set_interval_ms(self._setting_ms())
        self.idle.start()

    def stop(self) -> None:
        self.idle.stop()
        self._sweep.stop()

    def hidden_windows(self) -> list[QWidget]:
        return list(self._hidden)

    @Slot()
    def lock_idle(self) -> None:
        self.lock(max(1, round(self.idle.interval_ms / MINUTE_MS)))

    def lock(self, minutes: int | None = None) -> None:
        """Hide everything personal; only the signed-in user's password brings it back."""
        actor = self._services.ctx.actor
        if self.is_locked or actor is None:
            return
        self.idle.stop()
        self._hide_other_windows()
        self._sweep.start()
        self._action_states = {action: action.isEnabled() for action in self._window.actions()}
        for action in self._action_states:
            action.setEnabled(False)
        self._window.menuBar().setEnabled(False)
        self._window.statusBar().clearMessage()
        self._locked = True
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.prepare(actor.full_name, actor.username, minutes)
        self.locked.emit()

    def _hide_other_windows(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget is not self._window and widget.isVisible() \
                    and not isinstance(widget, QMessageBox):
                self._hidden.append(widget)
                widget.hide()

    @Slot()
    def unlock(self) -> None:
        if not self.is_locked:
            return
        self._locked = False
        self._sweep.stop()
        self.stack.setCurrentWidget(self._content)
        for action, enabled in self._action_states.items():
            action.setEnabled(enabled)
        self._action_states = {}
        self._window.menuBar().setEnabled(True)
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            widget.show()
            widget.raise_()
        self.start()
        self.unlocked.emit()
