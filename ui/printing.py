"""Rendering a document off the main thread, then showing it in the print preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from ui.changes import Subject, publish
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.tasks import BackgroundTask, TaskControl, report_failure, run_in_background

Opened = Callable[[PrintPreviewDialog], None]


def preview_document(parent: QWidget, render: Callable[..., bytes], title: str,
                     file_name: str, *, progress_label: str | None = None,
                     with_progress: bool = False, opened: Opened | None = None
                     ) -> BackgroundTask:
    """Run ``render`` (``render(control)`` with progress) in the background, then preview it.

    Args:
        parent: The window the preview belongs to.
        render: Returns the PDF bytes.
        title: The preview's title, e.g. 'Appointment letter – Siân Jones'.
        file_name: The name suggested when saving.
        progress_label: The progress dialog's text.
        with_progress: Pass a ``TaskControl`` to ``render`` and offer Cancel.
        opened: Called with the preview once it is shown (screens keep it; tests check it).
    """
    def done(pdf: bytes) -> None:
        preview = PrintPreviewDialog(pdf, title, file_name, parent)
        preview.open()
        if opened is not None:
            opened(preview)

    def failed(exc: BaseException) -> None:
        report_failure(parent, f"The {title.split(' – ')[0].lower()} could not be prepared.",
                       exc)

    if with_progress:
        def work(control: TaskControl) -> bytes:
            return render(control)
        return run_in_background(work, done, failed, progress_label or f"Preparing {title}…",
                                 parent=parent, with_progress=True)
    return run_in_background(render, done, failed, progress_label or f"Preparing {title}…",
                             parent=parent)


class PdfPrinter:
    """Renders a PDF in the background, then opens the print preview; one at a time.

    ``preview`` holds the last preview dialog (tests read it).
    """

    def __init__(self, parent: QWidget):
        self._parent = parent
        self.preview: PrintPreviewDialog | None = None
        self.task: BackgroundTask | None = None

    def busy(self) -> bool:
        return self.task is not None and not self.task.finished_running

    def run(self, render: Callable[[], bytes], title: str, file_name: str, label: str, *,
            button: QPushButton | None = None, failure: str = "The document could not be "
            "prepared.", on_shown: Callable[[], None] | None = None,
            letter_for: int | None = None) -> None:
        """Render in the background, then preview; ``letter_for`` names the person whose
        letter this is, so their record, if open, lists the print."""
        if self.busy():
            return
        if button is not None:
            button.setEnabled(False)

        def done(pdf: bytes) -> None:
            if button is not None:
                button.setEnabled(True)
            self.show(pdf, title, file_name)
            if letter_for is not None:
                publish(Subject.LETTER, person_ids=[letter_for])
            if on_shown is not None:
                on_shown()

        def failed(exc: BaseException) -> None:
            if button is not None:
                button.setEnabled(True)
            report_failure(self._parent, failure, exc)

        self.task = run_in_background(render, done, failed, label, parent=self._parent)

    def show(self, pdf: bytes, title: str, file_name: str) -> None:
        self.preview = PrintPreviewDialog(pdf, title, file_name, self._parent)
        self.preview.open()
