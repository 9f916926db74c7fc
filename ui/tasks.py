"""Running slow work off the main thread; callbacks and progress arrive on the main thread."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from upw_ttg.errors import UpwError

from ui.errors import show_error

PROGRESS_DELAY_MS = 500
_running: set[BackgroundTask] = set()
# Abandoned tasks whose worker may still be running: kept until it reports, so the objects it
# emits through are never deleted under it.
_abandoned: set[BackgroundTask] = set()
# Tasks that have just reported: kept until control is back in the event loop, because the
# last reference to a task is often dropped inside its own slot, and a QObject deleted while
# Qt is still delivering its event crashes the process.
_retiring: list[BackgroundTask] = []


def _retire(task: BackgroundTask) -> None:
    if not _retiring:
        QTimer.singleShot(0, _retiring.clear)
    _retiring.append(task)
_writer: QThreadPool | None = None


class _GuiThreadCollector(QObject):
    """Python's cycle collector runs on whichever thread happens to allocate: run on a worker,
    it frees windows and Qt objects there, and Qt crashes. Once work runs on workers, the
    automatic collector is off and this timer on the GUI thread collects by the same rule."""

    INTERVAL_MS = 250

    def __init__(self) -> None:
        super().__init__()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> None:
        if _held_for_freezing:
            return
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if old > third:
            gc.collect(2)
        elif middle > second:
            gc.collect(1)
        elif young > first:
            gc.collect(0)


_collector: _GuiThreadCollector | None = None
# While modules load on a worker to be frozen afterwards, the collector waits: collecting the
# young generations full of their objects took 100 ms and more on the GUI thread, for nothing.
_held_for_freezing = 0
_hold_lock = threading.Lock()


# Held by a worker importing modules that are loaded late (the areas and their services):
# their packages import each other, and two threads importing such a cycle from both ends fail.
late_imports = threading.RLock()


def import_late(load: Callable[[], Any]) -> Any:
    """``load()`` (on a worker) with the late imports to itself."""
    with late_imports:
        return load()


def freeze_long_lived() -> None:
    """Leave what is alive now (modules, classes, the main window) out of the collector's
    passes: a full pass over all of it takes 100 ms and more on the GUI thread."""
    gc.freeze()


def load_then_freeze(load: Callable[[], Any], parent: QWidget | None = None) -> BackgroundTask:
    """Run ``load()`` (imports of long-lived modules) on a worker with the collector held,
    then freeze what it left alive and let the collector go on.

    The worker itself lets go, whatever happens to the task: a window closed while it loads
    abandons the task (its callbacks never run), and a hold left behind would stop the
    collector for the rest of the session. Freezing collects nothing, so it is safe there.
    """
    global _held_for_freezing
    with _hold_lock:
        _held_for_freezing += 1

    def work() -> Any:
        global _held_for_freezing
        try:
            return import_late(load)
        finally:
            freeze_long_lived()
            with _hold_lock:
                _held_for_freezing -= 1

    return run_in_background(work, _ignore, _ignore, parent=parent)


def _ignore(_result: object) -> None:
    return None


def writer_pool() -> QThreadPool:
    """The one thread that saves: SQLite takes one writer at a time, so writes queue here in
    the order the user made them instead of waiting on the database's lock."""
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setMaxThreadCount(1)
    return _writer


class TaskControl:
    """Handed to a task that reports progress; thread-safe."""

    def __init__(self, signals: _WorkerSignals):
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Report ``done`` of ``total`` steps with a short description."""
        self._signals.progress.emit(int(done), int(total), str(text))

    def cancelled(self) -> bool:
        """True once the user pressed Cancel; the task should stop and raise."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _WorkerSignals(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Worker(QRunnable):
    def __init__(self, fn: Callable[..., Any], control: TaskControl | None,
                 signals: _WorkerSignals):
        super().__init__()
        self._fn: Callable[..., Any] | None = fn
        self._control = control
        self._signals = signals

    def run(self) -> None:
        # The work (often a closure over a window) is let go of here, before reporting: the
        # task on the GUI thread holds it too, so it is never freed on this thread (a widget
        # deleted on a worker thread crashes Qt).
        fn, control = self._fn, self._control
        self._fn = self._control = None
        if fn is None:  # a runnable runs once
            return
        try:
            result = fn(control) if control is not None else fn()
        except BaseException as exc:
            del fn, control
            self._signals.failed.emit(exc)
        else:
            del fn, control
            self._signals.finished.emit(result)


