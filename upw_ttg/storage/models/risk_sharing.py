"""Risk changes shared with everyone who has upcoming contact (rule UPW-RISKSHARE)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.codes import ContactMethod
from upw_ttg.domain.risk_sharing import ContactKind
from upw_ttg.storage.models.base import Base, Versioned, enum_column, utc_now


class RiskChange(Base):
    """A change to a person's risk level, risk flags or supervisor restrictions."""

    __tablename__ = "risk_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)
    assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("upw_assessment.id", ondelete="SET NULL"))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    # The changes in words, one a line (risk information: read with the assessment).
    summary: Mapped[str] = mapped_column(Text)


class RiskChangeContact(Versioned, Base):
    """One person to tell of a change: when and how they were told, and their confirmation."""

    __tablename__ = "risk_change_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("risk_change.id", ondelete="CASCADE"),
                                           index=True)
    kind: Mapped[ContactKind] = enum_column(ContactKind, nullable=False)
    name: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(String(200))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    confirm_by: Mapped[dt.date] = mapped_column(Date)
    told_on: Mapped[dt.date | None] = mapped_column(Date)
    told_method: Mapped[ContactMethod | None] = enum_column(ContactMethod, nullable=True)
    told_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    chased_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(400))
    __table_args__ = (Index("ix_risk_change_contact_open", "confirmed_on", "confirm_by"),)
