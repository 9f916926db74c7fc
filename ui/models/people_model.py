"""The people list: fetched lazily in batches while browsing, or a set of search results."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, Signal

from upw_ttg.domain.text import fold
from upw_ttg.records.people import PersonRow

from ui.formatting import format_date, label
from ui.models.table_model import Column, Index, RowSortProxy, RowTableModel

RESTRICTED_TIP = ("A restricted case: only the staff named on it see more than the name and "
                  "CRN.")


def _birth(row: PersonRow) -> str:
    """The date of birth, or why it is not shown."""
    if row.limited:
        return "Restricted case" if row.restricted else ""
    return format_date(row.date_of_birth)


class PeopleSource(Protocol):
    """What the model needs from ``PeopleService``."""

    def count(self) -> int: ...

    def list_page(self, offset: int, limit: int) -> list[PersonRow]: ...


class PeopleTableModel(RowTableModel[PersonRow]):
    """One row per person.

    ``browse()`` shows everyone, fetching ``BATCH_SIZE`` rows at a time as the view scrolls
    (``canFetchMore``/``fetchMore``); ``show_results(rows)`` shows search results instead.
    """

    BATCH_SIZE = 200
    CRN, NAME, BIRTH, GENDER, TOWN, OFFICE, PRISON_NUMBER = range(7)
    COLUMNS = (
        Column("CRN", lambda r: r.crn),
        Column("Name", lambda r: r.display_name + (" · restricted" if r.restricted else ""),
               lambda r: (fold(r.surname), fold(r.forename)),
               tooltip=lambda r: RESTRICTED_TIP if r.restricted else None),
        Column("Date of birth", _birth, lambda r: r.date_of_birth),
        Column("Gender", lambda r: "" if r.limited else label(r.gender)),
        Column("Town", lambda r: r.town or ""),
        Column("Office", lambda r: r.office or ""),
        Column("Prison no.", lambda r: r.prison_number or ""),
    )

    mode_changed = Signal(bool)  # True while browsing everyone

    def __init__(self, source: PeopleSource, parent: QObject | None = None):
        super().__init__(parent)
        self._source = source
        self._total = 0
        self._browsing = True
        self._exhausted = True

    @property
    def browsing(self) -> bool:
        return self._browsing

    @property
    def total(self) -> int:
        """How many people there are in all (while browsing) or how many results."""
        return self._total if self._browsing else len(self._rows)

    def browse(self) -> None:
        """Show everyone, starting with the first batch."""
        self.show_everyone(*self.read_first_batch())

    def read_first_batch(self) -> tuple[int, list[PersonRow]]:
        """How many people there are and the first batch of them: safe on a worker, so a
        screen can read them off the GUI thread and hand them to ``show_everyone``."""
        total = self._source.count()
        return total, self._source.list_page(0, self.BATCH_SIZE) if total else []

    def show_everyone(self, total: int, rows: list[PersonRow]) -> None:
        """Show everyone: ``total`` people, of whom ``rows`` is the first batch."""
        self.beginResetModel()
        self._total = total
        self._rows = list(rows)
        self._exhausted = len(self._rows) < self.BATCH_SIZE
        changed = not self._browsing
        self._browsing = True
        self.endResetModel()
        if changed:
            self.mode_changed.emit(True)

    def show_results(self, rows: list[PersonRow]) -> None:
        """Show search results (no further fetching)."""
        changed = self._browsing
        self._browsing = False
        self._exhausted = True
        self.set_rows(rows)
        if changed:
            self.mode_changed.emit(False)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return self._browsing and not self._exhausted and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        batch = self._source.list_page(len(self._rows), self.BATCH_SIZE)
        if len(batch) < self.BATCH_SIZE:
            self._exhausted = True
        if not batch:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def replace_person(self, row: PersonRow) -> None:
        """Update one person's line in place after an edit."""
        for number, existing in enumerate(self._rows):
            if existing.id == row.id:
                self._rows[number] = row
                self.dataChanged.emit(self.index(number, 0),
                                      self.index(number, len(self.COLUMNS) - 1))
                return


class PeopleSortProxy(RowSortProxy):
    """Sorting for the people table (the service already gives name order)."""
