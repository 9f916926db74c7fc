"""The entry point: options, the self-test without a display, database errors, demo, start-up."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import shiboken6

from upw_ttg import __version__
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.errors import NewerDatabaseError, UnsafeLocationError

import ui.app as app_module
from tests.ui.conftest import add_staff_member
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
