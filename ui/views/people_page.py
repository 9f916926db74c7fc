"""The People page: type-ahead search over everyone, and the way into a person's record."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.people import PersonRecord, PersonRow

from ui.changes import Change, Subject, announce, open_person, subscribe
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.unconfirmed_dialog import UnconfirmedDialog
from ui.models.people_model import PeopleSortProxy, PeopleTableModel
from ui.models.roles import RowRole
from ui.permissions import can_edit_people, can_find_people
from ui.settings import UiSettings
from ui.tasks import BackgroundTask, run_in_background
from ui.widgets.export_list import ExportListButton
from ui.widgets.tables import column_width, make_table

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 200


def row_from_record(record: PersonRecord, prison_number: str | None = None) -> PersonRow:
    """The list line for a person just saved."""
    return PersonRow(record.id, record.crn, record.surname, record.forename,
                     record.date_of_birth, record.gender, record.town, record.office_name,
                     prison_number, record.restricted)


class PeoplePage(QWidget):
    """Search box over a table of people; Enter or double-click opens a record."""

    def __init__(self, services: AppServices, ui_settings: UiSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._ui_settings = ui_settings
        self.dialog: PersonDialog | None = None
        self.unconfirmed_dialog: UnconfirmedDialog | None = None
        subscribe(self, [Subject.PERSON], self._on_person_change)
        title = QLabel("People")
        title.setObjectName("PageTitle")
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            "CRN, name, date of birth (31/12/1990) or prison number")
        self.search.setAccessibleName("Search people")
        self.search.setMaxLength(100)
        find = QLabel("F&ind:")
        find.setBuddy(self.search)
        self.new_button = QPushButton("&New person…")
        self.new_button.setProperty("primary", "true")
        self.new_button.setToolTip("Add a person (Ctrl+N)")
        self.new_button.setEnabled(can_edit_people(services.ctx.actor))
        self.new_button.clicked.connect(self.new_person)
        # After an upgrade, records whose own words did not say how to place them.
        self.confirm_button = QPushButton()
        self.confirm_button.setToolTip("People whose gender for placements is not yet "
                                       "confirmed: they cannot be placed in a group until it is")
        self.confirm_button.clicked.connect(self.show_unconfirmed)
        self.model = PeopleTableModel(services.people, self)
        self.proxy = PeopleSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "People")
        self.table.activated.connect(self._on_table_activated)
        self.count_label = QLabel()
        self.count_label.setObjectName("CountLabel")
        self.count_label.setWordWrap(True)
        self.model.mode_changed.connect(self._on_model_mode_changed)
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.confirm_button)
        top.addWidget(self.new_button)
        self.export_button = ExportListButton(services, "people", self.table,
                                              lambda: self.count_label.text())
        top.addWidget(self.export_button)
        search_row = QHBoxLayout()
        search_row.addWidget(find)
        search_row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.new_button)

        self._size_columns()
        state = ui_settings.value("people/header_state")
        if not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
        self._on_model_mode_changed(True)
        # Built for everyone; filled only for those whose roles may find people, on a worker
        # (the first read after signing in also prepares the statements: too long to wait).
        self.loading: BackgroundTask | None = None
        if can_find_people(services.ctx.actor):
            self.count_label.setText("Reading the list of people…")
            self.loading = run_in_background(self.model.read_first_batch,
                                             self._on_first_batch_read, parent=self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_unconfirmed()

    def _on_first_batch_read(self, batch: tuple[int, list[PersonRow]]) -> None:
        self.loading = None
        if self.model.browsing and not self.search.text().strip():
            self.model.show_everyone(*batch)

    def refresh_unconfirmed(self) -> None:
        """Show the to-confirm button, with its count, only while there is someone to do."""
        count = (self._services.people.count_unconfirmed()
                 if can_edit_people(self._services.ctx.actor) else 0)
        self.confirm_button.setText(f"&Confirm gender for placements ({count})…")
        self.confirm_button.setVisible(count > 0)

    @Slot()
    def show_unconfirmed(self) -> None:
        self.unconfirmed_dialog = UnconfirmedDialog(self._services.people, self)
        self.unconfirmed_dialog.person_chosen.connect(open_person)
        self.unconfirmed_dialog.open()

    # Searching ---------------------------------------------------------------------------

    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def run_search(self) -> None:
        """Search now for what is in the box (everyone if it is empty)."""
        self._timer.stop()
        text = self.search.text().strip()
        if not text:
            self.model.browse()
        else:
            self.model.show_results(self._services.people.search(text, SEARCH_LIMIT))
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _on_search_return_pressed(self) -> None:
        if self._timer.isActive() or self.search.text().strip() and self.model.browsing:
            self.run_search()
        if self.proxy.rowCount() == 1:
            self.open_row(0)
        elif self.proxy.rowCount() > 1:
            self.table.setFocus()
            self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down \
                and self.proxy.rowCount():
            if self._timer.isActive():
                self.run_search()
            self.table.setFocus()
            self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_count(self) -> None:
        if self.loading is not None and self.model.browsing:
            return  # still "Reading the list of people…"
        shown = self.model.rowCount()
        text = self.search.text().strip()
        if self.model.browsing:
            total = self.model.total
            if total == 0:
                message = "No one is on record yet. Use New person to add someone."
            elif shown < total:
                message = f"{total:,} people, in surname order. Type to search; scroll for more."
            else:
                message = f"{total:,} {'person' if total == 1 else 'people'}, in surname order."
        elif shown == 0:
            message = (f"No one matches “{text}”. Try the CRN, part of the surname, a date of "
                       "birth such as 31/12/1990, or a prison number.")
        elif shown >= SEARCH_LIMIT:
            message = f"The first {shown} matches for “{text}”. Type more to narrow them down."
        else:
            message = f"{shown} {'match' if shown == 1 else 'matches'} for “{text}”."
        self.count_label.setText(message)

    def _on_model_mode_changed(self, browsing: bool) -> None:
        # Prison numbers come with search results only.
        self.table.setColumnHidden(PeopleTableModel.PRISON_NUMBER, browsing)

    def _size_columns(self) -> None:
        samples = ("X000000", "BRÜNING-SMITH, Christopher", "00/00/0000", "Not stated",
                   "Gainsborough", "Northallerton", "A0000AA")
        for column, sample in enumerate(samples):
            self.table.setColumnWidth(column, column_width(self.table, column, sample))

    # Opening and adding ------------------------------------------------------------------

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def open_row(self, proxy_row: int) -> None:
        row = self.proxy.index(proxy_row, 0).data(RowRole)
        if row is not None:
            open_person(row.id)

    @Slot()
    def new_person(self) -> None:
        """Open the New person form (non-blocking)."""
        if not self.new_button.isEnabled():
            return
        self.dialog = PersonDialog(self._services.people, None, self)
        self.dialog.saved.connect(self._on_person_created)
        self.dialog.open()

    def _on_person_created(self, record: PersonRecord) -> None:
        announce(f"Added {record.display_name} ({record.crn}).")
        self.search.blockSignals(True)
        self.search.setText(record.crn)
        self.search.blockSignals(False)
        self.run_search()
        open_person(record.id)

    def _on_person_change(self, change: Change) -> None:
        if isinstance(change.record, PersonRecord):
            self.person_changed(change.record)

    def person_changed(self, record: PersonRecord) -> None:
        """Show a saved edit in the list without reloading it."""
        for existing in self.model.rows():
            if existing.id == record.id:
                self.model.replace_person(row_from_record(record, existing.prison_number))
                return

    def save_state(self) -> None:
        self._ui_settings.set_value("people/header_state",
                                    self.table.horizontalHeader().saveState())
