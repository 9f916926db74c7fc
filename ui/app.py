"""The desktop application's entry point: options, logging, the database, sign-in, main window.

The sign-in window comes first: this module loads nothing of the data layer at the top, and
the database is opened (and the main window's modules loaded) on a worker while the user
types. A sign-in sent before the database is open waits for it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QDialog

from upw_ttg import APP_NAME, APP_TITLE, __version__
from upw_ttg.errors import SignInError, StorageError
from upw_ttg.files import private_umask, restore_umask
from upw_ttg.logs import configure_logging, trace_native_crashes
from upw_ttg.paths import AppLocation

from ui.dialogs.sign_in import FirstAdministratorDialog, SignInDialog
from ui.errors import install_excepthook, show_error
from ui.pyside_imports import scan_imports_without_keeping_source
from ui.resources import icon, style_sheet
from ui.settings import UiSettings
from ui.tasks import TaskControl, finish_all_tasks, run_in_background

if TYPE_CHECKING:
    from upw_ttg.bootstrap import AppServices

# Before the data layer and the screens are loaded (the application starts in this module).
scan_imports_without_keeping_source()

ORGANISATION = "upw-ttg"
DEMO_SCALE = "small"
_log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=APP_TITLE)
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder for the database, backups and logs "
                             "(default: the per-user data folder, or UPW_TTG_DATA_DIR)")
    parser.add_argument("--database-url", metavar="URL",
                        help="SQLAlchemy URL of the database (default: SQLite in the data "
                             "folder, or UPW_TTG_DATABASE_URL)")
    parser.add_argument("--demo", action="store_true",
                        help="fill an empty database with made-up demo data")
    parser.add_argument("--self-test", action="store_true",
                        help="check the installation on a temporary database and exit")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    # For the launch-and-quit test only: tour the demo data, print to this PDF, then quit.
    parser.add_argument("--exercise", metavar="PDF", type=Path, help=argparse.SUPPRESS)
    return parser


def _say(text: str) -> None:
    # A windowed frozen build has no console: sys.stdout is None there.
    if sys.stdout is not None:
        print(text, flush=True)


def setup_application(app: QApplication) -> None:
    """Names (for QSettings and paths), the Fusion style and the application's style sheet."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APP_TITLE)
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(icon("app.svg"))


class QuitWhileOpening(Exception):
    """The user closed the sign-in window before the database had opened."""


def _open_app(location: AppLocation, warm_up: bool) -> AppServices:
    """On a worker: load the data layer, open and migrate the database; with ``warm_up``,
    also load the main window's modules while the user is still typing."""
    from upw_ttg.bootstrap import open_app

    services = open_app(location)
    if warm_up:
        import ui.main_window  # noqa: F401 - loaded now so signing in does not wait for it
    return services


def open_services(location: AppLocation,
                  sign_in: SignInDialog | None = None) -> AppServices | None:
    """Open and migrate the database on a worker, the window (``sign_in``, if shown) staying
    live meanwhile; on failure tell the user why and return None.

    Raises:
        QuitWhileOpening: the user quit from ``sign_in`` before the database was open.
    """
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    run_in_background(lambda: _open_app(location, sign_in is not None),
                      lambda services: finished("services", services),
                      lambda exc: finished("error", exc))
    if sign_in is not None:
        sign_in.rejected.connect(loop.quit)
    if not outcome:
        loop.exec()
    if sign_in is not None:
        sign_in.rejected.disconnect(loop.quit)
    services = outcome.get("services")
    if services is not None:
        return cast("AppServices", services)  # what _open_app returned
    exc = outcome.get("error")
    if not isinstance(exc, BaseException):  # neither came: the user quit meanwhile
        raise QuitWhileOpening()
    if sign_in is not None:
        sign_in.open_failed(StorageError("The database could not be opened."))
        sign_in.hide()
    if isinstance(exc, StorageError):
        _log.warning("The database could not be opened: %s", type(exc).__name__)
        show_error(None, "The database could not be opened.", str(exc), wait=True)
    else:  # a bad URL or driver problem, shown in full
        _log.error("The database could not be opened",
                   exc_info=(type(exc), exc, exc.__traceback__))
        show_error(None, "The database could not be opened.",
                   "Check the --database-url option or the UPW_TTG_DATABASE_URL setting, "
                   "then start the application again.", f"{type(exc).__name__}: {exc}",
                   wait=True)
    return None


