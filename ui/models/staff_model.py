"""Staff accounts: name, user name, roles, whether the account is active, last sign-in."""

from __future__ import annotations

import datetime as dt

from upw_ttg.records.staff import AccountRow, StaffMember

from ui.formatting import format_datetime, label
from ui.models.table_model import Column, RowTableModel
from ui.widgets.role_checks import roles_text


class StaffTableModel(RowTableModel[StaffMember]):
    COLUMNS = (
        Column("Name", lambda s: s.full_name),
        Column("User name", lambda s: s.username),
        Column("Roles", lambda s: roles_text(s.role, s.roles)),
        Column("Gender", lambda s: label(s.gender)),
        Column("Account", lambda s: "Active" if s.active else "Disabled"),
    )


def account_status(account: AccountRow) -> str:
    """Active, disabled, or waiting for the user to replace a reset password."""
    if not account.active:
        return "Disabled"
    if account.must_change_password:
        return "Active – must change password"
    return "Active"


class AccountTableModel(RowTableModel[AccountRow]):
    """Accounts as the administrator manages them: status and last sign-in."""

    COLUMNS = (
        Column("Name", lambda a: a.member.full_name),
        Column("User name", lambda a: a.member.username),
        Column("Roles", lambda a: roles_text(a.member.role, a.member.roles)),
        Column("Account", account_status),
        Column("Last sign-in", lambda a: format_datetime(a.last_sign_in_at, "Never"),
               sort=lambda a: a.last_sign_in_at or dt.datetime.min),
        Column("Password set", lambda a: format_datetime(a.password_changed_at, "At creation"),
               sort=lambda a: a.password_changed_at or dt.datetime.min),
    )
