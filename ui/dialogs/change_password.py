"""Changing a password: your own from the File menu, after a reset at sign-in, or an
administrator's reset of someone else's."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from upw_ttg.records.staff import AccountRow, StaffMember
from upw_ttg.services.staff import StaffService

from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.staff_dialog import check_passwords, password_pair


class ChangePasswordDialog(FormDialog):
    """The signed-in user's current password, then the new one twice.

    With ``username`` and ``temporary`` it is the second step of signing in after an
    administrator's reset: only the new password is asked for, and saving signs in.
    """

    def __init__(self, staff: StaffService, parent: QWidget | None = None, *,
                 username: str | None = None, temporary: str | None = None):
        self._forced = username is not None
        if self._forced:
            title, intro, button = (
                "Choose a new password",
                "An administrator has reset your password. Choose a new one that only you "
                "know; you will use it from now on.", "Change and &sign in")
        else:
            title, intro, button = (
                "Change your password",
                "Enter the password you use now, then the new one twice. Other people who are "
                "signed in are not affected.", "&Change password")
        super().__init__(title, intro, parent, save_text=button)
        self._staff = staff
        self._username = username
        self._temporary = temporary
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setMaxLength(200)
        if not self._forced:
            self.fields.add_row(form, "current_password", "&Current password", self.current)
        self.password, self.password_again = password_pair(self, form, "&New password")
        self.body.addLayout(form)
        self.setMinimumWidth(480)
        (self.password if self._forced else self.current).setFocus()

    def collect(self) -> tuple[str, str]:
        check_passwords(self.password, self.password_again)
        return self.current.text(), self.password.text()

    def save(self, data: tuple[str, str]) -> StaffMember | None:
        current, new = data
        if self._forced:
            assert self._username is not None and self._temporary is not None
            return self._staff.sign_in(self._username, self._temporary, new)
        self._staff.change_password(current, new)
        return None


class ResetPasswordDialog(FormDialog):
    """An administrator gives someone a temporary password they must change at sign-in."""

    def __init__(self, staff: StaffService, account: AccountRow, parent: QWidget | None = None):
        member = account.member
        super().__init__(
            f"Reset the password of {member.full_name}",
            f"{member.full_name} ({member.username}) signs in next with this temporary "
            "password and must then choose their own. Tell them in person, not by email.",
            parent, save_text="&Reset password")
        self._staff = staff
        self._account = account
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.password, self.password_again = password_pair(self, form, "&Temporary password")
        self.body.addLayout(form)
        self.setMinimumWidth(500)
        self.password.setFocus()

    def collect(self) -> str:
        check_passwords(self.password, self.password_again)
        return self.password.text()

    def save(self, data: str) -> AccountRow:
        return self._staff.reset_password(self._account.member.id, self._account.version, data)
