"""The Help menu: keyboard shortcuts, what the screen in front of you is for, where the data
and logs are kept, and About."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
)

from upw_ttg import APP_TITLE, __version__

from ui.resources import icon

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# What each area is for, in the words of the people who use it.
SCREEN_PURPOSES = {
    "people": ("People", "Find a person by CRN, name, date of birth or prison number, and open "
               "their record. The record's Overview shows their sessions, hours still to do "
               "and everything that has happened on the case; each line opens where it is "
               "changed."),
    "person": ("A person's record", "Overview: sessions to come and past with outcomes, hours "
               "still to do and a timeline. Details: who they are and how to reach them. UPW "
               "orders: hours, deadline and extensions. Custody: prison, dates and the "
               "resettlement worker."),
    "settings": ("Settings", "The rules' numbers (deadlines, limits) that the service "
                 "decides; only an administrator may change them."),
    "staff": ("Staff", "Accounts and roles: add staff, reset passwords, give or take roles."),
    "ttg": ("Through the Gate", "The caseload: who is due a plan, whose plan is late, who is "
            "near release, and who has no resettlement worker yet (Not assigned). Open a "
            "person's plan to work on it; the list of what is missing follows your answers."),
    "scheduling": ("Scheduling", "The week planner, the waiting list, bookings that break a "
                   "rule, projects and sessions, and travel warrants. Print a day's paper "
                   "(Ctrl+Shift+P) prints tomorrow's work sheets, manifests and letters."),
    "attendance": ("Attendance", "Key the registers, follow up outstanding outcomes, decide "
                   "on enforcement, see forecasts and print the day's work sheets."),
}
# Keys that work on many screens, beside the menus' own shortcuts.
GENERAL_KEYS = (
    ("F5", "Read the screen again"),
    ("Alt+Down or F4", "Open the calendar of a date box"),
    ("Alt+Left", "Back (from a record or plan to its list)"),
    ("F6", "In a plan: move between the section list and the page"),
    ("Ctrl+Page Down / Page Up", "In a plan: next or previous section"),
    ("Alt + underlined letter", "The button, field or tab with that letter"),
)


class HelpMenuParts:
    """What the Help menu keeps on the main window (tests reach the boxes through these)."""

    shortcuts_action: QAction
    purpose_action: QAction
    data_action: QAction
    about_action: QAction
    help_box: QDialog
    shortcuts_text: QTextBrowser
    about_box: QMessageBox


def build_help_menu(window: MainWindow, menu: QMenu) -> None:
    """Fill the Help menu of ``window``."""
    window.shortcuts_action = window.make_action("&Keyboard shortcuts…", "Ctrl+F1",
                                                 lambda: show_shortcuts(window))
    window.purpose_action = window.make_action("&What is this screen for?", "Shift+F1",
                                               lambda: show_purpose(window))
    window.data_action = window.make_action("&Data folder and logs…", None,
                                            lambda: show_data_folder(window))
    window.about_action = window.make_action("&About", None, lambda: show_about(window))
    for action in (window.shortcuts_action, window.purpose_action, window.data_action):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(window.about_action)


def _box(window: MainWindow, title: str, text: str, informative: str = "") -> QMessageBox:
    box = QMessageBox(window)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.help_box = box
    return box


def shortcut_lines(window: MainWindow) -> list[tuple[str, str]]:
    """Every menu command with a shortcut, then the keys that work on many screens."""
    lines = []
    for action in window.actions():
        keys = action.shortcut()
        if not keys.isEmpty() and action.isEnabled():
            lines.append((keys.toString(QKeySequence.SequenceFormat.NativeText),
                          action.text().replace("&", "").rstrip("…")))
    return sorted(lines, key=lambda line: line[1]) + list(GENERAL_KEYS)


def show_shortcuts(window: MainWindow) -> QDialog:
    """The shortcuts in a window of their own that scrolls (the list is long)."""
    rows = "".join(f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;&nbsp;</td>"
                   f"<td>{html.escape(what)}</td></tr>" for keys, what in shortcut_lines(window))
    dialog = QDialog(window)
    dialog.setWindowTitle("Keyboard shortcuts")
    text = QTextBrowser()
    text.setAccessibleName("Keyboard shortcuts")
    text.setHtml(f"<table cellpadding='2'>{rows}</table>")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text, 1)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    window.help_box = dialog
    window.shortcuts_text = text
    return dialog


def show_purpose(window: MainWindow) -> QMessageBox:
    title, text = SCREEN_PURPOSES[window.current_area()]
    return _box(window, f"What is this screen for? – {title}", f"<b>{html.escape(title)}</b>"
                f"<p>{html.escape(text)}</p>")


def show_data_folder(window: MainWindow) -> QMessageBox:
    location = window.services.location
    box = _box(window, "Data folder and logs",
               "Where this copy of the application keeps its files.",
               f"Database: {html.escape(window.services.database_description())}<br>"
               f"Data folder: {html.escape(str(location.data_dir))}<br>"
               f"Logs: {html.escape(str(location.logs_dir))}<br><br>"
               "Send the newest log file with any problem you report.")
    open_logs = box.addButton("Open the &logs folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    open_logs.clicked.connect(lambda: QDesktopServices.openUrl(
        QUrl.fromLocalFile(str(location.logs_dir))))
    return box


def show_about(window: MainWindow) -> QMessageBox:
    location = window.services.location
    box = _box(window, f"About {APP_TITLE}", f"<b>{APP_TITLE}</b><br>Version {__version__}",
               "Unpaid Work and Through the Gate for probation staff.<br><br>"
               f"Database: {html.escape(window.services.database_description())}<br>"
               f"Data folder: {html.escape(str(location.data_dir))}<br>"
               f"Logs: {html.escape(str(location.logs_dir))}")
    box.setIconPixmap(icon("app.svg").pixmap(64, 64))
    window.about_box = box
    return box
