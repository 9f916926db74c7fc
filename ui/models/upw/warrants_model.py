"""The travel warrant register and the spend per office and month."""

from __future__ import annotations

from upw_ttg.records.upw import SpendRow, WarrantRecord

from ui.formatting import format_date, label
from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_pence


def valid_text(w: WarrantRecord) -> str:
    if w.valid_from == w.valid_to:
        return format_date(w.valid_from)
    return f"{format_date(w.valid_from)} – {format_date(w.valid_to)}"


def status_text(w: WarrantRecord) -> str:
    if w.void_reason:
        return f"Void: {w.void_reason}"
    return label(w.status)


class WarrantsTableModel(RowTableModel[WarrantRecord]):
    SERIAL, ISSUED, NAME, CRN, STATUS, JOURNEY, MODE, VALID, FARE, ELIGIBILITY = range(10)
    COLUMNS = (
        Column("Serial", lambda w: w.serial_text, lambda w: (w.office_code, w.serial)),
        Column("Issued", lambda w: format_date(w.issued_on), lambda w: w.issued_on),
        Column("Name", lambda w: w.name),
        Column("CRN", lambda w: w.crn),
        Column("Status", status_text, tooltip=lambda w: w.reason and f"Reason: {w.reason}"),
        Column("Journey", lambda w: f"{w.travel_from} → {w.travel_to}"),
        Column("Mode", lambda w: label(w.mode)),
        Column("Valid", valid_text, lambda w: w.valid_from),
        Column("Fare", lambda w: format_pence(w.fare_pence), lambda w: w.fare_pence,
               numeric=True),
        Column("Eligibility", lambda w: w.eligibility),
    )


class SpendTableModel(RowTableModel[SpendRow]):
    COLUMNS = (
        Column("Office", lambda s: s.office_name),
        Column("Month", lambda s: f"{s.month:%b %Y}", lambda s: s.month),
        Column("Warrants", lambda s: str(s.warrants), lambda s: s.warrants, numeric=True),
        Column("Spend", lambda s: format_pence(s.total_pence), lambda s: s.total_pence,
               numeric=True),
    )
