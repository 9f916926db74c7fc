"""A person's custody episodes, and the date-change history of one episode."""

from __future__ import annotations

from upw_ttg.domain.custody import RELEASE_TYPE_LABELS, DateChangeRow
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS, CustodyRecord

from ui.formatting import format_date, format_datetime, label
from ui.models.table_model import Column, RowTableModel

DATE_LABELS = {"reception_date": "Reception", "screening_date": "Screening",
               **dict(CUSTODY_DATE_FIELDS)}


def release_type_text(record: CustodyRecord) -> str:
    kind = record.expected_release_type
    return RELEASE_TYPE_LABELS[kind] if kind else "No release date yet"


class CustodyTableModel(RowTableModel[CustodyRecord]):
    COLUMNS = (
        Column("Prison", lambda c: c.prison_name),
        Column("Prison number", lambda c: c.prison_number),
        Column("Reception", lambda c: format_date(c.reception_date), lambda c: c.reception_date),
        Column("Expected release", lambda c: format_date(c.expected_release_date, "Not known"),
               lambda c: c.expected_release_date),
        Column("Release date type", release_type_text),
        Column("Status", lambda c: label(c.status)),
    )


class DateChangesTableModel(RowTableModel[DateChangeRow]):
    REASON = 5
    COLUMNS = (
        Column("Changed", lambda d: format_datetime(d.changed_at), lambda d: d.changed_at),
        Column("Date", lambda d: DATE_LABELS.get(d.field, label(d.field))),
        Column("From", lambda d: format_date(d.old_value, "not set"), lambda d: d.old_value),
        Column("To", lambda d: format_date(d.new_value, "not set"), lambda d: d.new_value),
        Column("By", lambda d: d.changed_by or ""),
        Column("Reason", lambda d: d.reason or "", tooltip=lambda d: d.reason),
    )
