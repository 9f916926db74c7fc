"""The managers' figures' monthly summary of each order's appointments (rule FIG-16)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.storage.models.base import Base


class OrderMonth(Base):
    """One order's appointments on one calendar month's sessions, summed; kept with the
    appointments in the same transaction (``upw_ttg.storage.order_months``)."""

    __tablename__ = "upw_order_month"
    order_id: Mapped[int] = mapped_column(ForeignKey("upw_order.id", ondelete="CASCADE"),
                                          primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    # Minutes credited (rule UPW-12), and session minutes less unpaid breaks on every booking
    # the service did not stand down or reschedule (rule FIG-2).
    credited_minutes: Mapped[int] = mapped_column(Integer, default=0)
    offered_minutes: Mapped[int] = mapped_column(Integer, default=0)
    # Outcomes recorded, and those last saved within 2 working days of the session (FIG-3).
    outcomes: Mapped[int] = mapped_column(Integer, default=0)
    keyed_in_time: Mapped[int] = mapped_column(Integer, default=0)
    # The first session of the month attended (rule FIG-1).
    first_attended: Mapped[dt.date | None] = mapped_column(Date)
