"""Who may see a restricted case: what anyone who may find people is shown about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StaffName:
    id: int
    full_name: str


@dataclass(frozen=True, slots=True)
class CaseAccess:
    """Who may see a person's case: what anyone who may find people is shown about it."""

    person_id: int
    crn: str
    display_name: str
    restricted: bool
    # Whether the member asking may open the record (not restricted, or named on it).
    may_open: bool
    # The staff named on a restricted case; shown only to those who may restrict cases.
    allowed: tuple[StaffName, ...]
    version: int
