"""Reviews triggered by what changed: changes noted, review-due items and the reviews."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.case_reviews import CaseChangeKind, ReviewTrigger
from upw_ttg.storage.models.base import Base, Versioned, enum_column, utc_now


class CaseChange(Base):
    """A loss of contact or a new relationship, noted on the person's record."""

    __tablename__ = "case_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)
    kind: Mapped[CaseChangeKind] = enum_column(CaseChangeKind, nullable=False)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    detail: Mapped[str] = mapped_column(String(400))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"))


class CaseReview(Base):
    """A review of the case, recording what was considered; it closes review-due items."""

    __tablename__ = "case_review"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)
    reviewed_on: Mapped[dt.date] = mapped_column(Date)
    considered: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"))


class ReviewDue(Versioned, Base):
    """A review due because something changed (rule TTG-REVIEWDUE); open until a review."""

    __tablename__ = "review_due"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)
    trigger: Mapped[ReviewTrigger] = enum_column(ReviewTrigger, nullable=False)
    what_changed: Mapped[str] = mapped_column(String(400))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    raised_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    review_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_review.id", ondelete="SET NULL"), index=True)
