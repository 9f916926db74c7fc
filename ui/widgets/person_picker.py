"""Finding a person by typing: CRN, name or date of birth, with a short list of matches."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from upw_ttg.records.people import PersonRow
from upw_ttg.services.people import PeopleService

from ui.models.people_model import PeopleSortProxy, PeopleTableModel
from ui.widgets.tables import make_table, selected_row

SEARCH_DELAY_MS = 150
MATCHES = 30


class PersonPicker(QWidget):
    """A search box over a small table of matches; Down moves into the table.

    Signals:
        person_chosen(object): the selected ``PersonRow``, or None when nobody is.
    """

    person_chosen = Signal(object)

    def __init__(self, people: PeopleService, parent: QWidget | None = None):
        super().__init__(parent)
        self._people = people
        self.search = QLineEdit()
        self.search.setObjectName("SearchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Type a CRN, a name or a date of birth")
        self.search.setAccessibleName("Find the person")
        self.search.setMaxLength(100)
        self.model = PeopleTableModel(people, self)
        self.proxy = PeopleSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Matching people", sortable=False)
        for column in (PeopleTableModel.GENDER, PeopleTableModel.PRISON_NUMBER,
                       PeopleTableModel.TOWN):
            self.table.setColumnHidden(column, True)
        self.table.setMinimumHeight(120)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.count = QLabel("Type at least two letters or a CRN.")
        self.count.setObjectName("Hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)

    @Slot()
    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        rows = self._people.search(text, MATCHES) if len(text) >= 2 else []
        self.model.show_results(rows)
        if len(text) < 2:
            self.count.setText("Type at least two letters or a CRN.")
        elif not rows:
            self.count.setText(f"No one matches “{text}”.")
        else:
            self.count.setText(f"{len(rows)} {'match' if len(rows) == 1 else 'matches'}"
                               " – choose one.")
        if rows:
            self.table.resizeColumnsToContents()
            self.table.selectRow(0)
        else:
            self.person_chosen.emit(None)

    def chosen(self) -> PersonRow | None:
        return selected_row(self.table, PersonRow)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection
                              ) -> None:
        self.person_chosen.emit(self.chosen())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():
                self.run_search()
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                return True
            return event.key() != Qt.Key.Key_Down
        return super().eventFilter(watched, event)
