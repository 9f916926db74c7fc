"""One glossary term, and the service's name in Welsh that every phrase naming it uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    en: str
    cy: str
    note: str = ""


# The service's name in Welsh: one translation, used by every phrase that names it.
COMMUNITY_PAYBACK_CY = "Talu'n Ôl i'r Gymuned"
