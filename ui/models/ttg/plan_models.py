"""Tables of a resettlement plan: actions, progress, strengths, needs, consents, referrals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from upw_ttg.domain.codes import ReferralStatus
from upw_ttg.domain.local_time import local_date
from upw_ttg.domain.resettlement import STRENGTH_KINDS, DeadlineMove
from upw_ttg.records.ttg import (
    ActionRecord,
    ConsentRow,
    ContactRow,
    CustodyEventRow,
    DiversityNeedRow,
    ProgressRow,
    ReferralRecord,
    StrengthRow,
)

from ui.formatting import format_date, label
from ui.models.table_model import Column, Index, RowTableModel
from ui.models.ttg.codes import code_text

_ATTENTION = QColor("#fff1d6")
_ATTENTION_TEXT = QColor("#6b3d00")


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


class ActionsTableModel(RowTableModel[ActionRecord]):
    """Actions with owner and due date; outstanding ones say so in words."""

    COLUMNS = (
        Column("Action", lambda a: a.description, tooltip=lambda a: a.description),
        Column("Owner", lambda a: a.owner),
        Column("Due", lambda a: format_date(a.due_date, "—"), lambda a: a.due_date),
        Column("Done", lambda a: format_date(a.done_on, "Not yet"), lambda a: a.done_on),
        Column("Manages risk", lambda a: _yes(a.manages_risk)),
    )


class ProgressTableModel(RowTableModel[ProgressRow]):
    """A need's dated progress log, oldest first."""

    COLUMNS = (
        Column("Date", lambda p: format_date(p.entry_date), lambda p: p.entry_date),
        Column("By", lambda p: p.staff or ""),
        Column("Progress", lambda p: p.entry, tooltip=lambda p: p.entry),
    )


class StrengthsTableModel(RowTableModel[StrengthRow]):
    """The plan's strengths; both wordings are edited in their cells when the plan may be
    changed. An edit is not kept here: ``edited`` asks the screen to save it, and the plan
    as saved refills the table (or, if the save is refused, the old wording stays).

    Signals:
        edited(StrengthRow, str, str): the row, its new staff wording, its new wording for
            the person (empty for "print the staff wording").
    """

    DESCRIPTION, PERSONS_WORDING = 1, 2
    COLUMNS = (
        Column("Kind", lambda s: STRENGTH_KINDS.get(s.kind, label(s.kind))),
        Column("Strength or protective factor", lambda s: s.description,
               tooltip=lambda s: s.description),
        Column("On the person's copy", lambda s: s.persons_wording or "The staff wording",
               tooltip=lambda s: s.persons_wording or s.description),
    )
    edited = Signal(object, str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.editable = False

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() \
                and index.column() in (self.DESCRIPTION, self.PERSONS_WORDING):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            row = self.row_at(index.row())
            return (row.description if index.column() == self.DESCRIPTION
                    else row.persons_wording or "")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index)
                                                     & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self.row_at(index.row())
        text = str(value or "").strip()
        description, wording = row.description, row.persons_wording or ""
        if index.column() == self.DESCRIPTION:
            description = text
        else:
            wording = text
        if (description, wording) != (row.description, row.persons_wording or ""):
            self.edited.emit(row, description, wording)
        return True


class DiversityTableModel(RowTableModel[DiversityNeedRow]):
    COLUMNS = (
        Column("Need", lambda d: code_text(d.category)),
        Column("What it is", lambda d: d.description, tooltip=lambda d: d.description),
        Column("Adjustment to the plan", lambda d: d.adjustment, tooltip=lambda d: d.adjustment),
    )


class ConsentsTableModel(RowTableModel[ConsentRow]):
    COLUMNS = (
        Column("Agency", lambda c: c.agency),
        Column("May share", lambda c: "Yes, agreed" if c.consent_given else "No, refused"),
        Column("Recorded", lambda c: format_date(c.recorded_on), lambda c: c.recorded_on),
    )


