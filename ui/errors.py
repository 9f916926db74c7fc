"""Showing problems: ``show_error`` for expected ones, the crash dialog and hook for bugs."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

_log = logging.getLogger("ui.crash")
_state: dict[str, object] = {"log_path": None, "showing": False}


def show_error(parent: QWidget | None, text: str, informative: str | None = None,
               detailed: str | None = None, *, wait: bool = False) -> QMessageBox:
    """Tell the user about a problem they can act on.

    Args:
        parent: The window the message belongs to.
        text: One sentence: what went wrong.
        informative: What it means or what to do next.
        detailed: Extra text behind a "Show details" button.
        wait: Block until the user closes it (only before the main window exists).

    Returns:
        The message box (already shown).
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Problem")
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detailed:
        box.setDetailedText(detailed)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if wait:
        box.exec()
    else:
        box.open()
    return box


class CrashDialog(QDialog):
    """Says an unexpected problem happened, where the log is, and shows the details."""

    def __init__(self, summary: str, details: str, log_path: Path | None, incident: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setMinimumWidth(560)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        where = (f"The details are in the log file:<br><b>{log_path}</b>" if log_path
                 else "The details could not be written to a log file.")
        self.message = QLabel(
            "<p><b>The application hit a problem it did not expect.</b></p>"
            f"<p>{_escape(summary)}</p>"
            "<p>What you were doing may not have finished. Records you saved before this "
            "are safe. You can carry on working; if the problem comes back, restart the "
            "application and tell your administrator the incident number.</p>"
            f"<p>Incident number: <b>{incident}</b><br>{where}</p>")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Technical details")
        self.details.setVisible(False)
        self.details.setMinimumHeight(200)
        self.toggle = QPushButton("Show &details")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        copy = QPushButton("&Copy details")
        copy.clicked.connect(self._on_copy_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def _on_toggle_toggled(self, checked: bool) -> None:
        self.details.setVisible(checked)
        self.toggle.setText("Hide &details" if checked else "Show &details")
        self.adjustSize()

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_crash_dialog(summary: str, details: str, log_path: Path | None,
                      incident: str) -> QDialog | None:
    """Show the crash dialog over the active window without blocking (tests patch this)."""
    if QApplication.instance() is None:
        return None
    dialog = CrashDialog(summary, details, log_path, incident, QApplication.activeWindow())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(_on_crash_dialog_finished)
    _state["showing"] = True
    dialog.open()
    return dialog


def _on_crash_dialog_finished(_result: int) -> None:
    _state["showing"] = False


def handle_exception(exc_type: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
    """Log an unexpected exception and show the crash dialog; the application keeps running."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    # Eight random hex digits (uuid, and the platform module it loads, cost the sign-in
    # window a few milliseconds at start-up).
    incident = os.urandom(4).hex().upper()
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    _log.error("Unexpected error, incident %s", incident, exc_info=(exc_type, exc, tb))
    if _state["showing"]:
        return  # one dialog at a time; the log has every incident
    log_path = _state["log_path"]
    summary = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    try:
        show_crash_dialog(summary, details, log_path if isinstance(log_path, Path) else None,
                          incident)
    except Exception:
        _log.exception("The crash dialog could not be shown")


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = getattr(args.thread, "name", "?")
    if args.exc_value is None:  # only the type is known: there is no traceback to log
        _log.error("Unexpected error %s in thread %s", args.exc_type.__name__, name)
        return
    _log.error("Unexpected error in thread %s", name,
               exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install_excepthook(log_path: Path | None) -> None:
    """Route every uncaught exception (slots, timers, threads) to the log and the dialog."""
    _state["log_path"] = log_path
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
