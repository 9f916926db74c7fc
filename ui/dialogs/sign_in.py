"""Signing in, and setting up the first administrator on a new database.

The sign-in window is the first thing on screen, shown before the data layer has loaded: this
module imports nothing of it at the top, and the window takes its staff service when the
database is open (``attach``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from upw_ttg import APP_TITLE
from upw_ttg.errors import SignInError, UpwError

from ui.dialogs.form_dialog import FormDialog

if TYPE_CHECKING:
    from upw_ttg.records.staff import NewStaff, StaffMember
    from upw_ttg.services.staff import StaffService

    from ui.dialogs.change_password import ChangePasswordDialog

# How long a sign-in waits for the database to open before saying so.
OPEN_WAIT_S = 120.0


def _subtitle(heading: QVBoxLayout) -> QLabel:
    """The subtitle label of a ``_heading``."""
    item = heading.itemAt(1)
    label = item.widget() if item is not None else None
    assert isinstance(label, QLabel)
    return label


def _heading(text: str, subtitle: str) -> QVBoxLayout:
    layout = QVBoxLayout()
    title = QLabel(APP_TITLE)
    title.setObjectName("PageTitle")
    layout.addWidget(title)
    sub = QLabel(subtitle)
    sub.setObjectName("PageSubtitle")
    sub.setWordWrap(True)
    layout.addWidget(sub)
    heading = QLabel(f"<b>{text}</b>")
    layout.addSpacing(6)
    layout.addWidget(heading)
    return layout


class SignInDialog(FormDialog):
    """User name and password; the service's message (wrong password, slowed down) is shown.

    Enter signs in; Esc closes the dialog, which quits the application.
    """

    SAVING_TEXT = "Signing in…"
    GETTING_READY_TEXT = "Getting ready… You are signed in as soon as the database is open."

    def __init__(self, staff: StaffService | None, database: str, username: str = "",
                 hint: str | None = None, parent: QWidget | None = None):
        super().__init__(f"Sign in – {APP_TITLE}", None, parent, save_text="&Sign in")
        self._staff = staff
        self._opened = threading.Event()
        self._open_error: UpwError | None = None
        if staff is not None:
            self._opened.set()
        self.banner.prefixes = False
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("&Quit")
        heading = _heading("Sign in", f"Database: {database}" if staff is not None
                           else "Opening the database…")
        self.database_label = _subtitle(heading)
        self.header.addLayout(heading)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.username = QLineEdit(username)
        self.username.setMaxLength(40)
        self.fields.add_row(form, "username", "&User name", self.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        self.fields.add_row(form, "password", "&Password", self.password)
        self.body.addLayout(form)
        self.hint = QLabel(hint or "")
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setVisible(bool(hint))
        self.body.addWidget(self.hint)
        self.setMinimumWidth(440)
        self.change_dialog: ChangePasswordDialog | None = None
        self._tried: tuple[str, str] = ("", "")
        (self.password if username else self.username).setFocus()

    def collect(self) -> tuple[str, str]:
        return self.username.text(), self.password.text()

    def attach(self, staff: StaffService, database: str) -> None:
        """The database is open: sign-ins typed meanwhile go ahead."""
        self._staff = staff
        self.database_label.setText(f"Database: {database}")
        self._opened.set()
        if self.saving and self.banner.property("kind") == "info":
            self.banner.show_message(self.SAVING_TEXT, "info")

    def open_failed(self, error: UpwError) -> None:
        """The database could not be opened, or this window is not the one that signs in
        (a new database sets up its first administrator): a sign-in waiting is told so, and
        the writer thread it holds is let go."""
        self._open_error = error
        self._opened.set()

    @property
    def ready(self) -> bool:
        """True once the database is open (or failed to open): a sign-in goes ahead at once."""
        return self._opened.is_set()

    @Slot()
    def submit(self) -> None:
        super().submit()
        if self.saving and not self.ready:  # no need to wait for the usual note's delay
            self._show_saving_note()

    def _show_saving_note(self) -> None:
        # Sent before the database was open: say why it takes longer than a sign-in.
        if self.saving:
            self.banner.show_message(self.SAVING_TEXT if self.ready
                                     else self.GETTING_READY_TEXT, "info")
            self.fit_contents()

    def save(self, data: tuple[str, str]) -> StaffMember:
        # On the writer thread: the password hash takes a while on purpose, and a sign-in
        # typed before the database was open waits here for it.
        self._tried = data
        if not self._opened.wait(OPEN_WAIT_S):
            raise SignInError("The database is still opening. Wait a moment and try again.")
        if self._open_error is not None or self._staff is None:
            raise self._open_error or SignInError("The database could not be opened.")
        return self._staff.sign_in(*data)

    def after_failed_save(self, exc: UpwError) -> None:
        from upw_ttg.services.staff import PasswordChangeRequired

        if isinstance(exc, PasswordChangeRequired):
            self._ask_new_password(*self._tried)
        elif isinstance(exc, SignInError):
            self.password.clear()
            self.password.setFocus()

    def _ask_new_password(self, username: str, temporary: str) -> None:
        """The second step after a reset: a new password, which then signs in."""
        from ui.dialogs.change_password import ChangePasswordDialog

        assert self._staff is not None
        self.change_dialog = ChangePasswordDialog(self._staff, self, username=username,
                                                  temporary=temporary)
        self.change_dialog.saved.connect(self._on_password_changed)
        self.change_dialog.open()

    def _on_password_changed(self, member: StaffMember) -> None:
        self.result_record = member
        self.saved.emit(member)
        self.accept()


class FirstAdministratorDialog(FormDialog):
    """Creates the first account, an administrator, on a database that has no staff yet."""

    def __init__(self, staff: StaffService, database: str, parent: QWidget | None = None):
        from upw_ttg.domain.codes import Gender

        from ui.dialogs.person_dialog import enum_combo
        from ui.dialogs.staff_dialog import password_pair

        super().__init__(f"Set up – {APP_TITLE}", None, parent, save_text="&Create and sign in")
        self._staff = staff
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("&Quit")
        self.buttons.rejected.disconnect(self.reject)
        self.buttons.rejected.connect(self.ask_quit)
        self.header.addLayout(_heading(
            "Set up the first administrator",
            f"This database has no staff accounts yet: {database}. The first account is an "
            "administrator, who can then add everyone else."))
        f = self.fields
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.username = QLineEdit()
        self.username.setMaxLength(40)
        self.username.setPlaceholderText("e.g. jsmith")
        f.add_row(form, "username", "&User name", self.username)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(60)
        f.add_row(form, "full_name", "&Full name", self.full_name)
        self.password, self.password_again = password_pair(self, form)
        self.gender = enum_combo(Gender, Gender.NOT_STATED)
        f.add_row(form, "gender", "G&ender", self.gender,
                  hint="Asked because some people on orders must not be supervised by a man "
                       "(or by a woman): placements check it for staff who supervise. "
                       "“Not stated” is fine.")
        self.body.addLayout(form)
        self.setMinimumWidth(520)
        self.username.setFocus()

    def collect(self) -> NewStaff:
        from upw_ttg.records.staff import NewStaff

        # The service checks the two passwords with everything else: all problems at once.
        return NewStaff(username=self.username.text(), full_name=self.full_name.text(),
                        gender=self.gender.currentData(), password=self.password.text(),
                        password_again=self.password_again.text())

    def save(self, data: NewStaff) -> StaffMember:
        return self._staff.create_first_administrator(data)

    def ask_quit(self) -> None:
        """Esc or Quit: ask first when something has been typed, so it is not lost."""
        typed = any(w.text() for w in (self.username, self.full_name, self.password,
                                       self.password_again))
        if typed and not self.confirm_quit():
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.ask_quit()
            return
        super().keyPressEvent(event)

    def confirm_quit(self) -> bool:
        """Ask before quitting set-up (tests answer for the user)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Quit set-up?",
                          "Quit without creating the administrator? What you typed is lost, "
                          "and set-up starts again next time.",
                          QMessageBox.StandardButton.NoButton, self)
        stay = box.addButton("&Go back to the form", QMessageBox.ButtonRole.RejectRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.exec()
        return box.clickedButton() is not stay
