"""People whose gender for placements is not yet confirmed, for a coordinator to go through."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.records.people import UnconfirmedPerson
from upw_ttg.services.people import PeopleService

from ui.formatting import BLANK, label
from ui.models.table_model import Column, RowTableModel
from ui.widgets.tables import fit_columns, make_table, selected_row


class UnconfirmedModel(RowTableModel[UnconfirmedPerson]):
    COLUMNS = (
        Column("CRN", lambda p: p.crn),
        Column("Name", lambda p: f"{p.surname.upper()}, {p.forename}"),
        Column("Recorded gender", lambda p: label(p.gender)),
        Column("In their own words", lambda p: p.gender_identity or BLANK),
        Column("Office", lambda p: p.office or BLANK),
    )


class UnconfirmedDialog(QDialog):
    """The list from ``PeopleService.unconfirmed``; Open record (or Enter) opens the person,
    whose record has the banner and the Confirm button.

    Signals:
        person_chosen(int): open this person's record.
    """

    person_chosen = Signal(int)

    def __init__(self, people: PeopleService, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Gender for placements to confirm")
        intro = QLabel("These records came with gender words that do not say plainly how to "
                       "place the person. Until their gender for placements is confirmed they "
                       "cannot be placed in a group session. Open each record, ask them, and "
                       "confirm it.")
        intro.setObjectName("Hint")
        intro.setWordWrap(True)
        self.model = UnconfirmedModel(self)
        self.model.set_rows(people.unconfirmed())
        self.table = make_table(self.model, "People to confirm", sortable=False)
        self.table.activated.connect(self._on_activated)
        fit_columns(self.table)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.open_button = QPushButton("&Open record")
        self.open_button.setProperty("primary", "true")
        self.open_button.setEnabled(bool(self.model.rowCount()))
        self.open_button.clicked.connect(self.open_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _on_activated(self, _index: QModelIndex) -> None:
        self.open_selected()

    @Slot()
    def open_selected(self) -> None:
        person = selected_row(self.table)
        if isinstance(person, UnconfirmedPerson):
            self.person_chosen.emit(person.id)
            self.accept()
