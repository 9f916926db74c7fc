"""A directory provider as an administrator types it, and the checks it must pass before it
is saved (rule TTG-DIR1)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from upw_ttg.domain.validation import FieldErrors, phone_problem, text_problem


class ReferralRoute(StrEnum):
    """How a provider takes referrals."""

    FORM = "form"
    EMAIL = "email"
    PHONE = "phone"
    SELF_REFERRAL = "self_referral"


@dataclass(slots=True)
class ProviderInput:
    """What an administrator types for a provider."""

    name: str = ""
    pathway_codes: tuple[str, ...] = ()
    national: bool = False
    unit_ids: tuple[int, ...] = ()
    address: str | None = None
    town: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    opening_hours: str | None = None
    referral_route: ReferralRoute | None = None
    referral_how: str | None = None
    active: bool = True
    version: int | None = None
    opening_hours_cy: str | None = None


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def provider_problems(data: ProviderInput, pathways: set[str], units: set[int]) -> FieldErrors:
    """Each field of a provider that cannot be saved, with what to do about it."""
    errors = FieldErrors()
    email_problem = text_problem("email address", data.email, max_length=120) or (
        None if not data.email or _EMAIL.match(data.email)
        else "The email address must look like name@example.org.")
    checks = {
        "name": text_problem("provider's name", data.name, required=True, max_length=120),
        "pathway_codes": None if data.pathway_codes else "Tick what the provider helps with.",
        "address": text_problem("address", data.address, max_length=200),
        "town": text_problem("town", data.town, max_length=60),
        "postcode": text_problem("postcode", data.postcode, max_length=10),
        "phone": (text_problem("phone number", data.phone, max_length=30)
                  or phone_problem("phone number", data.phone)),
        "email": email_problem,
        "opening_hours": text_problem("opening hours", data.opening_hours, max_length=120),
        "opening_hours_cy": text_problem("opening hours in Welsh", data.opening_hours_cy,
                                         max_length=120),
        "referral_how": text_problem("how to refer", data.referral_how, max_length=300),
    }
    if any(code not in pathways for code in data.pathway_codes):
        checks["pathway_codes"] = "One of the pathways is no longer on record."
    if not data.national and not data.unit_ids:
        checks["unit_ids"] = "Tick the areas the provider serves, or ‘Everywhere’."
    elif any(unit not in units for unit in data.unit_ids):
        checks["unit_ids"] = "One of the areas is no longer on record."
    if not (data.phone or data.email or data.address):
        checks["phone"] = checks["phone"] or "Enter at least a phone number, email or address."
    route = data.referral_route
    if route is None:
        checks["referral_route"] = "Choose how referrals are made."
    elif route == ReferralRoute.EMAIL and not data.email:
        checks["email"] = email_problem or "Referrals go by email: enter the email address."
    elif route == ReferralRoute.PHONE and not data.phone:
        checks["phone"] = checks["phone"] or "Referrals go by phone: enter the phone number."
    elif route == ReferralRoute.FORM and not data.referral_how:
        checks["referral_how"] = "Say where the referral form is (a web address or who has it)."
    errors.update({name: problem for name, problem in checks.items() if problem})
    return errors
