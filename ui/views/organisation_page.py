"""The Offices and prisons page: contact details every person-facing document prints, and the
prisons custody records name (administrators edit both)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.organisation import OfficeDetails, PrisonDetails

from ui.changes import announce
from ui.dialogs.organisation_dialogs import OfficeDialog, PrisonDialog
from ui.models.organisation_model import OfficeTableModel, PrisonTableModel
from ui.permissions import can
from ui.widgets.tables import fit_columns, make_table, selected_row


class OrganisationPage(QWidget):
    """Offices (Edit office…) above prisons (Add prison…, Edit prison…)."""

    def __init__(self, services: AppServices, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.dialog: OfficeDialog | PrisonDialog | None = None
        self._admin = can(services.ctx.actor, Capability.MANAGE_OFFICES_AND_PRISONS)
        title = QLabel("Offices and prisons")
        title.setObjectName("PageTitle")
        note = QLabel("Letters, warrants and sheets name the office's organisation and give "
                      "its phone number; warrants name its billing account.")
        note.setObjectName("PageSubtitle")
        note.setWordWrap(True)
        self.office_model = OfficeTableModel(self)
        self.office_table = make_table(self.office_model, "Offices")
        self.office_table.doubleClicked.connect(lambda _index: self.edit_office())
        self.office_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.edit_office_button = QPushButton("&Edit office…")
        self.edit_office_button.clicked.connect(self.edit_office)
        self.prison_model = PrisonTableModel(self)
        self.prison_table = make_table(self.prison_model, "Prisons")
        self.prison_table.doubleClicked.connect(lambda _index: self.edit_prison())
        self.prison_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_prison_button = QPushButton("&Add prison…")
        self.add_prison_button.clicked.connect(self.add_prison)
        self.edit_prison_button = QPushButton("Edit p&rison…")
        self.edit_prison_button.clicked.connect(self.edit_prison)
        for button in (self.edit_office_button, self.add_prison_button,
                       self.edit_prison_button):
            button.setVisible(self._admin)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.edit_office_button)
        prisons_top = QHBoxLayout()
        prisons_title = QLabel("Prisons")
        prisons_title.setObjectName("SectionTitle")
        prisons_top.addWidget(prisons_title)
        prisons_top.addStretch(1)
        prisons_top.addWidget(self.edit_prison_button)
        prisons_top.addWidget(self.add_prison_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.office_table, 3)
        layout.addLayout(prisons_top)
        layout.addWidget(self.prison_table, 2)
        self.reload()

    def reload(self) -> None:
        self.office_model.set_rows(self._services.organisation.offices())
        self.prison_model.set_rows(self._services.organisation.prisons())
        fit_columns(self.office_table)
        fit_columns(self.prison_table)
        self._update_buttons()

    def _select(self, table, model, wanted_id: int) -> None:
        for row, item in enumerate(model.rows()):
            if item.id == wanted_id:
                table.selectRow(row)
                return

    def selected_office(self) -> OfficeDetails | None:
        row = selected_row(self.office_table)
        return row if isinstance(row, OfficeDetails) else None

    def selected_prison(self) -> PrisonDetails | None:
        row = selected_row(self.prison_table)
        return row if isinstance(row, PrisonDetails) else None

    def _update_buttons(self, *_args: object) -> None:
        self.edit_office_button.setEnabled(self.selected_office() is not None)
        self.edit_prison_button.setEnabled(self.selected_prison() is not None)

    @Slot()
    def edit_office(self) -> None:
        office = self.selected_office()
        if office is None or not self._admin:
            return
        self.dialog = OfficeDialog(self._services.organisation, office, self)
        self.dialog.saved.connect(self._on_office_saved)
        self.dialog.open()

    def _on_office_saved(self, office: OfficeDetails) -> None:
        self.reload()
        self._select(self.office_table, self.office_model, office.id)
        announce(f"Saved the {office.name} office's details.")

    @Slot()
    def add_prison(self) -> None:
        if not self._admin:
            return
        self.dialog = PrisonDialog(self._services.organisation, None, self)
        self.dialog.saved.connect(self._on_prison_saved)
        self.dialog.open()

    @Slot()
    def edit_prison(self) -> None:
        prison = self.selected_prison()
        if prison is None or not self._admin:
            return
        self.dialog = PrisonDialog(self._services.organisation, prison, self)
        self.dialog.saved.connect(self._on_prison_saved)
        self.dialog.open()

    def _on_prison_saved(self, prison: PrisonDetails) -> None:
        self.reload()
        self._select(self.prison_table, self.prison_model, prison.id)
        announce(f"Saved {prison.name} ({prison.code}).")
