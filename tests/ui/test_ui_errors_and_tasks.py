"""Unexpected errors are logged and shown while the app runs on; background tasks report back."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from upw_ttg.errors import StorageError

from tests.call_log import appended
from tests.narrowing import present
from ui import errors, tasks
from ui.errors import CrashDialog, handle_exception, install_excepthook


@pytest.fixture
def crash_log(tmp_path, monkeypatch):
    """The real hook, with a log file and the crash dialog replaced by a recorder."""
    shown: list[tuple] = []
    log_path = tmp_path / "upw-ttg.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    monkeypatch.setattr(errors, "show_crash_dialog", lambda *args: shown.append(args))
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    install_excepthook(log_path)
    yield log_path, shown
    sys.excepthook, threading.excepthook = old_hook, old_thread_hook
    logging.getLogger().removeHandler(handler)
    handler.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_and_the_app_runs_on(qtbot, crash_log):
    log_path, shown = crash_log
    button = QPushButton("Break")
    qtbot.addWidget(button)
    clicks: list[int] = []

    def broken() -> None:
        clicks.append(1)
        raise ZeroDivisionError("division by zero")

    button.clicked.connect(broken)
    button.click()
    button.click()  # the application is still running and the button still works
    assert len(clicks) == 2
    logged = log_path.read_text(encoding="utf-8")
    assert "Unexpected error, incident" in logged and "ZeroDivisionError" in logged
    assert len(shown) == 2
    summary, details, path, incident = shown[0]
    assert summary == "ZeroDivisionError: division by zero"
    assert "Traceback" in details and path == log_path and len(incident) == 8
    fired: list[int] = []
    QTimer.singleShot(0, lambda: fired.append(1))
    qtbot.waitUntil(lambda: fired == [1], timeout=1000)


def test_the_crash_dialog_shows_summary_log_and_details(qtbot, tmp_path):
    dialog = CrashDialog("KeyError: 'x'", "Traceback (most recent call last): ...",
                         tmp_path / "upw-ttg.log", "ABCD1234")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.message.text()
    assert "KeyError" in text and "ABCD1234" in text and str(tmp_path) in text
    assert not dialog.details.isVisible()
    dialog.toggle.click()
    assert dialog.details.isVisible() and "Traceback" in dialog.details.toPlainText()


def test_only_one_crash_dialog_at_a_time(qtbot, crash_log, monkeypatch):
    _log_path, shown = crash_log
    monkeypatch.setitem(errors._state, "showing", True)
    handle_exception(ValueError, ValueError("x"), None)
    assert shown == []


def test_background_task_delivers_its_result_on_the_main_thread(qtbot, wait_for_tasks):
    main_thread = threading.get_ident()
    seen: list[tuple[object, int]] = []
    tasks.run_in_background(lambda: threading.get_ident(),
                            lambda result: seen.append((result, threading.get_ident())))
    wait_for_tasks()
    worker_thread, callback_thread = seen[0]
    assert worker_thread != main_thread and callback_thread == main_thread


def test_background_failure_goes_to_on_failure(qtbot, wait_for_tasks):
    failures: list[BaseException] = []

    def fail() -> None:
        raise StorageError("The disk is full.")

    tasks.run_in_background(fail, lambda _r: None, failures.append)
    wait_for_tasks()
    assert isinstance(failures[0], StorageError)


def test_progress_dialog_appears_after_a_delay_and_cancel_stops_the_task(qtbot, wait_for_tasks,
                                                                        monkeypatch):
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 50)
    release = threading.Event()
    cancelled: list[bool] = []

    def work(control: tasks.TaskControl) -> str:
        control.report(1, 4, "Step one")
        while not control.cancelled():
            if release.wait(0.01):
                break
        raise RuntimeError("stopped")

    task = tasks.run_in_background(work, lambda _r: None, progress_label="Working…",
                                   with_progress=True, on_cancelled=lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: task.progress_dialog is not None and
                    task.progress_dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: present(task.progress_dialog).maximum() == 4, timeout=3000)
    assert "Step one" in present(task.progress_dialog).labelText()
    cancel = present(task.progress_dialog).findChild(QPushButton)  # the dialog's Cancel button
    present(cancel).click()
    wait_for_tasks()
    release.set()
    assert cancelled == [True]


def test_a_quick_task_never_shows_a_progress_dialog(qtbot, wait_for_tasks):
    task = tasks.run_in_background(lambda: 42, lambda _r: None, progress_label="Working…")
    wait_for_tasks()
    assert task.progress_dialog is None


def test_modules_loaded_to_be_frozen_are_not_collected_on_the_way(qtbot, monkeypatch):
    """While long-lived modules load on a worker, the GUI thread's collector waits (collecting
    their objects only to freeze them stalled the window); afterwards they are frozen and it
    collects again."""
    import gc

    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: appended(collected, generation) or 0)
    monkeypatch.setattr(gc, "get_count", lambda: (10_000, 20, 20))
    frozen: list[bool] = []
    monkeypatch.setattr(tasks, "freeze_long_lived", lambda: frozen.append(True))
    was_enabled = gc.isenabled()
    collector = tasks._GuiThreadCollector()  # turns the automatic collector off, as the app's
    if was_enabled:
        gc.enable()
    release = threading.Event()
    task = tasks.load_then_freeze(lambda: release.wait(5))
    collector.collect()
    assert collected == [] and frozen == []
    release.set()
    qtbot.waitUntil(lambda: task.finished_running, timeout=5000)
    qtbot.waitUntil(lambda: frozen == [True], timeout=5000)
    collector.collect()
    collector._timer.stop()
    assert collected == [2]


def test_a_load_abandoned_by_its_window_still_lets_the_collector_go_on(qtbot, monkeypatch):
    """Signing out while the areas' modules load abandons the task; the hold on the collector
    is let go all the same (left behind, it would stop collecting for the whole session)."""
    frozen: list[bool] = []
    monkeypatch.setattr(tasks, "freeze_long_lived", lambda: frozen.append(True))
    held_before = tasks._held_for_freezing
    release = threading.Event()
    task = tasks.load_then_freeze(lambda: release.wait(5))
    assert tasks._held_for_freezing == held_before + 1
    task.abandon()
    release.set()
    qtbot.waitUntil(lambda: frozen == [True], timeout=5000)
    qtbot.waitUntil(lambda: tasks._held_for_freezing == held_before, timeout=5000)
