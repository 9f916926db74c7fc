"""The main window's account commands: change password, lock, and signing out with the forms
still open (kept apart so the window module stays a frame)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ui.changes import announce
from ui.dialogs.change_password import ChangePasswordDialog
from ui.dialogs.form_dialog import FormDialog

if TYPE_CHECKING:
    from upw_ttg.bootstrap import AppServices

    from ui.window_lock import WindowLock


class SigningOut(QMainWindow):
    """The main window's base, which provides ``lock``, ``_services`` and ``_may_leave``."""

    if TYPE_CHECKING:
        _services: AppServices
        lock: WindowLock
        signed_out: bool

        def _may_leave(self) -> bool: ...

    @Slot()
    def change_password(self) -> None:
        self.password_dialog = ChangePasswordDialog(self._services.staff, self)
        self.password_dialog.saved.connect(
            lambda _none: announce("Your password has been changed."))
        self.password_dialog.open()

    @Slot()
    def lock_now(self) -> None:
        self.lock.lock()

    def open_forms(self) -> list[FormDialog]:
        """Forms still open, shown or hidden by the lock (their unsaved input would be lost)."""
        windows = set(QApplication.topLevelWidgets()) | set(self.lock.hidden_windows())
        return [w for w in windows if isinstance(w, FormDialog)
                and (w.isVisible() or w in self.lock.hidden_windows())]

    def confirm_sign_out(self, forms: int) -> bool:
        """Ask before closing forms with unsaved input (tests patch this)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Sign out",
                          f"{forms} form{'s are' if forms != 1 else ' is'} still open. Signing "
                          "out closes them and anything not saved in them is lost.",
                          QMessageBox.StandardButton.Cancel, self)
        sign_out = box.addButton("Sign &out", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is sign_out

    @Slot()
    def sign_out(self) -> None:
        """File ▸ Sign out: as closing the window, then back to the sign-in window."""
        forms = self.open_forms()
        if forms and not self.confirm_sign_out(len(forms)):
            return
        if not self._may_leave():
            return
        self._finish_sign_out()

    @Slot()
    def sign_out_from_lock(self) -> None:
        """Sign out while locked (someone else needs the computer): nothing is shown or
        saved on the locked user's behalf, so forms left open are closed unsaved."""
        forms = self.open_forms()
        if forms and not self.confirm_sign_out(len(forms)):
            return
        self._finish_sign_out()

    def _finish_sign_out(self) -> None:
        self.signed_out = True
        self.lock.stop()
        for widget in [*self.lock.hidden_windows(), *QApplication.topLevelWidgets()]:
            if widget is not self and widget.isWindow():
                widget.close()
        self._services.staff.sign_out()
        self.close()

