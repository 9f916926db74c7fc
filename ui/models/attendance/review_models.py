"""The manager's check of enforcement: items waiting for a check, and agreement rates."""

from __future__ import annotations

from PySide6.QtCore import QObject

from upw_ttg.domain.oversight import REVIEW_KIND_LABELS
from upw_ttg.records.attendance import AgreementRate, ReviewItem

from ui.formatting import BLANK, format_date
from ui.models.table_model import Column, RowTableModel


def rate_text(rate: float | None) -> str:
    return "none checked" if rate is None else f"{round(rate * 100)} %"


def _decision_text(item: ReviewItem) -> str:
    """The code and what it means, once (an outcome's description starts with its code)."""
    if not item.code:
        return BLANK
    if item.description.startswith(item.code):
        return item.description
    return f"{item.code} {item.description}"


class ReviewItemsTableModel(RowTableModel[ReviewItem]):
    """Decisions and accepted absences waiting for a manager, oldest first."""

    COLUMNS = (
        Column("Decided", lambda r: format_date(r.decided_on), lambda r: r.decided_on),
        Column("Name", lambda r: r.name),
        Column("CRN", lambda r: r.crn),
        Column("What", lambda r: REVIEW_KIND_LABELS[r.kind] if r.kind else BLANK),
        Column("Decision", lambda r: _decision_text(r), tooltip=lambda r: r.description),
        Column("Session", lambda r: format_date(r.event_date), lambda r: r.event_date),
        Column("Decided by", lambda r: r.decided_by or BLANK),
        Column("Unit", lambda r: r.delivery_unit_code or BLANK),
        Column("Notes", lambda r: r.notes or BLANK, tooltip=lambda r: r.notes),
    )


class AgreementTableModel(RowTableModel[AgreementRate]):
    """How often the manager agreed, per coordinator or per delivery unit."""

    def __init__(self, heading: str, parent: QObject | None = None):
        self.COLUMNS = (
            Column(heading, lambda a: a.label),
            Column("Agreement", lambda a: rate_text(a.rate), lambda a: a.rate or 0,
                   numeric=True),
            Column("Agreed", lambda a: f"{a.agreed} of {a.agreed + a.overturned}",
                   lambda a: a.agreed, numeric=True,
                   tooltip=lambda a: f"{a.overturned} overturned"),
        )
        super().__init__(parent)
