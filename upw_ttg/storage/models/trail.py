"""The access log (who opened, printed or exported which sensitive record) and the chain heads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.access import AccessAction
from upw_ttg.storage.models.base import Base, enum_column, utc_now


class AccessEvent(Base):
    """One consultation or disclosure of a person's sensitive record (DPA 2018 s.62).

    Only ids and codes: no names, no text. ``person_id`` and ``staff_id`` carry no foreign
    key, so the log outlives the rows it names and is never rewritten by a cascade.
    """

    __tablename__ = "access_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    staff_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[AccessAction] = enum_column(AccessAction, nullable=False)
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str | None] = mapped_column(String(40))
    person_id: Mapped[int | None] = mapped_column(Integer)
    document: Mapped[str | None] = mapped_column(String(40))
    recipient: Mapped[str | None] = mapped_column(String(40))
    chain_seq: Mapped[int] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        Index("ix_access_event_person", "person_id", "occurred_at"),
        Index("ix_access_event_staff", "staff_id", "occurred_at"),
    )


class ChainHead(Base):
    """The newest link of one hash chain: locked by every writer that extends the chain."""

    __tablename__ = "chain_head"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
