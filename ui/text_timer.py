"""Texts on a timer: the day's reminders queued and the queue sent in the background."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Slot

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.texts import AutoRunResult

from ui.changes import announce
from ui.tasks import BackgroundTask, run_in_background, writer_pool

_log = logging.getLogger(__name__)
# The first run waits a little after sign-in, so starting the application stays quick.
FIRST_RUN_MS = 2 * 60_000
# After a failed run (the database unreachable), try again this much later.
RETRY_MS = 15 * 60_000


class TextTimer(QObject):
    """Runs ``TextMessageService.run_automatically`` off the screen's thread, on the writers'
    queue (so never beside a Send pressed by hand), then waits the set minutes; a run never
    starts while the last is still going. It shows no dialog: it announces to the status bar
    when texts were sent or failed.
    """

    def __init__(self, services: AppServices, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services  # the texts service loads at the first run, not at start
        self.task: BackgroundTask | None = None
        self.last_result: AutoRunResult | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_now)

    def start(self, first_in_ms: int = FIRST_RUN_MS) -> None:
        self.timer.start(first_in_ms)

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def run_now(self) -> BackgroundTask | None:
        """Start a run unless one is going; None if one is."""
        if self.task is not None and not self.task.finished_running:
            return None
        self.timer.stop()
        self.task = run_in_background(self._services.upw.texts.run_automatically, self._on_done,
                                      self._on_failed, pool=writer_pool())
        return self.task

    def _on_done(self, result: AutoRunResult) -> None:
        self.last_result = result
        sent = result.sent
        if sent is not None and (sent.sent or sent.failed):
            announce(f"Texts sent automatically: {sent.sent} sent, {sent.failed} "
                     f"failed, {sent.waiting} waiting.")
        elif result.queue_problem:
            announce(f"Reminders were not queued: {result.queue_problem}")
        self.timer.start(result.next_in_minutes * 60_000)

    def _on_failed(self, exc: BaseException) -> None:
        # The error's type only: its text may name what it was working on.
        _log.warning("automatic texts run failed: %s", type(exc).__name__)
        announce("Texts could not be sent automatically; they stay in the queue.")
        self.timer.start(RETRY_MS)