def fill_with_demo(services: AppServices) -> bool:
    """Demo data in a new database (with a progress dialog), or a demo database as it is.

    A database holding real data is refused with a message pointing at ``--data-dir``.

    Returns:
        True if demo data is there (generated now or before), False if not.
    """
    try:
        from upw_ttg.demo import DEMO_DATA, REAL_DATA
        from upw_ttg.demo.generator import REFUSAL
    except ImportError:
        show_error(None, "Demo data is not available in this version.", wait=True)
        return False
    state = services.demo_state()
    if state == DEMO_DATA:
        return True
    if state == REAL_DATA:
        _log.warning("Demo data refused: the database holds real data")
        show_error(None, "Demo data was not added.", REFUSAL, wait=True)
        return False
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def work(control: TaskControl) -> object:
        return services.generate_demo(DEMO_SCALE, progress=control.report,
                                      cancelled=control.cancelled)

    def finished(key: str, value: object = None) -> None:
        outcome[key] = value
        loop.quit()

    run_in_background(work, lambda summary: finished("summary", summary),
                      lambda exc: finished("error", exc), "Creating demo data…",
                      with_progress=True, on_cancelled=lambda: finished("cancelled"))
    loop.exec()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        _log.error("Demo data failed", exc_info=(type(error), error, error.__traceback__))
        show_error(None, "The demo data could not be created.", str(error), wait=True)
        return False
    return "summary" in outcome


def demo_hint() -> str:
    try:
        from upw_ttg.demo import DEMO_PASSWORD
    except ImportError:
        return "Demo data: sign in as admin."
    return f"Demo data: sign in as admin with the password {DEMO_PASSWORD}"


def ask_sign_in(services: AppServices, demo: bool,
                shown: SignInDialog | None = None) -> bool:
    """Show the first-administrator or sign-in dialog; False if the user quit.

    ``shown`` is the sign-in window already on screen since start-up (the user may have
    signed in with it already, or be typing).
    """
    database = services.database_description()
    dialog: QDialog
    if services.staff.needs_first_administrator():
        if shown is not None:
            # A sign-in sent meanwhile would hold the writer thread the set-up saves on.
            shown.open_failed(SignInError("This database has no accounts yet."))
            shown.hide()
        dialog = FirstAdministratorDialog(services.staff, database)
    elif shown is not None:
        shown.attach(services.staff, database)
        if shown.result() == QDialog.DialogCode.Accepted and not shown.isVisible():
            return True
        dialog = shown
    else:
        dialog = SignInDialog(services.staff, database, "admin" if demo else "",
                              demo_hint() if demo else None)
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_event_loop(app: QApplication) -> int:
    return app.exec()


def sign_in_for_exercise(services: AppServices) -> bool:
    """The tour signs in as the demo administrator (it runs on demo data only)."""
    from upw_ttg.demo import DEMO_PASSWORD

    services.staff.sign_in("admin", DEMO_PASSWORD)
    return True


