"""People waiting to be placed, with why; filtered by name, CRN and the kind of reason."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel

from upw_ttg.domain.text import fold
from upw_ttg.records.upw import WaitingRow

from ui.models.table_model import Column, Index, RowSortProxy, RowTableModel
from ui.models.upw.text import format_day, format_minutes

ASSESSMENT, FIRST, NEXT_DAYS, WEEKLY = "assessment", "first", "next_days", "weekly"
REASON_KINDS = (
    (None, "Every reason"),
    (FIRST, "First session overdue or not booked"),
    (NEXT_DAYS, "No session in the next 7 days"),
    (WEEKLY, "Below the weekly offer"),
    (ASSESSMENT, "No completed assessment"),
)


def reason_kinds(row: WaitingRow) -> set[str]:
    """Which kinds of reason put ``row`` on the list."""
    kinds = set()
    if any(r.startswith("No completed UPW assessment") for r in row.reasons):
        kinds.add(ASSESSMENT)
    if row.first_session_due is not None or any(r.startswith("First session")
                                                for r in row.reasons):
        kinds.add(FIRST)
    if row.next_session is None:
        kinds.add(NEXT_DAYS)
    if row.minutes_booked_this_week < row.minutes_target:
        kinds.add(WEEKLY)
    return kinds


def _needs(row: WaitingRow) -> str:
    parts = []
    if row.female_only_choice:
        parts.append("Female-only")
    if row.interpreter_needed:
        parts.append("Interpreter")
    return ", ".join(parts)


class WaitingTableModel(RowTableModel[WaitingRow]):
    """One line per live order needing a place; the reasons column says why in full."""

    NAME, CRN, OFFICE, WHY, BOOKED, NEXT, FIRST_DUE, NEEDS = range(8)
    COLUMNS = (
        Column("Name", lambda r: r.name, lambda r: fold(r.name)),
        Column("CRN", lambda r: r.crn),
        Column("Office", lambda r: r.office_name or "—"),
        Column("Why", lambda r: "\n".join(r.reasons), tooltip=lambda r: "\n".join(r.reasons)),
        Column("This week", lambda r: f"{format_minutes(r.minutes_booked_this_week)} of "
                                      f"{format_minutes(r.minutes_target)}",
               lambda r: r.minutes_booked_this_week - r.minutes_target, numeric=True,
               tooltip=lambda r: "Hours booked this week, of the weekly offer"),
        Column("Next session", lambda r: format_day(r.next_session) if r.next_session
               else "None booked", lambda r: r.next_session),
        Column("First due", lambda r: format_day(r.first_session_due)
               if r.first_session_due else "—", lambda r: r.first_session_due,
               tooltip=lambda r: "When the first session is due (none booked yet)"),
        Column("Needs", _needs),
    )


class WaitingFilterProxy(RowSortProxy):
    """Keeps rows whose name or CRN contains the text and that have the chosen kind."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._text = ""
        self._kind: str | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: str | None) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index = QModelIndex()
                         ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, WaitingTableModel) or source_row >= model.rowCount():
            return True
        row = model.row_at(source_row)
        if self._text and self._text not in fold(row.name) \
                and self._text not in row.crn.casefold():
            return False
        return self._kind is None or self._kind in reason_kinds(row)
