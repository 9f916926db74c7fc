"""Offices with their contact details, and prisons, as the administrator sees them."""

from __future__ import annotations

from upw_ttg.records.organisation import OfficeDetails, PrisonDetails

from ui.models.table_model import Column, RowTableModel


class OfficeTableModel(RowTableModel[OfficeDetails]):
    COLUMNS = (
        Column("Office", lambda o: o.name),
        Column("Delivery unit", lambda o: o.delivery_unit),
        Column("Phone", lambda o: o.phone or "None – add one"),
        Column("Email", lambda o: o.email or ""),
        Column("Warrant account", lambda o: o.warrant_account or "None"),
        Column("Address", lambda o: ", ".join(x for x in (o.address, o.town, o.postcode) if x)),
    )


class PrisonTableModel(RowTableModel[PrisonDetails]):
    COLUMNS = (
        Column("Prison", lambda p: p.name),
        Column("Code", lambda p: p.code),
        Column("Phone", lambda p: p.phone or ""),
        Column("Address", lambda p: p.address or ""),
    )
