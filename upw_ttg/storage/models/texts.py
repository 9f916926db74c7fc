"""Text messages sent through GOV.UK Notify (rule UPW-TEXTS): queued, sent, delivered."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.texts import MessageKind, MessageStatus
from upw_ttg.storage.models.base import Base, enum_column, utc_now


class TextMessage(Base):
    """One text: chosen, queued until it can go, then Notify's id and delivery status.

    ``reference`` is sent to Notify with it, so a text whose answer was lost is found there
    again instead of being sent twice.
    """

    __tablename__ = "text_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="SET NULL"))
    kind: Mapped[MessageKind] = enum_column(MessageKind, nullable=False)
    phone: Mapped[str] = mapped_column(String(11))
    welsh: Mapped[bool] = mapped_column(Boolean, default=False)
    template_id: Mapped[str] = mapped_column(String(60))
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    send_on: Mapped[dt.date] = mapped_column(Date)
    session_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[MessageStatus] = enum_column(MessageStatus, nullable=False,
                                                default=MessageStatus.QUEUED)
    notify_id: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When a run last claimed it for sending: another run leaves it alone for a while, so
    # two computers sending at once never send it twice.
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(String(200))
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status_checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    queued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    __table_args__ = (
        # One text per number per day (rule UPW-TEXTS).
        UniqueConstraint("phone", "send_on"),
        Index("ix_text_message_status", "status"),
        Index("ix_text_message_send_on", "send_on"),
    )
