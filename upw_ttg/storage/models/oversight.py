"""A manager's check of enforcement decisions and accepted absences (rule UPW-OVERSIGHT)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.oversight import ReviewKind, ReviewVerdict
from upw_ttg.storage.models.base import Base, Versioned, enum_column, utc_now


class EnforcementReview(Versioned, Base):
    """One decision or accepted absence put to a manager, and the manager's verdict.

    Who decided and their delivery unit are kept as they were on the day, so the agreement
    rates do not move when a case changes hands.
    """

    __tablename__ = "enforcement_review"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReviewKind] = enum_column(ReviewKind)
    order_id: Mapped[int] = mapped_column(ForeignKey("upw_order.id", ondelete="CASCADE"),
                                          index=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), index=True)
    enforcement_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("enforcement_action.id", ondelete="SET NULL"))
    # The action code decided, or the outcome code of the absence accepted.
    code: Mapped[str] = mapped_column(String(8))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    delivery_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("delivery_unit.id", ondelete="SET NULL"))
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    verdict: Mapped[ReviewVerdict | None] = enum_column(ReviewVerdict, nullable=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_enforcement_review_verdict", "verdict"),)
