"""The entry point: options, the self-test without a display, database errors, demo, start-up."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from upw_ttg import __version__
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.errors import NewerDatabaseError, StorageError, UnsafeLocationError, UpwError

import ui.app as app_module
from tests.conftest import TEST_PASSWORD as PASSWORD
from tests.ui.conftest import add_staff_member
from ui.dialogs.sign_in import FirstAdministratorDialog, SignInDialog
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_version_prints_and_exits_zero(capsys):
    assert app_module.main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_self_test_runs_without_a_display():
    """--self-test needs no QApplication: it works with no Qt platform at all."""
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "no-such-platform"}
    result = subprocess.run([sys.executable, "-m", "ui.app", "--self-test"], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


@pytest.mark.parametrize("error", [
    NewerDatabaseError("This database was made by a newer version of the application."),
    UnsafeLocationError("The database is on a network share."),
])
def test_database_errors_are_explained_and_exit_non_zero(monkeypatch, tmp_path, error):
    shown: list[tuple] = []
    import upw_ttg.bootstrap

    # Opened on a worker behind the sign-in window, through the bootstrap module.
    monkeypatch.setattr(upw_ttg.bootstrap, "open_app",
                        lambda location: (_ for _ in ()).throw(error))
    monkeypatch.setattr(app_module, "show_error",
                        lambda parent, text, informative=None, *a, **k: shown.append(
                            (text, informative)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    code = app_module.main(["--data-dir", str(tmp_path),
                            "--database-url", f"sqlite+pysqlite:///{tmp_path}/t.db"])
    assert code == 2
    assert shown == [("The database could not be opened.", str(error))]


def test_start_up_signs_in_and_shows_the_main_window(monkeypatch, tmp_path, qtbot, fast_hash):
    """main() opens the database, asks for sign-in, then runs the main window."""
    windows: list[MainWindow] = []
    titles: list[str] = []

    def signed_in(services, demo, shown=None):
        assert not demo
        services.ctx.actor = add_staff_member(services, "admin", Role.ADMINISTRATOR, fast_hash,
                                              "Ada Admin", Gender.NOT_STATED)
        return True

    created: list[MainWindow] = []

    class RecordedWindow(MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            created.append(self)

    def event_loop(application):
        window = created[-1]
        windows.append(window)
        titles.append(window.windowTitle())
        window.close()
        return 0

    monkeypatch.setattr(app_module, "ask_sign_in", signed_in)
    import ui.main_window

    monkeypatch.setattr(ui.main_window, "MainWindow", RecordedWindow)
    monkeypatch.setattr(app_module, "run_event_loop", event_loop)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    code = app_module.main(["--data-dir", str(tmp_path),
                            "--database-url", f"sqlite+pysqlite:///{tmp_path}/t.db"])
    assert code == 0
    assert titles == ["UPW & Through the Gate"]
    assert (tmp_path / "logs" / "upw-ttg.log").exists()
    # Deleted before main() returns, while the application and the database are still there.
    assert not shiboken6.isValid(windows[0])


def test_quitting_at_sign_in_exits_cleanly(monkeypatch, tmp_path):
    monkeypatch.setattr(app_module, "ask_sign_in", lambda services, demo, shown=None: False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    assert app_module.main(["--data-dir", str(tmp_path), "--database-url",
                            f"sqlite+pysqlite:///{tmp_path}/t.db"]) == 0


def test_demo_fills_an_empty_database_in_the_background(monkeypatch, fresh_services,
                                                        fast_hash):
    """--demo runs the generator off the main thread with progress, once, on a new one."""
    import upw_ttg.demo as demo
    from upw_ttg.storage.models import DemoMarker

    calls: list[tuple] = []
    main_thread = threading.get_ident()

    def fake_generate(db, scale, progress=None, cancelled=None, **_kw):
        calls.append((scale, threading.get_ident() != main_thread, cancelled()))
        progress(1, 2, "People")
        return "summary"

    monkeypatch.setattr(demo, "generate_demo", fake_generate)
    assert app_module.fill_with_demo(fresh_services) is True
    assert calls == [("small", True, False)]
    assert "admin" in app_module.demo_hint() and demo.DEMO_PASSWORD in app_module.demo_hint()
    from tests.ui.conftest import add_staff_member, make_person

    with fresh_services.db.write() as session:
        session.add(DemoMarker(scale="small", seed=1))
    fresh_services.ctx.actor = add_staff_member(fresh_services, "admin", Role.ADMINISTRATOR,
                                                fast_hash, roles=frozenset({
                                                    Role.ADMINISTRATOR, Role.MANAGER}))
    make_person(fresh_services)
    assert app_module.fill_with_demo(fresh_services) is True
    assert len(calls) == 1  # not run again on a demo database


def test_demo_is_refused_on_a_database_with_real_accounts(monkeypatch, services):
    """A real administrator exists: no demo accounts are added; the message says what to do."""
    import upw_ttg.demo as demo

    shown: list[tuple] = []
    monkeypatch.setattr(demo, "generate_demo", lambda *a, **k: pytest.fail("generated"))
    monkeypatch.setattr(app_module, "show_error",
                        lambda parent, text, informative=None, *a, **k: shown.append(
                            (text, informative)))
    assert app_module.fill_with_demo(services) is False
    assert shown and "--data-dir" in shown[0][1] and "real data" in shown[0][1]


class _EarlySignIn:
    """The sign-in window as main() shows it, with a user who sends the password at once,
    before the database (held back until then by ``open_app`` below) has opened."""

    def __init__(self, monkeypatch, username: str = "coord"):
        import upw_ttg.bootstrap

        self.may_open = threading.Event()
        self.dialogs: list[SignInDialog] = []
        self.waited_for_the_database: list[bool] = []
        self.sign_in_ended: list[str] = []  # why a sign-in sent early ended without signing in
        real_open_app = upw_ttg.bootstrap.open_app
        early = self

        def open_app(location):
            assert early.may_open.wait(10)
            return real_open_app(location)

        class EarlySignInDialog(SignInDialog):
            def showEvent(self, event):
                super().showEvent(event)
                if self not in early.dialogs:
                    early.dialogs.append(self)
                    QTimer.singleShot(0, lambda: early.send(self, username))

            def save(self, data):
                try:
                    return super().save(data)
                except UpwError as exc:
                    early.sign_in_ended.append(str(exc))
                    raise

        self.open_app = open_app
        monkeypatch.setattr(upw_ttg.bootstrap, "open_app", self.hold_open)
        monkeypatch.setattr(app_module, "SignInDialog", EarlySignInDialog)
        monkeypatch.setattr(sys, "excepthook", sys.excepthook)
        monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def hold_open(self, location):
        return self.open_app(location)

    def send(self, dialog: SignInDialog, username: str) -> None:
        dialog.username.setText(username)
        dialog.password.setText(PASSWORD)
        dialog.submit()
        self.waited_for_the_database.append(dialog.saving and not dialog.ready and
                                            dialog.banner.text().startswith("Getting ready"))
        self.may_open.set()


def _main(tmp_path, url: str) -> int:
    return app_module.main(["--data-dir", str(tmp_path), "--database-url", url])


def test_a_password_sent_before_the_database_opens_signs_in_when_it_does(
        monkeypatch, tmp_path, sqlite_db_url, fresh_services, fast_hash):
    """The user signs in while the data layer is still loading: once the database is open
    the same sign-in goes ahead, and the main window follows."""
    import upw_ttg.services.sign_in as sign_in_module

    add_staff_member(fresh_services, "coord", Role.COORDINATOR, fast_hash, "Cai Coordinator")
    monkeypatch.setattr(sign_in_module, "needs_rehash", lambda stored: False)
    early = _EarlySignIn(monkeypatch)
    signed_in: list[str] = []

    def main_window(app, services, location, exercise):
        signed_in.append(services.ctx.actor.username)
        return 0, False

    monkeypatch.setattr(app_module, "run_main_window", main_window)
    assert _main(tmp_path, sqlite_db_url) == 0
    assert early.waited_for_the_database == [True]
    assert signed_in == ["coord"] and early.sign_in_ended == []


def test_a_database_that_cannot_open_tells_a_waiting_sign_in_and_the_user(
        monkeypatch, tmp_path, sqlite_db_url):
    """Opening fails after the password was sent: the sign-in ends with the reason (it does
    not wait on), and the user is told once why the database could not be opened."""
    early = _EarlySignIn(monkeypatch)

    def locked(location):
        assert early.may_open.wait(10)
        raise StorageError("The database is locked by another program.")

    early.open_app = locked
    shown: list[tuple] = []
    monkeypatch.setattr(app_module, "show_error",
                        lambda parent, text, informative=None, *a, **k: shown.append(
                            (text, informative)))
    assert _main(tmp_path, sqlite_db_url) == 2
    assert shown == [("The database could not be opened.",
                      "The database is locked by another program.")]
    assert early.waited_for_the_database == [True]
    assert early.sign_in_ended == ["The database could not be opened."]


def test_a_new_database_sets_up_its_administrator_after_an_early_sign_in(
        monkeypatch, tmp_path, sqlite_db_url, fresh_services):
    """A first run: a password sent before the database opened does not hold up the set-up
    of the first administrator, which saves on the same writer thread."""
    from ui.tasks import writer_pool

    early = _EarlySignIn(monkeypatch, "admin")
    writer_free: list[bool] = []

    class RecordedSetUp(FirstAdministratorDialog):
        def exec(self):
            writer_free.append(writer_pool().waitForDone(2000))
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(app_module, "FirstAdministratorDialog", RecordedSetUp)
    assert _main(tmp_path, sqlite_db_url) == 0
    assert early.waited_for_the_database == [True]
    assert writer_free == [True]
    assert early.sign_in_ended == ["This database has no accounts yet."]
