"""Plain records of the reviews triggered by what changed: items, reviews, inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.case_reviews import TRIGGER_LABELS, CaseChangeKind, ReviewTrigger


@dataclass(frozen=True, slots=True)
class ReviewDueRow:
    """One review-due item: what changed and when; ``reviewed_on`` once a review closed it."""

    id: int
    person_id: int
    trigger: ReviewTrigger
    what_changed: str
    changed_on: dt.date
    raised_by: str | None
    version: int
    review_id: int | None = None
    reviewed_on: dt.date | None = None

    @property
    def label(self) -> str:
        return TRIGGER_LABELS[self.trigger]

    @property
    def open(self) -> bool:
        return self.review_id is None


@dataclass(frozen=True, slots=True)
class CaseReviewRow:
    id: int
    reviewed_on: dt.date
    considered: str
    reviewed_by: str | None
    # What the review closed, in words ("Change of address, 04/12/2026").
    closed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseReviews:
    """A person's review-due items (open first, then closed, newest first) and reviews."""

    person_id: int
    items: tuple[ReviewDueRow, ...]
    reviews: tuple[CaseReviewRow, ...]

    @property
    def open_items(self) -> tuple[ReviewDueRow, ...]:
        return tuple(i for i in self.items if i.open)

    @property
    def previous(self) -> CaseReviewRow | None:
        return self.reviews[0] if self.reviews else None


@dataclass(frozen=True, slots=True)
class ChangeNoteInput:
    """A loss of contact or a new relationship, with when it was noted and what it is."""

    kind: CaseChangeKind
    noted_on: dt.date | None  # None when left empty: the service asks for it
    detail: str


@dataclass(frozen=True, slots=True)
class CaseReviewInput:
    """A review closing the items the reviewer saw (id to the version it was read at)."""

    considered: str
    items: dict[int, int]
    reviewed_on: dt.date | None = None
