"""Previewing a PDF the application rendered, then printing it or saving it as a file."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Slot
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.files import write_atomically

from ui.errors import show_error

_log = logging.getLogger(__name__)
PRINT_DPI = 300
TITLE_SEPARATOR = " – "


def print_job_name(title: str) -> str:
    """The document kind alone ("Case summary"), never the person's name after the dash.

    Job names show in shared print queues and printer logs, which anyone in the office (and
    the print server's administrators) can read.
    """
    return title.split(TITLE_SEPARATOR, 1)[0].strip() or "Document"


class PrintPreviewDialog(QDialog):
    """Shows every page of ``pdf``; Print… sends it to a printer, Save as PDF… to a file."""

    def __init__(self, pdf: bytes, title: str, suggested_name: str,
                 parent: QWidget | None = None, start_folder: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Print preview – {title}")
        self._pdf = pdf
        self._title = title
        self._suggested = suggested_name
        self._folder = start_folder or Path.home()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Page preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        pages = self.document.pageCount()
        info = QLabel(f"{title} – {pages} page{'s' if pages != 1 else ''}. "
                      "What you see is exactly what will print.")
        info.setObjectName("Hint")
        self.print_button = QPushButton("&Print…")
        self.print_button.setProperty("primary", "true")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button = QPushButton("Save as P&DF…")
        self.save_button.clicked.connect(self._on_save_clicked)
        close = QPushButton("&Close")
        close.clicked.connect(self.reject)
        self.print_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(info, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self._on_print_clicked)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save_clicked)
        self.resize(900, 900)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    # Printing ----------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        """A printer set up for this document, its job named without personal data."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(print_job_name(self._title))
        printer.setFromTo(1, self.page_count)
        return printer

    def ask_printer(self) -> QPrinter | None:
        """The printer the user chose, or None if they cancelled (tests patch this)."""
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print {print_job_name(self._title)}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def print_to(self, printer: QPrinter) -> int:
        """Paint every chosen page into ``printer``; returns the number of pages sent."""
        first, last = printer.fromPage(), printer.toPage()
        if first == 0 and last == 0:
            first, last = 1, self.page_count
        first, last = max(1, first), min(self.page_count, last)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("The printer could not be started.")
        sent = 0
        try:
            for number in range(first, last + 1):
                if sent:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                self._paint_page(painter, number - 1, QRect(0, 0, target.width(),
                                                            target.height()))
                sent += 1
        finally:
            painter.end()
        return sent

    def _paint_page(self, painter: QPainter, index: int, area: QRect) -> None:
        points = self.document.pagePointSize(index)
        scale = min(area.width() / points.width(), area.height() / points.height())
        target = QRect(area.x(), area.y(), int(points.width() * scale),
                       int(points.height() * scale))
        # Render at no more than PRINT_DPI: a 1200 dpi A4 bitmap would need half a gigabyte.
        dpi_scale = min(scale, PRINT_DPI / 72)
        image = self.document.render(index, QSize(int(points.width() * dpi_scale),
                                                  int(points.height() * dpi_scale)))
        painter.drawImage(target, image)

    @Slot()
    def _on_print_clicked(self) -> None:
        printer = self.ask_printer()
        if printer is None:
            return
        try:
            self.print_to(printer)
        except OSError as exc:
            show_error(self, "The document was not printed.", str(exc))

    # Saving ------------------------------------------------------------------------------

    def ask_save_path(self) -> Path | None:
        """Where to save, or None if the user cancelled (tests patch this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save as PDF", str(self._folder / self._suggested), "PDF documents (*.pdf)")
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    @Slot()
    def _on_save_clicked(self) -> None:
        path = self.ask_save_path()
        if path is None:
            return
        try:
            write_atomically(self._pdf, path)
        except OSError as exc:
            show_error(self, "The PDF was not saved.",
                       f"{exc.strerror or exc}. Choose another folder, or free some space.")
            return
        _log.info("Saved a PDF document")
        self.saved_path = path
