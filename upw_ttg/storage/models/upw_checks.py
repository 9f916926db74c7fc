"""Bookings that break a placement rule after their facts changed: the re-check queue."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.storage.models.base import Base, utc_now


class BookingBreach(Base):
    """One rule a booking breaks, found by the re-check on the session it was on.

    A soft rule can be accepted with a reason (at booking, or from the queue); the acceptance
    holds while the message (the facts behind it) stays the same.
    """

    __tablename__ = "booking_breach"
    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("upw_session.id", ondelete="CASCADE"),
                                            index=True)
    rule: Mapped[str] = mapped_column(String(30))
    hard: Mapped[bool] = mapped_column(Boolean)
    message: Mapped[str] = mapped_column(String(1000))
    found_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    accepted_reason: Mapped[str | None] = mapped_column(String(400))
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"))
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("appointment_id", "rule"),)
