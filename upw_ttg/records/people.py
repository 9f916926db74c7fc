"""A person as the screens list, open and edit them, and the people still to confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import (
    Gender,
    GenderCategory,
    Language,
)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the people list or a search result."""

    id: int
    crn: str
    surname: str
    forename: str
    date_of_birth: dt.date | None
    gender: Gender
    town: str | None
    office: str | None
    prison_number: str | None = None
    restricted: bool = False
    # Only name and CRN shown: a restricted case this member is not named on, or a role
    # that may find people but not read their records.
    limited: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.surname.upper()}, {self.forename}"


@dataclass(frozen=True, slots=True)
class UnconfirmedPerson:
    """Someone whose gender category for the placement rules a coordinator must confirm."""

    id: int
    crn: str
    forename: str
    surname: str
    gender: Gender
    gender_identity: str | None
    office: str | None
    version: int

    @property
    def display_name(self) -> str:
        return f"{self.forename} {self.surname}"


@dataclass(slots=True)
class PersonInput:
    """What a person form submits; ``version`` is what the form loaded (None for new)."""

    crn: str = ""
    forename: str = ""
    surname: str = ""
    date_of_birth: dt.date | None = None
    gender: Gender = Gender.NOT_STATED
    middle_names: str | None = None
    preferred_name: str | None = None
    gender_identity: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    town: str | None = None
    postcode: str | None = None
    phone: str | None = None
    emergency_contact_name: str | None = None
    emergency_contact_phone: str | None = None
    preferred_language: Language = Language.ENGLISH
    other_language: str | None = None
    interpreter_needed: bool = False
    office_id: int | None = None
    responsible_officer: str | None = None
    # What the placement rules read. None: on a new record, worked out from the gender and
    # identity where they say it plainly (else "not yet confirmed"); on an edit, kept.
    gender_category: GenderCategory | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    crn: str
    forename: str
    surname: str
    date_of_birth: dt.date
    gender: Gender
    middle_names: str | None
    preferred_name: str | None
    gender_identity: str | None
    address_line1: str | None
    address_line2: str | None
    town: str | None
    postcode: str | None
    phone: str | None
    emergency_contact_name: str | None
    emergency_contact_phone: str | None
    preferred_language: Language
    other_language: str | None
    interpreter_needed: bool
    office_id: int | None
    office_name: str | None
    responsible_officer: str | None
    version: int
    updated_at: dt.datetime
    updated_by: str | None
    # A restricted case: only named staff see more than the name and CRN.
    restricted: bool = False
    gender_category: GenderCategory = GenderCategory.NOT_STATED

    @property
    def display_name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def gender_unconfirmed(self) -> bool:
        return self.gender_category == GenderCategory.UNCONFIRMED

    def to_input(self) -> PersonInput:
        """A form's starting values for editing this person."""
        values = {name: getattr(self, name) for name in PersonInput.__dataclass_fields__}
        return PersonInput(**values)
