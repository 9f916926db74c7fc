"""Plain data objects that services return and accept; the UI never sees ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from upw_ttg.domain.codes import (
    Gender,
    GenderCategory,
    Language,
    OrderStatus,
    OrderSubtype,
    OrderType,
    ReleaseDateType,
    Role,
)
from upw_ttg.domain.orders import balance_minutes, effective_deadline
from upw_ttg.domain.permissions import Capability, allows


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A member of staff: ``role`` is their job as shown; ``roles`` every role they hold."""

    id: int
    username: str
    full_name: str
    role: Role
    gender: Gender
    office_id: int | None
    active: bool
    roles: frozenset[Role] = frozenset()
    version: int = 0

    def __post_init__(self) -> None:
        # One role given: the member holds just that one.
        if not self.roles:
            object.__setattr__(self, "roles", frozenset({self.role}))

    def may(self, capability: Capability) -> bool:
        """Whether these roles allow ``capability`` (the services check again when used)."""
        return self.active and allows(self.roles, capability)


@dataclass(frozen=True, slots=True)
class OfficeRow:
    id: int
    code: str
    name: str
    delivery_unit: str
    delivery_unit_id: int


@dataclass(frozen=True, slots=True)
class DeliveryUnitRow:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PrisonRow:
    id: int
    code: str
    name: str


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


@dataclass(slots=True)
class OrderInput:
    person_id: int
    court: str = ""
    sentence_date: dt.date | None = None
    order_type: OrderType = OrderType.COMMUNITY_ORDER
    subtype: OrderSubtype = OrderSubtype.REGULAR
    hours_ordered: int = 0
    standalone: bool = True
    ete_allowed: bool = False
    travel_time_eligible: bool = False
    version: int | None = None


@dataclass(frozen=True, slots=True)
class OrderExtensionRow:
    granted_on: dt.date
    court: str
    new_deadline: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class OrderRecord:
    id: int
    person_id: int
    court: str
    sentence_date: dt.date
    order_type: OrderType
    subtype: OrderSubtype
    hours_ordered: int
    standalone: bool
    ete_allowed: bool
    travel_time_eligible: bool
    status: OrderStatus
    deadline: dt.date | None
    minutes_credited: int
    minutes_adjusted: int
    extensions: tuple[OrderExtensionRow, ...]
    version: int

    @property
    def minutes_ordered(self) -> int:
        return self.hours_ordered * 60

    @property
    def minutes_remaining(self) -> int:
        return balance_minutes(self.minutes_ordered, self.minutes_adjusted,
                               self.minutes_credited)

    @property
    def effective_deadline(self) -> dt.date | None:
        return effective_deadline(self.deadline, (e.new_deadline for e in self.extensions))

    def to_input(self) -> OrderInput:
        values = {name: getattr(self, name) for name in OrderInput.__dataclass_fields__}
        return OrderInput(**values)


@dataclass(slots=True)
class CustodyInput:
    person_id: int
    prison_id: int | None = None
    prison_number: str = ""
    reception_date: dt.date | None = None
    sentence_length_days: int | None = None
    screening_date: dt.date | None = None
    sentence_start_date: dt.date | None = None
    conditional_release_date: dt.date | None = None
    automatic_release_date: dt.date | None = None
    parole_eligibility_date: dt.date | None = None
    hdc_eligibility_date: dt.date | None = None
    hdc_approved_date: dt.date | None = None
    confirmed_release_date: dt.date | None = None
    licence_expiry_date: dt.date | None = None
    sentence_expiry_date: dt.date | None = None
    pss_end_date: dt.date | None = None
    change_reason: str | None = None
    version: int | None = None
    # The resettlement worker: chosen at reception; on an edit, None leaves it as it is
    # (unassigning is the caseload's job, where the count of unassigned cases is kept).
    worker_id: int | None = None


CUSTODY_DATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("sentence_start_date", "Sentence start (SSD)"),
    ("conditional_release_date", "Conditional release (CRD)"),
    ("automatic_release_date", "Automatic release (ARD)"),
    ("parole_eligibility_date", "Parole eligibility (PED)"),
    ("hdc_eligibility_date", "HDC eligibility (HDCED)"),
    ("hdc_approved_date", "HDC approved"),
    ("confirmed_release_date", "Confirmed release"),
    ("licence_expiry_date", "Licence expiry (LED)"),
    ("sentence_expiry_date", "Sentence expiry (SED)"),
    ("pss_end_date", "Post-sentence supervision end (TUSED)"),
)


@dataclass(frozen=True, slots=True)
class DateChangeRow:
    field: str
    old_value: dt.date | None
    new_value: dt.date | None
    reason: str | None
    changed_at: dt.datetime
    changed_by: str | None


@dataclass(frozen=True, slots=True)
class CustodyRecord:
    id: int
    person_id: int
    prison_id: int
    prison_code: str
    prison_name: str
    prison_number: str
    reception_date: dt.date
    sentence_length_days: int | None
    screening_date: dt.date | None
    dates: dict[str, dt.date | None]
    expected_release_date: dt.date | None
    expected_release_type: ReleaseDateType | None
    status: str
    date_changes: tuple[DateChangeRow, ...]
    version: int
    worker_id: int | None = None
    worker_name: str | None = None

    def to_input(self) -> CustodyInput:
        return CustodyInput(
            person_id=self.person_id, prison_id=self.prison_id,
            prison_number=self.prison_number, reception_date=self.reception_date,
            sentence_length_days=self.sentence_length_days, screening_date=self.screening_date,
            version=self.version, worker_id=self.worker_id, **cast("dict[str, Any]", self.dates))
