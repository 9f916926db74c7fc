"""The vans and pick-up points lists, with their edit dialogs and a van's manifest."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.upw import PickupPointRecord, VanRecord

from ui.changes import announce
from ui.dialogs.upw.fleet_dialogs import PickupPointDialog, VanDialog
from ui.dialogs.upw.print_day_dialog import ManifestDayDialog
from ui.models.table_model import RowSortProxy
from ui.models.upw.projects_model import PickupPointsTableModel, VansTableModel
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can_schedule
from ui.widgets.tables import fit_columns, make_table, selected_row


class _ListTab(QWidget):
    """A table with New and Edit buttons (and any extra ones) above it."""

    def __init__(self, services: AppServices, what: str, hint: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._editable = can_schedule(services.ctx.actor)
        self.dialog: QWidget | None = None
        self.offices = {o.id: o.name for o in services.people.offices()}
        self.hint = QLabel(hint)
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        self.new_button = QPushButton(f"&New {what}…")
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(f"&Edit {what}…")
        self.edit_button.clicked.connect(self.edit_item)
        for button in (self.new_button, self.edit_button):
            if not self._editable:
                button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        self.new_button.setEnabled(self._editable)
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.hint, 1)
        self.bar.addWidget(self.new_button)
        self.bar.addWidget(self.edit_button)

    def _finish(self, model, name: str) -> None:
        self.model = model
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(model)
        self.table = make_table(self.proxy, name)
        self.table.activated.connect(lambda _index: self.edit_item())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        """The list is read when the tab is first shown: opening Scheduling reads neither."""
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def rows(self) -> list:
        raise NotImplementedError

    def make_dialog(self, record: object | None) -> QWidget:
        raise NotImplementedError

    def reload(self, select_id: int | None = None) -> None:
        self._loaded = True
        self.model.set_rows(self.rows())
        fit_columns(self.table)
        for row in range(self.proxy.rowCount()):
            if self.proxy.row_object(row).id == select_id:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self):
        return selected_row(self.table)

    def _update_buttons(self, *_args: object) -> None:
        self.edit_button.setEnabled(self._editable and self.selected() is not None)

    @Slot()
    def new_item(self) -> None:
        if self._editable:
            self._open(self.make_dialog(None))

    @Slot()
    def edit_item(self) -> None:
        record = self.selected()
        if record is not None and self._editable:
            self._open(self.make_dialog(record))

    def _open(self, dialog) -> None:
        def saved(record) -> None:
            self.reload(record.id)
            announce(f"Saved {record.name}.")
        dialog.saved.connect(saved)
        self.dialog = dialog
        dialog.open()


class VansTab(_ListTab):
    """Vans, their seats and office; Print manifest… for a van and a day."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(services, "van", "A van's seats (not counting the driver) limit how "
                         "many people on a session can travel by van.", parent)
        self.manifest_button = QPushButton("Print &manifest…")
        self.manifest_button.clicked.connect(self.print_manifest)
        self.bar.addWidget(self.manifest_button)
        self._finish(VansTableModel(self.offices, self), "Vans")

    def rows(self) -> list[VanRecord]:
        return self._services.upw.projects.list_vans()

    def make_dialog(self, record: object | None) -> QWidget:
        return VanDialog(self._services, record, self)  # type: ignore[arg-type]  # a van's row

    def _update_buttons(self, *_args: object) -> None:
        super()._update_buttons()
        if hasattr(self, "manifest_button"):
            self.manifest_button.setEnabled(self.selected() is not None)

    @Slot()
    def print_manifest(self) -> ManifestDayDialog | None:
        van = self.selected()
        if van is None:
            return None
        dialog = ManifestDayDialog(self._services, van, self._services.ctx.today(), self)
        self.dialog = dialog
        dialog.open()
        return dialog


class PickupPointsTab(_ListTab):
    """Places where the vans collect people."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(services, "pick-up point", "Places where the van collects people. "
                         "Each session lists the points it calls at, with times.", parent)
        self._finish(PickupPointsTableModel(self.offices, self), "Pick-up points")

    def rows(self) -> list[PickupPointRecord]:
        return self._services.upw.projects.list_pickup_points()

    def make_dialog(self, record: object | None) -> QWidget:
        return PickupPointDialog(self._services, record, self)  # type: ignore[arg-type]  # a point's row
