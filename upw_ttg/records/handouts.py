"""Documents handed to the person: types with no field for risk, health or offence data.

Nothing here may hold risk of harm, MAPPA, the offence, whether a need is linked to
offending, health conditions or medicines, staff progress notes, actions that manage risk or
meeting notes: a printed copy
is built only from these types, so such data cannot reach it by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from upw_ttg.domain.codes import (
    Language,
    NeedStatus,
    ReferralStatus,
    Responsibility,
    TravelPayment,
)
from upw_ttg.records.directory import ProviderContact
from upw_ttg.records.upw_print import OfficeContact


class ContactRole(StrEnum):
    RESETTLEMENT_WORKER = "resettlement_worker"
    RESPONSIBLE_OFFICER = "responsible_officer"
    FIRST_APPOINTMENT = "first_appointment"
    GP = "gp"
    PHARMACY = "pharmacy"
    HELPLINE = "helpline"


@dataclass(frozen=True, slots=True)
class HandoutAction:
    description: str
    owner: str
    due_date: dt.date | None
    done_on: dt.date | None
    # The owner's details, when it is a provider in the directory (rule TTG-DIR4).
    contact: ProviderContact | None = None


@dataclass(frozen=True, slots=True)
class HandoutNeed:
    pathway_code: str
    pathway_name: str
    own_words: str | None
    status: NeedStatus
    responsibility: Responsibility | None
    actions: tuple[HandoutAction, ...]
    # What happens if this part of the plan falls through (rule TTG-FALLBACK).
    fallback: HandoutFallback | None = None


@dataclass(frozen=True, slots=True)
class HandoutAppointment:
    what: str
    with_whom: str | None
    at: dt.datetime | None
    where: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class HandoutReferral:
    pathway_code: str
    pathway_name: str
    provider: str
    sent_on: dt.date
    status: ReferralStatus
    # The provider's details as the directory holds them when printed (rule TTG-DIR4).
    contact: ProviderContact | None = None


@dataclass(frozen=True, slots=True)
class HandoutContact:
    role: ContactRole
    name: str | None
    organisation: str | None
    phone: str | None
    email: str | None
    # A service in the directory (the GP practice, the pharmacy): its details when printed.
    provider: ProviderContact | None = None


@dataclass(frozen=True, slots=True)
class PersonPlanCopy:
    """The person's copy of their resettlement plan."""

    person_name: str
    prison_name: str
    prison_number: str
    worker_name: str | None
    expected_release_date: dt.date | None
    release_date_confirmed: bool
    plan_date: dt.date | None
    needs: tuple[HandoutNeed, ...]
    other_actions: tuple[HandoutAction, ...]
    strengths: tuple[str, ...]
    appointments: tuple[HandoutAppointment, ...]
    referrals: tuple[HandoutReferral, ...]
    contacts: tuple[HandoutContact, ...]
    person_agrees: bool | None
    agreed_on: dt.date | None
    person_comments: str | None
    language: Language
    printed_at: dt.datetime
    printed_by: str | None


@dataclass(frozen=True, slots=True)
class HandoutFallback:
    """What happens if part of the plan falls through (rule TTG-FALLBACK): for a need's
    pathway, or for the day of release when ``pathway_code`` is None (then ``by_time``)."""

    pathway_code: str | None
    pathway_name: str | None
    plan: str | None
    contact: str | None
    by_date: dt.date | None = None
    by_time: dt.time | None = None
    # Who to call, when it is a provider in the directory: its details when printed.
    provider: ProviderContact | None = None


@dataclass(frozen=True, slots=True)
class ReleaseDaySheet:
    """What the person needs on the day they leave prison.

    Unknown is None, printed as "not known yet: ask before you leave", never as "no". A
    prescription is only arranged or not and where to collect it: the medicine is health
    detail and is not here.
    """

    person_name: str
    prison_name: str
    release_date: dt.date | None
    release_date_confirmed: bool
    first_appointment: HandoutAppointment | None
    accommodation_found: bool | None
    first_night_address: str | None
    prescriptions_arranged: bool | None
    prescriptions_collect_from: str | None
    id_status: str | None
    bank_account_status: str | None
    benefits_status: str | None
    gp_registered: bool | None
    gp_details: str | None
    contacts: tuple[HandoutContact, ...]
    language: Language
    printed_at: dt.datetime
    printed_by: str | None
    # The journey from the prison to the first appointment, and how it is paid for.
    travel_route: str | None = None
    travel_payment: TravelPayment | None = None
    # The probation officer by name, and the office the person reports to.
    officer_name: str | None = None
    office: OfficeContact | None = None
    # The day of release's fallback first, then those of the needs on the person's copy.
    fallbacks: tuple[HandoutFallback, ...] = ()
    # Services the person was referred to that are still helping, with their details.
    services: tuple[HandoutReferral, ...] = ()
    # The hostel or housing provider for the first night, the GP practice and the pharmacy,
    # from the directory: their details as it holds them when printed (rule TTG-DIR4).
    first_night_provider: ProviderContact | None = None
    gp_provider: ProviderContact | None = None
    prescriptions_provider: ProviderContact | None = None