_SHORT_STATUS = {ReferralStatus.SENT: "Waiting", ReferralStatus.DECLINED: "Declined"}


def _referral_state(r: ReferralRecord) -> str:
    if r.overdue:
        return "Overdue"
    return _SHORT_STATUS.get(r.status) or code_text(r.status)


def _referral_result(r: ReferralRecord) -> str:
    if r.withdrawn_reason:
        return r.withdrawn_reason + (f" – {r.outcome}" if r.outcome else "")
    return r.outcome or ""


class ReferralsTableModel(RowTableModel[ReferralRecord]):
    """Referrals; an overdue answer is written out and shaded."""

    COLUMNS = (
        Column("Pathway", lambda r: r.pathway_name),
        Column("Provider", lambda r: r.provider),
        Column("Sent", lambda r: format_date(r.sent_on), lambda r: r.sent_on),
        Column("Answer due", lambda r: format_date(r.response_expected_by, "—"),
               lambda r: r.response_expected_by),
        Column("Status", _referral_state, tooltip=lambda r: code_text(r.status)
               + (": the answer is overdue" if r.overdue else "")),
        Column("Outcome or reason", _referral_result, tooltip=_referral_result),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < len(self._rows) and self._rows[index.row()].overdue:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_ATTENTION)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_ATTENTION_TEXT)
        return super().data(index, role)


def _chase_text(c: ContactRow) -> str:
    if c.acknowledged_on is not None:
        return "—"
    if c.needs_chase:
        return "Chase now"
    return f"After {format_date(c.chase_date)}"


class ContactsTableModel(RowTableModel[ContactRow]):
    """The contact log, newest first; a contact to chase is written out, bold and shaded."""

    COLUMNS = (
        Column("Date", lambda c: format_date(c.contact_date), lambda c: c.contact_date),
        Column("Method", lambda c: code_text(c.method)),
        Column("What was shared", lambda c: c.shared, tooltip=lambda c: c.shared),
        Column("Acknowledged", lambda c: format_date(c.acknowledged_on, "Not yet"),
               lambda c: c.acknowledged_on),
        Column("Chase", _chase_text, tooltip=lambda c: f"Chase if not acknowledged by "
               f"{format_date(c.chase_date)}"),
        Column("By", lambda c: c.staff or ""),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < len(self._rows) \
                and self._rows[index.row()].needs_chase:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(_ATTENTION)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_ATTENTION_TEXT)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


def _moved_by(move: DeadlineMove) -> str:
    days = move.days_later
    if days is None:
        return "set" if move.old is None else "removed"
    if days == 0:
        return "same day"
    weeks = f" ({abs(days) // 7} weeks)" if abs(days) >= 14 else ""
    return f"{abs(days)} days {'later' if days > 0 else 'earlier'}{weeks}"


class DeadlineMovesTableModel(RowTableModel[DeadlineMove]):
    """Deadlines that moved when custody dates changed, newest change first."""

    COLUMNS = (
        Column("Changed", lambda m: format_date(local_date(m.changed_at)), lambda m: m.changed_at),
        Column("Deadline", lambda m: m.label),
        Column("Was", lambda m: format_date(m.old, "not set"), lambda m: m.old),
        Column("Now", lambda m: format_date(m.new, "not set"), lambda m: m.new),
        Column("Moved", _moved_by, lambda m: m.days_later),
        Column("By", lambda m: m.changed_by or ""),
        Column("Why", lambda m: m.reason or "", tooltip=lambda m: m.reason),
    )


class CustodyEventsTableModel(RowTableModel[CustodyEventRow]):
    COLUMNS = (
        Column("Date", lambda e: format_date(e.event_date), lambda e: e.event_date),
        Column("Event", lambda e: label(e.kind)),
        Column("From", lambda e: e.from_prison or ""),
        Column("To", lambda e: e.to_prison or ""),
        Column("By", lambda e: e.recorded_by or ""),
        Column("Reason", lambda e: e.reason, tooltip=lambda e: e.reason),
    )
