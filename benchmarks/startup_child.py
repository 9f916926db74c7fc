"""Child process for the start-up benchmark: start, and print when a window is on screen.

Prints one line, ``<wall clock (time.time)> <processor time of the process, ms>``, for the
modes that time a launch, and ``<ms wall> <ms processor> <ms wall> <ms processor>`` for
``password`` (submit to the main window painted, then to the people list filled).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_filters: list[QObject] = []


def _report(*figures: float) -> None:
    print(" ".join(f"{figure:.6f}" for figure in figures), flush=True)
    os._exit(0)


def _on_first_paint(app: QApplication, done: Callable[[], None], class_name: str = "") -> None:
    """Call ``done`` once a top-level window (of ``class_name``, if given) has been painted
    and the event loop is free again (what a user sees as "the window is there"); a worker
    holding the interpreter meanwhile delays it, as it would on screen."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
            if not self.seen and event.type() == QEvent.Type.Paint \
                    and isinstance(watched, QWidget) and watched.isWindow() \
                    and class_name in ("", type(watched).__name__):
                self.seen = True
                QTimer.singleShot(0, done)
            return False

    _filters.append(FirstPaint(app))  # kept alive with the application
    app.installEventFilter(_filters[-1])


def _launched() -> None:
    _report(time.time(), time.process_time() * 1000)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    _on_first_paint(app, _launched)
    window = QMainWindow()
    window.show()
    app.exec()


def sign_in_window(database: str, data_dir: str) -> None:
    """Start as ``upw-ttg`` does (``ui.app.main``) up to the sign-in window painted; the data
    layer loads on a worker behind it meanwhile."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    _on_first_paint(app, _launched)
    import ui.app

    ui.app.main(["--data-dir", data_dir, "--database-url", database])


def password(database: str, data_dir: str) -> None:
    """Start as ``upw-ttg`` does; once the database is open and the worker is idle (the user
    has been typing), send the demo administrator's password and time it to the main window
    painted, then to the people list filled (no background work left)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from upw_ttg.demo import DEMO_PASSWORD

    import ui.app
    from ui import tasks
    from ui.dialogs.sign_in import SignInDialog

    app = QApplication(sys.argv[:1])
    started: list[float] = []
    painted: list[float] = []

    last_busy: list[tuple[float, float]] = []

    def settled() -> None:
        # Over when no background work has run for 300 ms (the list is read on a worker,
        # started a moment after the window shows): timed to when the last of it ended.
        now = (time.perf_counter(), time.process_time())
        if tasks.running_tasks():
            last_busy[:] = [now]
        elif now[0] - last_busy[0][0] > 0.3:
            wall, cpu = last_busy[0]
            _report(*painted, (wall - started[0]) * 1000, (cpu - started[1]) * 1000)
        QTimer.singleShot(5, settled)

    def main_window_painted() -> None:
        painted.extend(((time.perf_counter() - started[0]) * 1000,
                        (time.process_time() - started[1]) * 1000))
        last_busy.append((time.perf_counter(), time.process_time()))
        settled()

    def send(dialog: SignInDialog) -> None:
        # (``_opened``: earlier trees had no ``ready``)
        if not dialog._opened.is_set() or tasks.running_tasks():
            QTimer.singleShot(50, lambda: send(dialog))
            return
        dialog.username.setText("admin")
        dialog.password.setText(DEMO_PASSWORD)
        _on_first_paint(app, main_window_painted, "MainWindow")
        started.extend((time.perf_counter(), time.process_time()))
        dialog.submit()

    def sign_in_painted() -> None:
        dialog = next(window for window in app.topLevelWidgets()
                      if isinstance(window, SignInDialog) and window.isVisible())
        QTimer.singleShot(1000, lambda: send(dialog))  # a second of typing

    _on_first_paint(app, sign_in_painted, "SignInDialog")
    ui.app.main(["--data-dir", data_dir, "--database-url", database])


def application(database: str, data_dir: str) -> None:
    """Start up to the main window with the people list filled, sign-in skipped."""
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from upw_ttg.bootstrap import AppLocation, open_app
    from upw_ttg.domain.codes import Gender, Role
    from upw_ttg.records.staff import StaffMember

    from ui.app import setup_application
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    app = QApplication(sys.argv[:1])
    setup_application(app)
    services = open_app(AppLocation(Path(data_dir), database))
    # Signing in is interactive and its password hash is slow on purpose; it is measured
    # apart, so the window is reached here as the signed-in administrator.
    services.ctx.actor = StaffMember(1, "admin", "Admin", Role.ADMINISTRATOR, Gender.NOT_STATED,
                                     None, True)
    _on_first_paint(app, _launched)
    window = MainWindow(services, UiSettings.in_folder(Path(data_dir)))
    window.show()
    app.exec()


MODES: dict[str, Callable[..., None]] = {"bare": bare, "signin": sign_in_window,
                                         "password": password, "app": application}

if __name__ == "__main__":
    MODES[sys.argv[1]](*sys.argv[2:])
