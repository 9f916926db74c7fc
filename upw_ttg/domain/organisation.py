"""Offices and prisons as the administrator edits them, and the checks their fields must pass."""

from __future__ import annotations

import re
from dataclasses import dataclass

from upw_ttg.domain.validation import FieldErrors, phone_problem, text_problem

# What person-facing paper calls the service when an office has no organisation recorded.
DEFAULT_ORGANISATION = "The Probation Service"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PRISON_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class OfficeInput:
    """What an administrator may change about an office (its code and unit are fixed)."""

    name: str
    organisation: str | None
    address: str | None
    town: str | None
    postcode: str | None
    phone: str | None
    email: str | None
    opening_hours: str | None
    warrant_account: str | None
    opening_hours_cy: str | None = None


@dataclass(frozen=True, slots=True)
class PrisonInput:
    code: str
    name: str
    address: str | None
    phone: str | None
    holds_women: bool = False


def office_problems(data: OfficeInput) -> FieldErrors:
    """Each field of an office that cannot be saved, with what to do about it."""
    errors = FieldErrors()
    checks = {
        "name": text_problem("office name", data.name, required=True, max_length=100),
        "organisation": text_problem("organisation name", data.organisation, required=True,
                                     max_length=120),
        "address": text_problem("address", data.address, required=True, max_length=200),
        "town": text_problem("town", data.town, max_length=60),
        "postcode": text_problem("postcode", data.postcode, max_length=10),
        "phone": (text_problem("phone number", data.phone, required=True, max_length=30)
                  or phone_problem("phone number", data.phone)),
        "email": text_problem("email address", data.email, max_length=120)
        or (None if not data.email or _EMAIL.match(data.email)
            else "The email address must look like name@example.org."),
        "opening_hours": text_problem("opening hours", data.opening_hours, max_length=120),
        "opening_hours_cy": text_problem("opening hours in Welsh", data.opening_hours_cy,
                                         max_length=120),
        "warrant_account": text_problem("warrant billing account", data.warrant_account,
                                        max_length=40),
    }
    errors.update({field: problem for field, problem in checks.items() if problem})
    return errors


def prison_problems(data: PrisonInput) -> FieldErrors:
    """Each field of a prison that cannot be saved (it needs a name and a three-letter code)."""
    errors = FieldErrors()
    code_problem = (None if _PRISON_CODE.match(data.code or "")
                    else "The prison code is three capital letters, like LII for HMP Lincoln.")
    checks = {
        "code": code_problem,
        "name": text_problem("prison name", data.name, required=True, max_length=100),
        "address": text_problem("address", data.address, max_length=200),
        "phone": (text_problem("phone number", data.phone, max_length=30)
                  or phone_problem("phone number", data.phone)),
    }
    errors.update({field: problem for field, problem in checks.items() if problem})
    return errors
