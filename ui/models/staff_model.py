"""Staff accounts: name, user name, roles and whether the account is active."""

from __future__ import annotations

from upw_ttg.domain.records import StaffMember
from ui.formatting import label
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
