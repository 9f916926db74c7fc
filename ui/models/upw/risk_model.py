"""Rule UPW-RISKSHARE: everyone still to confirm they were told of a person's risk change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from upw_ttg.domain.risk_sharing import CONTACT_KIND_LABELS
from upw_ttg.records.risk_sharing import RiskContactRow

from ui.formatting import BLANK, format_date
from ui.models.table_model import Column, Index, RowTableModel

_CHASE = QBrush(QColor("#b3261e"))


def _told(row: RiskContactRow) -> str:
    if row.told_on is None:
        return "Not yet"
    how = f" by {row.told_method.value}" if row.told_method else ""
    who = f" ({row.told_by})" if row.told_by else ""
    return f"{format_date(row.told_on)}{how}{who}"


def _confirm_by(row: RiskContactRow) -> str:
    return f"{format_date(row.confirm_by)} – chase" if row.chase_due else \
        format_date(row.confirm_by)


class RiskContactsModel(RowTableModel[RiskContactRow]):
    """Those to chase first, then by the day they should confirm."""

    CONFIRM_BY = 0
    COLUMNS = (
        Column("Confirm by", _confirm_by, lambda r: r.confirm_by),
        Column("Name", lambda r: r.name),
        Column("CRN", lambda r: r.crn),
        Column("Changed", lambda r: format_date(r.changed_on), lambda r: r.changed_on),
        Column("To tell", lambda r: f"{r.contact} ({CONTACT_KIND_LABELS[r.kind].lower()})"
               if r.kind else BLANK, tooltip=lambda r: r.detail),
        Column("Why", lambda r: r.detail),
        Column("Told", _told, lambda r: r.told_on, tooltip=lambda r: r.note),
        Column("Chased", lambda r: format_date(r.chased_on) if r.chased_on else BLANK,
               lambda r: r.chased_on),
        Column("Coordinator", lambda r: r.coordinator or BLANK),
        Column("Unit", lambda r: r.delivery_unit_code or BLANK),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() \
                and index.column() == self.CONFIRM_BY and index.row() < len(self._rows) \
                and self._rows[index.row()].chase_due:
            return _CHASE
        return super().data(index, role)
