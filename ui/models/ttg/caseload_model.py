"""The caseload dashboard's lists (one model, any list) and the cases per worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from upw_ttg.domain.codes import ReleaseDateType
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS
from upw_ttg.records.ttg import CaseloadRow, WorkerCount

from ui.formatting import format_date
from ui.models.table_model import Column, RowTableModel

SHORT_RELEASE_TYPES = {
    ReleaseDateType.CONFIRMED: "Confirmed",
    ReleaseDateType.HDC: "HDC",
    ReleaseDateType.CRD: "CRD",
    ReleaseDateType.ARD: "ARD",
}


def _release_tip(row: CaseloadRow) -> str | None:
    return RELEASE_TYPE_LABELS.get(row.expected_release_type) if row.expected_release_type \
        else "No release date on record yet"


def _release_text(row: CaseloadRow) -> str:
    if row.expected_release_date is None:
        return "Not known"
    kind = SHORT_RELEASE_TYPES.get(row.expected_release_type) \
        if row.expected_release_type else None
    return f"{format_date(row.expected_release_date)} {kind or ''}".strip()


class CaseloadTableModel(RowTableModel[CaseloadRow]):
    """People on one dashboard list; the date column's header says what the date is."""

    NAME, CRN, PRISON, WORKER, RELEASE, DATE, NOTE = range(7)
    COLUMNS = (
        Column("Name", lambda r: r.person_name, lambda r: r.person_name.split()[-1]),
        Column("CRN", lambda r: r.crn),
        Column("Prison", lambda r: f"{r.prison_code} {r.prison_number}"),
        Column("Worker", lambda r: r.worker_name or "Not assigned"),
        Column("Release", _release_text, lambda r: r.expected_release_date,
               tooltip=_release_tip),
        Column("Date", lambda r: format_date(r.date, "—"), lambda r: r.date),
        Column("What needs doing", lambda r: r.note, tooltip=lambda r: r.note),
    )

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._date_header = "Date"

    def set_date_header(self, text: str) -> None:
        """Name the date column for the list shown (plan due, release, chase by…)."""
        if text != self._date_header:
            self._date_header = text
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.DATE, self.DATE)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.DATE \
                and role == Qt.ItemDataRole.DisplayRole:
            return self._date_header
        return super().headerData(section, orientation, role)


class WorkerCountsTableModel(RowTableModel[WorkerCount]):
    COLUMNS = (
        Column("Worker", lambda w: w.worker_name),
        Column("Cases", lambda w: str(w.cases), lambda w: w.cases, numeric=True),
    )
