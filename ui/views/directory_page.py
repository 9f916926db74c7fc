"""The Local services page: the directory of providers referrals pick from (administrators
add and edit them; everyone who refers reads them)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.directory import REFERRAL_ROUTE_LABELS, ProviderRecord

from ui.changes import announce
from ui.dialogs.directory_dialog import ProviderDialog
from ui.models.directory_model import ProviderTableModel
from ui.permissions import can
from ui.widgets.tables import fit_columns, make_table, selected_row


def provider_summary(p: ProviderRecord) -> str:
    """Everything about one provider in a few lines, for the panel under the table."""
    lines = [f"<b>{p.name}</b>" + ("" if p.active else " — no longer taking referrals"),
             f"Helps with: {', '.join(p.pathway_names) or 'nothing recorded'}. "
             f"Areas: {p.areas_text}."]
    reach = [x for x in (p.phone, p.email, p.address_line) if x]
    lines.append(" · ".join(reach) if reach else "No contact details yet: edit the provider "
                 "so its details print.")
    if p.opening_hours:
        lines.append(f"Open {p.opening_hours}"
                     + (f" · In Welsh: {p.opening_hours_cy}" if p.opening_hours_cy else ""))
    if p.referral_route:
        how = REFERRAL_ROUTE_LABELS[p.referral_route]
        lines.append(f"Refer by: {how}" + (f". {p.referral_how}" if p.referral_how else ""))
    return "<br/>".join(lines)


class DirectoryPage(QWidget):
    """Providers filtered by what they help with, area and name; Add and Edit for admins."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.dialog: ProviderDialog | None = None
        self._admin = can(services.ctx.actor, Capability.MANAGE_SERVICE_DIRECTORY)
        self._pathways = services.directory.pathways()
        self._areas = services.directory.areas()
        self._all: list[ProviderRecord] = []
        title = QLabel("Local services")
        title.setObjectName("PageTitle")
        note = QLabel("Providers referrals are made to. Their details are typed once here: "
                      "plan copies, release-day sheets and handover packs print them as they "
                      "are today.")
        note.setObjectName("PageSubtitle")
        note.setWordWrap(True)
        self.pathway = QComboBox()
        self.pathway.setAccessibleName("Helps with")
        self.pathway.addItem("Any pathway", None)
        for pathway in self._pathways:
            self.pathway.addItem(pathway.name, pathway.code)
        self.area = QComboBox()
        self.area.setAccessibleName("Area")
        self.area.addItem("Any area", None)
        for area in self._areas:
            self.area.addItem(area.name, area.id)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Name contains…")
        self.search.setAccessibleName("Name contains")
        self.search.setClearButtonEnabled(True)
        for combo in (self.pathway, self.area):
            combo.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.model = ProviderTableModel(self)
        self.table = make_table(self.model, "Providers")
        self.table.doubleClicked.connect(lambda _index: self.edit_provider())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.details = QLabel()
        self.details.setObjectName("Hint")
        self.details.setWordWrap(True)
        self.add_button = QPushButton("&Add provider…")
        self.add_button.clicked.connect(self.add_provider)
        self.edit_button = QPushButton("&Edit provider…")
        self.edit_button.clicked.connect(self.edit_provider)
        for button in (self.add_button, self.edit_button):
            button.setVisible(self._admin)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.add_button)
        filters = QHBoxLayout()
        for text, widget in (("&Helps with", self.pathway), ("A&rea", self.area),
                             ("&Name", self.search)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.search else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self.reload()

    def reload(self) -> None:
        self._all = self._services.directory.providers()
        self._filter()

    def _filter(self, *_args: object) -> None:
        code, unit = self.pathway.currentData(), self.area.currentData()
        text = self.search.text().strip().casefold()
        rows = [p for p in self._all
                if (code is None or code in p.pathway_codes)
                and (unit is None or p.national or unit in p.unit_ids)
                and text in p.name.casefold()]
        self.model.set_rows(rows)
        fit_columns(self.table)
        self._selection_changed()

    def selected(self) -> ProviderRecord | None:
        row = selected_row(self.table)
        return row if isinstance(row, ProviderRecord) else None

    def select(self, provider_id: int) -> None:
        for row, item in enumerate(self.model.rows()):
            if item.id == provider_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self, *_args: object) -> None:
        provider = self.selected()
        self.edit_button.setEnabled(provider is not None)
        self.details.setText(provider_summary(provider) if provider else
                             f"{self.model.rowCount()} of {len(self._all)} providers shown. "
                             "Select one to see all its details.")

    @Slot()
    def add_provider(self) -> None:
        if not self._admin:
            return
        self._open(None)

    @Slot()
    def edit_provider(self) -> None:
        provider = self.selected()
        if provider is None or not self._admin:
            return
        self._open(provider)

    def _open(self, provider: ProviderRecord | None) -> None:
        self.dialog = ProviderDialog(self._services.directory, self._pathways, self._areas,
                                     provider, self)
        self.dialog.saved.connect(self._on_saved)
        self.dialog.open()

    def _on_saved(self, provider: ProviderRecord) -> None:
        self.reload()
        self.select(provider.id)
        announce(f"Saved {provider.name} in the directory of local services.")
