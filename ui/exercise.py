"""A scripted tour for the launch-and-quit test: every area and tab, a printout, then quit.

Started by the hidden ``--exercise PDF`` option on a database holding the demo data. It signs
in as the demo administrator, opens every area and every tab in it, a plan and a person,
prints a travel warrant to ``PDF`` through the print preview, and closes the main window while
a case summary is still being prepared, the way a user quits in a hurry. Unexpected errors
are counted, so the process can exit non-zero.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QTabWidget

from ui.dialogs.print_preview import PrintPreviewDialog
from ui.main_window import MainWindow
from ui.tasks import running_tasks

POLL_MS = 20
STEP_TIMEOUT_S = 90.0
EXIT_FAILED = 3
_log = logging.getLogger(__name__)
Condition = Callable[[], bool]


class Tour(QObject):
    """Drives ``window`` through a script; each step waits for the application to be idle."""

    def __init__(self, window: MainWindow, pdf_path: Path):
        super().__init__(window)
        self._window = window
        self._pdf_path = pdf_path
        self._script: Iterator[Condition] = self._steps()
        self._waiting: Condition = lambda: True
        self._since = time.monotonic()
        self.failures: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._previous_hook = sys.excepthook

    def start(self) -> None:
        sys.excepthook = self._on_unexpected_error
        self._timer.start()

    def _on_unexpected_error(self, exc_type, exc, tb) -> None:
        self.failures.append(f"unexpected {exc_type.__name__}")
        self._previous_hook(exc_type, exc, tb)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._waiting():
            if time.monotonic() - self._since > STEP_TIMEOUT_S:
                self._fail("a step did not finish in time")
            return
        try:
            self._waiting = next(self._script)
        except StopIteration:
            self._timer.stop()
            return
        except Exception as exc:
            _log.exception("The tour failed")
            self._fail(f"{type(exc).__name__}: {exc}")
            return
        self._since = time.monotonic()

    def _fail(self, why: str) -> None:
        self.failures.append(why)
        self._timer.stop()
        QApplication.closeAllWindows()
        QApplication.exit(EXIT_FAILED)

    # Conditions ---------------------------------------------------------------------------

    @staticmethod
    def _idle() -> bool:
        return running_tasks() == 0

    def _preview_open(self) -> bool:
        return self._idle() and self._preview() is not None

    def _preview(self) -> PrintPreviewDialog | None:
        for preview in self._window.findChildren(PrintPreviewDialog):
            if preview.isVisible():
                return preview
        return None

    # The script ---------------------------------------------------------------------------

    def _steps(self) -> Iterator[Condition]:
        window = self._window
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            yield self._idle
            area = window.stack.currentWidget()
            for tabs in area.findChildren(QTabWidget) if area is not None else ():
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    yield self._idle
        yield from self._open_a_plan()
        yield from self._open_a_person()
        yield from self._print_a_warrant()
        # Quit while a document (the case summary) is still being prepared in the background.
        window.person_page.print_case_summary()
        window.close()

    def _open_a_plan(self) -> Iterator[Condition]:
        area = self._window.ttg_area
        if area is None:
            return
        caseload = self._window._services.caseload.caseload()
        rows = caseload.due_a_plan + caseload.plans_overdue + caseload.releases_within_24_weeks
        if rows:
            self._window.open_plan(rows[0].episode_id)
            yield self._idle
            self._window.show_ttg()
            yield self._idle
            area.show_caseload()
            yield self._idle

    def _open_a_person(self) -> Iterator[Condition]:
        people = self._window._services.people.list_page(0, 1)
        if not people:
            raise AssertionError("the tour needs the demo data")
        self._window.open_person(people[0].id)
        yield self._idle

    def _print_a_warrant(self) -> Iterator[Condition]:
        self._window.show_scheduling()
        yield self._idle
        area = self._window.scheduling_area()
        area.show_page(area.WARRANTS)
        page = area.warrants
        page.show_button.click()
        yield self._idle
        if page.proxy.rowCount() == 0:
            raise AssertionError("the demo data has no travel warrant to print")
        page.table.selectRow(0)
        page.print_warrant()
        yield self._preview_open
        self._print_preview(self._pdf_path)
        yield self._idle

    def _print_preview(self, target: Path) -> None:
        preview = self._preview()
        assert preview is not None
        # Screen resolution: the same painting as on paper, in a fraction of the time.
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        pages = preview.print_to(printer)
        del printer  # the PDF is complete only once the printer is gone
        if pages < 1 or not target.exists() or target.stat().st_size == 0:
            raise AssertionError(f"nothing was printed to {target.name}")
        preview.reject()
