"""Reviews triggered by what changed (rules TTG-REVIEWDUE and TTG-REVIEWTEXT): kinds, wording."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum


class ReviewTrigger(StrEnum):
    ADDRESS = "address"
    LOST_CONTACT = "lost_contact"
    NEW_RELATIONSHIP = "new_relationship"
    FAILURE_TO_COMPLY = "failure_to_comply"
    RISK = "risk"


class CaseChangeKind(StrEnum):
    """Changes with no other home in the record, noted on the person's record."""

    LOST_CONTACT = "lost_contact"
    NEW_RELATIONSHIP = "new_relationship"


TRIGGER_LABELS = {
    ReviewTrigger.ADDRESS: "Change of address",
    ReviewTrigger.LOST_CONTACT: "Loss of contact",
    ReviewTrigger.NEW_RELATIONSHIP: "New relationship",
    ReviewTrigger.FAILURE_TO_COMPLY: "Second failure to comply",
    ReviewTrigger.RISK: "Change of risk",
}
CHANGE_TRIGGERS = {CaseChangeKind.LOST_CONTACT: ReviewTrigger.LOST_CONTACT,
                   CaseChangeKind.NEW_RELATIONSHIP: ReviewTrigger.NEW_RELATIONSHIP}
ADDRESS_FIELDS = ("address_line1", "address_line2", "town", "postcode")
# The failure to comply on one order that raises a review (the first is dealt with by the
# enforcement rules alone).
FAILURES_THAT_TRIGGER = 2

_SPACE = re.compile(r"\s+")


def normalise_review_text(text: str | None) -> str:
    """Review text compared for repetition: spaces and line breaks folded, case ignored."""
    return _SPACE.sub(" ", (text or "")).strip().casefold()


def repeats_previous(text: str | None, previous: str | None) -> bool:
    """Rule TTG-REVIEWTEXT: the text is the previous review's, word for word."""
    return previous is not None and normalise_review_text(text) == \
        normalise_review_text(previous)


def _address(values: Mapping[str, object]) -> str:
    parts = [str(values[f]).strip() for f in ADDRESS_FIELDS if values.get(f)]
    return ", ".join(p for p in parts if p) or "no address"


def address_change(before: Mapping[str, object], after: Mapping[str, object]) -> str | None:
    """What changed in words when the address changed (None when it did not): compared
    without case or spacing, so retyping the same address is no change."""
    if normalise_review_text(_address(before)) == normalise_review_text(_address(after)):
        return None
    return f"Address changed from {_address(before)} to {_address(after)}."[:400]
