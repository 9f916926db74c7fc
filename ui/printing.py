"""Rendering a document off the main thread, then showing it in the print preview."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

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
