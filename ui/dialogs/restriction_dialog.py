"""Marking a case restricted and naming the staff who may see it (managers, administrators)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.restrictions import CaseAccess

from ui.dialogs.form_dialog import FormDialog
from ui.widgets.role_checks import roles_text


class RestrictionDialog(FormDialog):
    """A restricted case shows only its name and CRN to staff not named on it, who cannot
    print it or place the person; saved through ``RestrictionService.set_restriction``."""

    def __init__(self, services: AppServices, access: CaseAccess,
                 parent: QWidget | None = None):
        super().__init__(f"Restriction – {access.crn}",
                         "Like a limited-access case in the national case system: staff not "
                         "named here see only the name and CRN, and cannot print the case or "
                         "place the person.", parent)
        self._services = services
        self._access = access
        self.restricted = QCheckBox("&Restricted case")
        self.restricted.setChecked(access.restricted)
        self.body.addWidget(self.restricted)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to narrow the list of staff")
        self.filter.setAccessibleName("Find a member of staff")
        self.filter.setClearButtonEnabled(True)
        self.staff_list = QListWidget()
        self.staff_list.setAccessibleName("Staff who may see this case")
        named = {s.id for s in access.allowed}
        actor = services.ctx.actor
        for member in services.staff.list_staff():
            if not member.active:
                continue
            item = QListWidgetItem(f"{member.full_name} – "
                                   f"{roles_text(member.role, member.roles).lower()}")
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # A new restriction names the person making it, so they keep sight of the case.
            ticked = member.id in named or (not access.restricted and actor is not None
                                            and member.id == actor.id)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.staff_list.addItem(item)
        form = QFormLayout()
        self.fields.add_row(form, "find", "&Find", self.filter)
        self.fields.add_row(form, "allowed", "&Named staff", self.staff_list,
                            hint="Only these staff can open, print or place this case.")
        self.body.addLayout(form)
        self.filter.textChanged.connect(self._narrow)
        self.restricted.toggled.connect(self._on_restricted_toggled)
        self._on_restricted_toggled(self.restricted.isChecked())
        self.resize(560, 520)

    def _narrow(self, text: str) -> None:
        wanted = text.strip().lower()
        for row in range(self.staff_list.count()):
            item = self.staff_list.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().lower())

    def _on_restricted_toggled(self, on: bool) -> None:
        self.staff_list.setEnabled(on)
        self.filter.setEnabled(on)

    def named_ids(self) -> list[int]:
        return [self.staff_list.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.staff_list.count())
                if self.staff_list.item(r).checkState() == Qt.CheckState.Checked]

    def collect(self) -> tuple[bool, list[int]]:
        return self.restricted.isChecked(), self.named_ids()

    def save(self, data: tuple[bool, list[int]]) -> CaseAccess:
        restricted, staff_ids = data
        return self._services.restrictions.set_restriction(
            self._access.person_id, restricted, staff_ids, self._access.version)
