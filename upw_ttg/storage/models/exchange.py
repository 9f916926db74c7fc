"""Data exchange with the national systems: remembered column mappings and what was exported."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.storage.models.base import Base, utc_now


class ImportLayout(Base):
    """The column mapping a coordinator confirmed for one file layout (its header row)."""

    __tablename__ = "import_layout"
    __table_args__ = (UniqueConstraint("kind", "layout_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    layout_key: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id",
                                                                 ondelete="SET NULL"))


class NationalExport(Base):
    """One file of outcomes exported for the national case record: which day, which unit."""

    __tablename__ = "national_export"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    delivery_unit_id: Mapped[int] = mapped_column(ForeignKey("delivery_unit.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id",
                                                                 ondelete="SET NULL"))
    row_count: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class NationalExportItem(Base):
    """An appointment's outcome as exported; a later export sends it again only if it changed."""

    __tablename__ = "national_export_item"
    __table_args__ = (UniqueConstraint("appointment_id", "fingerprint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    export_id: Mapped[int] = mapped_column(ForeignKey("national_export.id"), index=True)
    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