def run_main_window(app: QApplication, services: AppServices, location: AppLocation,
                    exercise: Path | None) -> tuple[int, bool]:
    """Show the main window and run the event loop; returns the exit code, and whether the
    user signed out (File ▸ Sign out) rather than quitting.

    Whatever happens, the work still running in the thread pool is stopped and waited for,
    and every window is deleted while the application and the database are still there: a
    thread or a widget outliving them is what crashes a Qt program as it exits.
    """
    from ui.main_window import MainWindow

    window = MainWindow(services, UiSettings.in_folder(location.data_dir))
    tour = None
    try:
        window.show()
        if exercise is not None:
            from ui.exercise import EXIT_FAILED, Tour

            tour = Tour(window, exercise)
            tour.start()
        code = run_event_loop(app)
        if tour is not None and tour.failures:
            _log.error("The tour failed: %s", "; ".join(tour.failures))
            _say("The tour failed: " + "; ".join(tour.failures))
            return EXIT_FAILED, False
        return code, bool(window.signed_out)
    finally:
        finish_all_tasks()
        if shiboken6.isValid(window):
            window.close()
            # Its dialogs (print previews with their PDF documents) go with it, now.
            shiboken6.delete(window)


def close_windows(app: QApplication) -> None:
    """Delete the windows still open (a crash report, a message) before the application."""
    for widget in app.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.parentWidget() is None:
            widget.close()
            shiboken6.delete(widget)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the application; returns the process exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version or a bad option
        return int(exc.code or 0)
    if args.self_test:
        from upw_ttg.selftest import run_self_test

        return 0 if run_self_test(report=_say) else 1
    # The database, backups, logs and saved PDFs hold personal data: owner-only files.
    previous_umask = private_umask()
    try:
        return _start(args)
    finally:
        restore_umask(previous_umask)



def _start(args: argparse.Namespace) -> int:
    existing = QApplication.instance()
    app = existing or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    try:
        return run_application(app, args)
    finally:
        if existing is None:
            close_windows(app)
            # Deleted here, not by the garbage collector at interpreter exit, where the order
            # in which Python frees Qt objects is not defined.
            shiboken6.delete(app)


def run_application(app: QApplication, args: argparse.Namespace) -> int:
    setup_application(app)
    location = AppLocation.resolve(args.data_dir, args.database_url)
    try:
        log_path = configure_logging(location.logs_dir)
    except OSError as exc:
        show_error(None, "The data folder cannot be used.",
                   f"{location.data_dir}: {exc.strerror or exc}. Choose another folder with "
                   "--data-dir.", wait=True)
        return 2
    trace_native_crashes()
    install_excepthook(log_path)
    _log.info("Starting %s %s", APP_NAME, __version__)
    # With demo data the database may need filling first; the tour signs itself in.
    sign_in = None if args.demo or args.exercise is not None else SignInDialog(None, "")
    if sign_in is not None:
        sign_in.show()
    try:
        services = open_services(location, sign_in)
    except QuitWhileOpening:
        finish_all_tasks()  # the database finishes opening before the application goes
        return 0
    if services is None:
        finish_all_tasks()  # a sign-in sent meanwhile ends on the writer thread first
        return 2
    try:
        if args.demo and args.exercise is None and not fill_with_demo(services):
            return 2
        return run_signed_in(app, services, location, args.demo, args.exercise, sign_in)
    finally:
        finish_all_tasks()
        if sign_in is not None and shiboken6.isValid(sign_in):
            sign_in.hide()
            shiboken6.delete(sign_in)
        services.close()
        _log.info("Stopped")


def run_signed_in(app: QApplication, services: AppServices, location: AppLocation,
                  demo: bool, exercise: Path | None = None,
                  shown: SignInDialog | None = None) -> int:
    """Sign in, run the main window; after File ▸ Sign out, the sign-in window again.

    The scripted tour (``exercise``) signs in as the demo administrator instead of asking.
    ``shown`` is the sign-in window put up at start-up, used for the first sign-in.
    """
    while True:
        if exercise is not None:
            sign_in_for_exercise(services)
        elif not (ask_sign_in(services, demo, shown) if shown is not None
                  else ask_sign_in(services, demo)):
            return 0
        shown = None
        code, signed_out = run_main_window(app, services, location, exercise)
        if not signed_out:
            return code
        _log.info("Signed out")


if __name__ == "__main__":
    raise SystemExit(main())