class BackgroundTask(QObject):
    """One piece of work in the thread pool; lives on the main thread and owns the progress.

    The task function must not touch widgets. It gets its own database sessions through the
    services (each service call opens and closes one), so no session crosses threads.
    """

    done = Signal()

    def __init__(self, fn: Callable[..., Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None] | None,
                 progress_label: str | None, parent: QWidget | None, with_progress: bool,
                 on_cancelled: Callable[[], None] | None):
        super().__init__()
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._label = progress_label
        self._parent = parent
        # A child of the task, so it is deleted with the task on this thread, never by the
        # worker thread dropping the last reference.
        self._signals = _WorkerSignals(self)
        self.control = TaskControl(self._signals) if with_progress else None
        self._dialog: QProgressDialog | None = None
        self._last: tuple[int, int, str] = (0, 0, "")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.finished_running = False
        self._abandoned = False
        self._signals.finished.connect(self._on_worker_finished)
        self._signals.failed.connect(self._on_worker_failed)
        self._signals.progress.connect(self._on_worker_progress)

    def start(self, pool: QThreadPool | None = None) -> None:
        _running.add(self)
        if self._label:
            self._timer.start(PROGRESS_DELAY_MS)
        (pool or QThreadPool.globalInstance()).start(_Worker(self._fn, self.control,
                                                             self._signals))

    def cancel(self) -> None:
        """Ask the task to stop (only tasks that report progress can)."""
        if self.control is None:
            return
        self.control.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText("Stopping…")

    def abandon(self) -> None:
        """Cancel if possible, and let no result or failure reach a window any more."""
        if self.control is not None:
            self.control.cancel()
        self._abandoned = True
        self._finish()
        _abandoned.add(self)

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self.finished_running:
            return
        cancel_text = "Cancel" if self.control is not None else ""
        dialog = QProgressDialog(self._label or "", cancel_text, 0, 0, self._parent)
        dialog.setWindowTitle("Please wait")
        dialog.setWindowModality(Qt.WindowModality.WindowModal if self._parent is not None
                                 else Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(380)
        if self.control is None:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._apply_progress()
        dialog.show()

    @Slot(int, int, str)
    def _on_worker_progress(self, done: int, total: int, text: str) -> None:
        if self._abandoned:
            return
        self._last = (done, total, text)
        self._apply_progress()

    def _apply_progress(self) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        done, total, text = self._last
        dialog.setMaximum(max(total, 0))
        # A modal progress dialog processes events inside setValue, where the task may finish
        # and close the dialog; so look again before touching it.
        dialog.setValue(min(done, total) if total > 0 else 0)
        if self._dialog is not dialog:
            return
        if text and (self.control is None or not self.control.cancelled()):
            dialog.setLabelText(f"{self._label}\n{text}" if self._label else text)

    def _finish(self) -> None:
        self.finished_running = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        _running.discard(self)
        self.done.emit()

    @Slot(object)
    def _on_worker_finished(self, result: object) -> None:
        _retire(self)
        if self._abandoned:
            _abandoned.discard(self)
            return
        self._finish()
        self._on_success(result)

    @Slot(object)
    def _on_worker_failed(self, exc: BaseException) -> None:
        _retire(self)
        if self._abandoned:
            _abandoned.discard(self)
            return
        self._finish()
        if self.control is not None and self.control.cancelled():
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        if self._on_failure is not None:
            self._on_failure(exc)
        else:
            report_failure(self._parent, "The task could not be finished.", exc)


def report_failure(parent: QWidget | None, text: str, exc: BaseException) -> None:
    """Show an expected error in plain words; hand anything else to the crash handler."""
    if isinstance(exc, UpwError):
        show_error(parent, text, str(exc))
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def run_in_background(fn: Callable[..., Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None] | None = None,
                      progress_label: str | None = None, *, parent: QWidget | None = None,
                      with_progress: bool = False,
                      on_cancelled: Callable[[], None] | None = None,
                      pool: QThreadPool | None = None) -> BackgroundTask:
    """Run ``fn`` in the thread pool and call back on the main thread.

    Args:
        fn: The work. Called as ``fn()``, or ``fn(control)`` with ``with_progress``, where
            ``control.report(done, total, text)`` reports and ``control.cancelled()`` says
            whether to stop.
        on_success: Called with ``fn``'s result.
        on_failure: Called with the exception; by default a ``UpwError`` is shown with
            ``show_error`` and anything else goes to the crash handler.
        progress_label: If given, a progress dialog with this text appears when the work
            takes longer than half a second (with Cancel if ``with_progress``).
        parent: The window the progress dialog and errors belong to.
        with_progress: Pass a ``TaskControl`` to ``fn`` and offer Cancel.
        on_cancelled: Called instead of ``on_failure`` when the user cancelled.
        pool: The thread pool (the global one by default).

    Returns:
        The running task.
    """
    global _gui_caller, _collector
    if _gui_caller is None:
        _gui_caller = _GuiCaller()  # made here, on the GUI thread, so its slot runs there
    if _collector is None:
        _collector = _GuiThreadCollector()
    _closing.clear()
    task = BackgroundTask(fn, on_success, on_failure, progress_label, parent, with_progress,
                          on_cancelled)
    task.start(pool)
    return task


def finish_all_tasks(timeout_ms: int = 30_000) -> bool:
    """Before quitting: ask every task to stop, wait for the pool's threads, drop callbacks.

    A worker thread still running Python while the interpreter shuts down, or emitting to a
    deleted object, crashes the process; so the application waits here for them (a task that
    cannot be cancelled, such as a document being rendered, takes a second or two at most).

    Returns:
        True if every thread finished within ``timeout_ms``.
    """
    _closing.set()
    for task in list(_running):
        task.abandon()
    finished = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if _writer is not None:
        finished = _writer.waitForDone(timeout_ms) and finished
    _running.clear()
    if finished:
        _abandoned.clear()
        _retiring.clear()
    return finished


class TaskAbandoned(Exception):
    """The application is closing: a question a worker asked will not be answered."""


class _GuiCaller(QObject):
    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, job: Callable[[], None]) -> None:
        job()


_gui_caller: _GuiCaller | None = None
_closing = threading.Event()


def on_gui_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on the GUI thread and return its result, from a worker or the GUI thread.

    For a save that must ask the user something half-way (the bookings a change would
    break): the worker waits for the answer. If the application closes first, the worker
    gets ``TaskAbandoned`` instead of waiting for ever.
    """
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is app.thread():
        return fn()
    if _gui_caller is None:
        raise TaskAbandoned()
    answered = threading.Event()
    outcome: dict[str, Any] = {}

    def job() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            answered.set()

    _gui_caller.call.emit(job)
    while not answered.wait(0.05):
        if _closing.is_set():
            raise TaskAbandoned()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def running_tasks() -> int:
    """How many tasks have not yet reported back (tests wait for 0)."""
    return len(_running)
