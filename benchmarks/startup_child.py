"""Child process for the start-up benchmark: show a window, print when it is on screen."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _shown_at(window) -> float:
    from PySide6.QtWidgets import QApplication

    window.show()
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        QApplication.processEvents()
    QApplication.processEvents()
    return time.time()


def bare() -> float:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])  # noqa: F841 - must outlive the window
    return _shown_at(QMainWindow())


def sign_in_window() -> float:
    """Start as ``upw-ttg`` does, up to the sign-in window (the data layer loads after it)."""
    from PySide6.QtWidgets import QApplication

    from ui.app import setup_application
    from ui.dialogs.sign_in import SignInDialog

    app = QApplication(sys.argv[:1])
    setup_application(app)
    return _shown_at(SignInDialog(None, ""))


def application(database: str, data_dir: str) -> float:
    """Start as ``upw-ttg`` does, up to the main window with the people list filled."""
    from PySide6.QtWidgets import QApplication

    from upw_ttg.bootstrap import AppLocation, open_app
    from upw_ttg.domain.codes import Role
    from upw_ttg.domain.records import StaffMember

    from ui.app import setup_application
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    app = QApplication(sys.argv[:1])
    setup_application(app)
    from pathlib import Path

    services = open_app(AppLocation(Path(data_dir), database))
    # Signing in is interactive and its password hash is slow on purpose; it is measured
    # apart, so the window is reached here as the signed-in administrator.
    services.ctx.actor = StaffMember(1, "admin", "Admin", Role.ADMINISTRATOR, "not_stated",
                                     None, True)
    window = MainWindow(services, UiSettings.in_folder(Path(data_dir)))
    return _shown_at(window)


if __name__ == "__main__":
    mode = sys.argv[1]
    shown = bare() if mode == "bare" else sign_in_window() if mode == "signin" \
        else application(sys.argv[2], sys.argv[3])
    print(f"{shown:.6f}", flush=True)
    os._exit(0)
