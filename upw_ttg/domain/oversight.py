"""A manager's check of enforcement (rule UPW-OVERSIGHT): which decisions are sampled, the rate."""

from __future__ import annotations

from enum import StrEnum

# Knuth's multiplicative constant: consecutive ids land far apart in 0..99, so a sample of
# one in ten is not every tenth decision keyed (which a coordinator could predict).
_SPREAD = 2654435761


class ReviewKind(StrEnum):
    DECISION = "decision"  # a warning, a referral for breach, or no further action
    ABSENCE = "absence"    # an absence accepted as acceptable


class ReviewVerdict(StrEnum):
    AGREED = "agreed"
    OVERTURNED = "overturned"


REVIEW_KIND_LABELS = {ReviewKind.DECISION: "Enforcement decision",
                      ReviewKind.ABSENCE: "Accepted absence"}


def chosen_for_review(key: int, percent: int) -> bool:
    """Whether the decision or absence numbered ``key`` goes to a manager's check when
    ``percent`` of them are sampled (*setting* ``upw.review_sample_percent``).

    Source: HMIP 2019 ("enforcement decisions not always taken correctly", "minimal evidence
    of formally recorded management oversight"). 100 queues everything and 0 nothing; in
    between, the choice depends only on the key, so it is the same however often it is asked
    and cannot be steered by when a decision is keyed.
    """
    if percent >= 100:
        return True
    if percent <= 0:
        return False
    return (key * _SPREAD) % 2**32 % 100 < percent


def agreement_rate(agreed: int, overturned: int) -> float | None:
    """The share of checked items the manager agreed with (rule UPW-OVERSIGHT); None before
    any has been checked, so no rate is invented."""
    checked = agreed + overturned
    return None if checked == 0 else agreed / checked
