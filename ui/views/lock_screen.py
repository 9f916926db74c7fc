"""The screen shown while the window is locked: no personal data, only the way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg import APP_TITLE
from upw_ttg.errors import SignInError, UpwError
from upw_ttg.services.sign_in import REFUSED
from upw_ttg.services.staff import StaffService

from ui.widgets.banner import Banner


class LockScreen(QWidget):
    """Asks the signed-in user for their password; anyone else must have them sign out first.

    Signals:
        unlocked(): the right password was entered.
        sign_out_requested(): the user chose to sign out instead.
    """

    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, staff: StaffService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self._staff = staff
        card = QFrame()
        card.setObjectName("LockCard")
        card.setMaximumWidth(460)
        title = QLabel(APP_TITLE)
        title.setObjectName("PageTitle")
        heading = QLabel("<b>This window is locked</b>")
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setObjectName("PageSubtitle")
        self.banner = Banner()
        self.banner.prefixes = False
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)
        self.password.setAccessibleName("Password")
        self.password.returnPressed.connect(self.unlock)
        form = QFormLayout()
        password_label = QLabel("&Password")
        password_label.setBuddy(self.password)
        form.addRow(password_label, self.password)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setProperty("primary", "true")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        self.sign_out_button = QPushButton("Sign &out…")
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        note = QLabel("Someone else who needs to work here must wait until you sign out. "
                      "Your open forms and unsaved changes are kept while the window is locked.")
        note.setObjectName("Hint")
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(10)
        inner.addWidget(title)
        inner.addWidget(heading)
        inner.addWidget(self.who)
        inner.addWidget(self.banner)
        inner.addLayout(form)
        inner.addWidget(note)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 1)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def prepare(self, full_name: str, username: str, minutes: int | None) -> None:
        """Show who locked the window (after ``minutes`` idle, or on request) and clear input."""
        reason = (f"after {minutes} minute{'s' if minutes != 1 else ''} without use"
                  if minutes else "on request")
        self.who.setText(f"Locked {reason}. Signed in as {full_name} ({username}): enter your "
                         "password to go on where you left off.")
        self.password.clear()
        self.banner.clear()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def unlock(self) -> None:
        try:
            self._staff.unlock(self.password.text())
        except (SignInError, UpwError) as exc:
            self.password.clear()
            # The service's wording covers a mistyped user name too; here there is none.
            text = "The password is not right." if str(exc) == REFUSED else str(exc)
            self.banner.show_message(text)
            self.password.setFocus()
            return
        self.password.clear()
        self.banner.clear()
        self.unlocked.emit()
