"""The Staff page: accounts, roles and last sign-in; administrators add staff, change roles,
reset passwords, and disable or enable accounts."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.errors import UpwError
from upw_ttg.records.staff import AccountRow, StaffMember

from ui.changes import announce
from ui.dialogs.change_password import ResetPasswordDialog
from ui.dialogs.staff_dialog import RolesDialog, StaffDialog
from ui.errors import show_error
from ui.formatting import label
from ui.loading import PageLoader
from ui.models.roles import RowRole
from ui.models.staff_model import AccountTableModel
from ui.models.table_model import RowSortProxy
from ui.permissions import is_administrator
from ui.widgets.role_checks import roles_text
from ui.widgets.tables import fit_columns, make_table, selected_row


class StaffPage(QWidget):
    """Table of staff accounts with Add staff…, Reset password… and Disable/Enable."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.dialog: StaffDialog | RolesDialog | ResetPasswordDialog | None = None
        admin = is_administrator(services.ctx.actor)
        title = QLabel("Staff")
        title.setObjectName("PageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("PageSubtitle")
        self.add_button = QPushButton("&Add staff…")
        self.add_button.setProperty("primary", "true")
        self.add_button.clicked.connect(self.add_staff)
        self.roles_button = QPushButton("Change &roles…")
        self.roles_button.setToolTip("Change the job and roles of the selected member of staff")
        self.roles_button.clicked.connect(self.change_roles)
        self.reset_button = QPushButton("&Reset password…")
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton("&Disable account")
        self.active_button.clicked.connect(self.toggle_active)
        for button in (self.add_button, self.roles_button, self.reset_button,
                       self.active_button):
            button.setVisible(admin)
        self.model = AccountTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Staff")
        self.table.doubleClicked.connect(lambda _index: self.change_roles())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.roles_button)
        top.addWidget(self.reset_button)
        top.addWidget(self.active_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.loader = PageLoader(self, [self.table], "The staff accounts could not be read.")
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the accounts on a worker; the table shows them when they arrive."""
        self.loader.load(self._services.staff.list_accounts,
                         lambda accounts: self._show_accounts(accounts, select_id))

    def _show_accounts(self, accounts: list[AccountRow], select_id: int | None) -> None:
        self.model.set_rows(accounts)
        fit_columns(self.table)
        roles: dict[str, int] = {}
        for account in accounts:
            for role in account.member.roles:
                roles[label(role)] = roles.get(label(role), 0) + 1
        parts = ", ".join(f"{count} {name.lower()}{'s' if count != 1 else ''}"
                          for name, count in sorted(roles.items()))
        disabled = sum(not a.active for a in accounts)
        # A member may hold several roles, so these counts can add up to more than the total.
        self.count_label.setText(
            f"{len(accounts)} account{'s' if len(accounts) != 1 else ''}. Roles held: {parts}."
            + (f" {disabled} disabled." if disabled else ""))
        if select_id is not None:
            self.select_account(select_id)
        self._update_buttons()

    def select_account(self, staff_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            account = self.proxy.index(row, 0).data(RowRole)
            if isinstance(account, AccountRow) and account.member.id == staff_id:
                self.table.selectRow(row)
                return

    def selected_account(self) -> AccountRow | None:
        account = selected_row(self.table)
        return account if isinstance(account, AccountRow) else None

    def _update_buttons(self, *_args: object) -> None:
        account = self.selected_account()
        self.roles_button.setEnabled(account is not None)
        self.reset_button.setEnabled(account is not None)
        is_self = account is not None and account.member.id == self._services.ctx.actor_id
        self.active_button.setEnabled(account is not None and not (is_self and account.active))
        self.active_button.setText("&Enable account" if account is not None
                                   and not account.active else "&Disable account")

    @Slot()
    def add_staff(self) -> None:
        if not is_administrator(self._services.ctx.actor):
            return
        self.dialog = StaffDialog(self._services.staff, self._services.people, self)
        self.dialog.saved.connect(self._on_staff_added)
        self.dialog.open()

    def _on_staff_added(self, member: StaffMember) -> None:
        self.reload(member.id)
        announce(f"Added {member.full_name} ({label(member.role).lower()}).")

    def selected_member(self) -> StaffMember | None:
        account = self.selected_account()
        return account.member if account is not None else None

    @Slot()
    def change_roles(self) -> None:
        member = self.selected_member()
        if member is None or not is_administrator(self._services.ctx.actor):
            return
        self.dialog = RolesDialog(self._services.roles, member, self)
        self.dialog.saved.connect(self._on_roles_changed)
        self.dialog.open()

    def _on_roles_changed(self, member: StaffMember) -> None:
        self.reload(member.id)
        announce(f"{member.full_name} now holds: "
                 f"{roles_text(member.role, member.roles).lower()}.")

    @Slot()
    def reset_password(self) -> None:
        account = self.selected_account()
        if account is None or not is_administrator(self._services.ctx.actor):
            return
        self.dialog = ResetPasswordDialog(self._services.staff, account, self)
        self.dialog.saved.connect(self._on_password_reset)
        self.dialog.open()

    def _on_password_reset(self, account: AccountRow) -> None:
        self.reload(account.member.id)
        announce(f"Reset the password of {account.member.full_name}: they choose a new "
                 "one at their next sign-in.")

    def confirm_disable(self, account: AccountRow) -> bool:
        """Ask before disabling (tests patch this)."""
        answer = QMessageBox.question(
            self, "Disable account",
            f"Disable the account of {account.member.full_name}? They will not be able to sign "
            "in until it is enabled again. Their work and history are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def toggle_active(self) -> None:
        account = self.selected_account()
        if account is None or not is_administrator(self._services.ctx.actor):
            return
        enable = not account.active
        if not enable and not self.confirm_disable(account):
            return
        try:
            changed = self._services.staff.set_active(account.member.id, account.version, enable)
        except UpwError as exc:
            show_error(self, "The account was not changed.", str(exc))
            self.reload(account.member.id)
            return
        self.reload(changed.member.id)
        announce(f"{'Enabled' if enable else 'Disabled'} the account of "
                 f"{changed.member.full_name}.")
