"""Data for person-facing UPW documents: by design no field can hold risk, health or offences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import Language, WarrantMode, WarrantStatus
from upw_ttg.domain.organisation import DEFAULT_ORGANISATION
from upw_ttg.domain.records_to_check import RecordToCheck

# These classes are the boundary at which rule DOC-1 (docs/rules.md) is enforced: the
# documents are built only from them, and they have no field for risk, health, offence, notes
# or override reasons. Add a field here only if it is fit to hand to the person or a driver.


@dataclass(frozen=True, slots=True)
class OfficeContact:
    """Who sends a person-facing document and how to reach them; built by
    ``upw_ttg.services.organisation.office_contact`` from the office's record."""

    name: str
    address_lines: tuple[str, ...]
    phone: str | None
    organisation: str = DEFAULT_ORGANISATION
    email: str | None = None
    opening_hours: str | None = None
    opening_hours_cy: str | None = None
    # The account a bus or rail operator bills for this office's travel warrants.
    warrant_account: str | None = None


@dataclass(frozen=True, slots=True)
class PickupDetails:
    name: str
    address: str
    time: dt.time


@dataclass(frozen=True, slots=True)
class AppointmentLetterData:
    language: Language  # the person's own, unless another was asked for
    reference: str
    letter_date: dt.date
    person_name: str
    address_lines: tuple[str, ...]
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    project_name: str
    site_address_lines: tuple[str, ...]
    pickup: PickupDetails | None
    hi_vis_required: bool
    office: OfficeContact
    contact_name: str | None
    printed_at: dt.datetime
    printed_by: str | None = None
    # The project's indoor tag: what to wear follows it.
    indoor: bool = False


@dataclass(frozen=True, slots=True)
class TravelWarrantData:
    """A warrant as the person, the bus driver or ticket office, and the issuing office read
    it. ``status`` and ``copy`` decide what is printed across it: only an issued warrant
    printed for the first time is valid for travel."""

    serial_text: str
    office: OfficeContact
    person_name: str
    crn: str
    travel_from: str
    travel_to: str
    mode: WarrantMode
    valid_from: dt.date
    valid_to: dt.date
    fare_pence: int
    eligibility: str
    issued_by: str | None
    issued_on: dt.date
    printed_at: dt.datetime
    printed_by: str | None = None
    status: WarrantStatus = WarrantStatus.ISSUED
    # Printed before: this print is a copy of the original issued on ``issued_on``.
    copy: bool = False
    return_journey: bool = True
    language: Language = Language.ENGLISH  # the person's own, unless asked

    @property
    def travel_dates(self) -> tuple[dt.date, ...]:
        """Every day the warrant may be used, one journey (single or return) on each."""
        days = (self.valid_to - self.valid_from).days
        return tuple(self.valid_from + dt.timedelta(days=n) for n in range(days + 1))

    @property
    def valid_for_travel(self) -> bool:
        return self.status == WarrantStatus.ISSUED and not self.copy


@dataclass(frozen=True, slots=True)
class ManifestPassenger:
    name: str
    phone: str | None
    project_name: str


@dataclass(frozen=True, slots=True)
class ManifestStop:
    time: dt.time
    name: str
    address: str
    passengers: tuple[ManifestPassenger, ...]


@dataclass(frozen=True, slots=True)
class ManifestDrop:
    """Where the van takes people: a project site and when work starts."""

    project_name: str
    site_address: str
    start_time: dt.time
    end_time: dt.time
    supervisor: str | None
    people: int


@dataclass(frozen=True, slots=True)
class VanManifestData:
    van_name: str
    registration: str
    seats: int
    day: dt.date
    stops: tuple[ManifestStop, ...]
    drops: tuple[ManifestDrop, ...]
    office: OfficeContact
    printed_at: dt.datetime
    printed_by: str | None = None
    # Passengers whose row could not be printed: only their name and a fixed sentence, as
    # the driver needs nothing more (see ``driver_safe``).
    to_check: tuple[RecordToCheck, ...] = ()
    # The driver's choice; names and places print as recorded.
    language: Language = Language.ENGLISH

    @property
    def passengers(self) -> int:
        """Everyone booked on the van, those who could not be listed included."""
        return sum(len(s.passengers) for s in self.stops) + len(self.to_check)
