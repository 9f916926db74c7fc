"""Providers of the directory of local services as a table."""

from __future__ import annotations

from upw_ttg.records.directory import REFERRAL_ROUTE_LABELS, ProviderRecord

from ui.models.table_model import Column, RowTableModel


def _how(p: ProviderRecord) -> str:
    return REFERRAL_ROUTE_LABELS[p.referral_route] if p.referral_route else "Not recorded"


class ProviderTableModel(RowTableModel[ProviderRecord]):
    COLUMNS = (
        Column("Provider", lambda p: p.name if p.active else f"{p.name} (no new referrals)"),
        Column("Phone", lambda p: p.phone or ("" if p.email or p.address_line
                                              else "No details yet")),
        Column("How to refer", _how),
        Column("Helps with", lambda p: ", ".join(p.pathway_names)),
        Column("Areas", lambda p: p.areas_text),
        Column("Email", lambda p: p.email or ""),
        Column("Opening hours", lambda p: p.opening_hours or ""),
        Column("Address", lambda p: p.address_line or ""),
        Column("Referrals", lambda p: p.referrals),
    )
