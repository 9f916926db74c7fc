"""The Staff page: who has an account with which roles; administrators add staff, change roles."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.records import StaffMember
from ui.dialogs.staff_dialog import RolesDialog, StaffDialog
from ui.formatting import label
from ui.models.staff_model import StaffTableModel
from ui.models.table_model import RowSortProxy
from ui.views.permissions import is_administrator
from ui.widgets.role_checks import roles_text
from ui.widgets.tables import fit_columns, make_table


class StaffPage(QWidget):
    """Table of staff accounts with Add staff….

    Signals:
        notice(str): a short message for the status bar.
    """

    notice = Signal(str)

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.dialog: StaffDialog | RolesDialog | None = None
        title = QLabel("Staff")
        title.setObjectName("PageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("PageSubtitle")
        self.add_button = QPushButton("&Add staff…")
        self.add_button.setProperty("primary", "true")
        self.add_button.clicked.connect(self.add_staff)
        self.add_button.setVisible(is_administrator(services.ctx.actor))
        self.roles_button = QPushButton("Change &roles…")
        self.roles_button.setToolTip("Change the job and roles of the selected member of staff")
        self.roles_button.clicked.connect(self.change_roles)
        self.roles_button.setVisible(is_administrator(services.ctx.actor))
        self.model = StaffTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Staff")
        self.table.doubleClicked.connect(lambda _index: self.change_roles())
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.roles_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        staff = self._services.staff.list_staff()
        self.model.set_rows(staff)
        fit_columns(self.table)
        roles: dict[str, int] = {}
        for member in staff:
            for role in member.roles:
                roles[label(role)] = roles.get(label(role), 0) + 1
        parts = ", ".join(f"{count} {name.lower()}{'s' if count != 1 else ''}"
                          for name, count in sorted(roles.items()))
        # A member may hold several roles, so these counts can add up to more than the total.
        self.count_label.setText(f"{len(staff)} account{'s' if len(staff) != 1 else ''}. "
                                 f"Roles held: {parts}.")

    @Slot()
    def add_staff(self) -> None:
        if not is_administrator(self._services.ctx.actor):
            return
        self.dialog = StaffDialog(self._services.staff, self._services.people, self)
        self.dialog.saved.connect(self._on_staff_added)
        self.dialog.open()

    def _on_staff_added(self, member: StaffMember) -> None:
        self.reload()
        self.notice.emit(f"Added {member.full_name} ({label(member.role).lower()}).")

    def selected_member(self) -> StaffMember | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    @Slot()
    def change_roles(self) -> None:
        member = self.selected_member()
        if member is None or not is_administrator(self._services.ctx.actor):
            return
        self.dialog = RolesDialog(self._services.roles, member, self)
        self.dialog.saved.connect(self._on_roles_changed)
        self.dialog.open()

    def _on_roles_changed(self, member: StaffMember) -> None:
        self.reload()
        self.notice.emit(f"{member.full_name} now holds: "
                         f"{roles_text(member.role, member.roles).lower()}.")
