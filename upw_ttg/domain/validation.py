"""Field validators shared by every form: plain-words messages, nothing stored on failure."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

CRN_PATTERN = re.compile(r"^[A-Z][0-9]{6}$")
PRISON_NUMBER_PATTERN = re.compile(r"^[A-Z][0-9]{4}[A-Z]{2}$")
POSTCODE_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{6,20}$")
# Letters of any script, spaces, hyphens, apostrophes and full stops: enough for every real
# name, and nothing that could be SQL, markup or a formula.
_NAME_PUNCTUATION = set(" -'’.")
MAX_NAME = 60
MAX_TEXT = 200
MAX_LONG_TEXT = 4000


class FieldErrors(dict):
    """Collects ``{field: message}``; empty means valid."""

    def check(self, field: str, message: str | None) -> None:
        if message and field not in self:
            self[field] = message


def clean(text: str | None) -> str | None:
    """Trim and normalise (NFC) a text value; empty becomes None."""
    if text is None:
        return None
    normalised = unicodedata.normalize("NFC", text).strip()
    return normalised or None


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} and ch not in "\n\t"
               for ch in text)


def name_problem(label: str, value: str | None, *, required: bool = True) -> str | None:
    if not value:
        return f"Enter the {label}." if required else None
    if len(value) > MAX_NAME:
        return f"The {label} is too long: at most {MAX_NAME} characters."
    if not value[0].isalpha():
        return f"The {label} must start with a letter."
    for ch in value:
        if not (ch.isalpha() or ch in _NAME_PUNCTUATION or unicodedata.category(ch) == "Mn"):
            return (f"The {label} can only hold letters, spaces, hyphens, apostrophes and full "
                    f"stops, not “{ch}”.")
    return None


def text_problem(label: str, value: str | None, *, required: bool = False,
                 max_length: int = MAX_TEXT) -> str | None:
    if not value:
        return f"Enter the {label}." if required else None
    if len(value) > max_length:
        return f"The {label} is too long: at most {max_length} characters."
    if _has_control_characters(value):
        return f"The {label} holds hidden control characters; retype it."
    return None


def crn_problem(value: str | None) -> str | None:
    if not value:
        return "Enter the case reference number (CRN)."
    if not CRN_PATTERN.match(value):
        return "A CRN is one capital letter and six digits, for example X123456."
    return None


def prison_number_problem(value: str | None) -> str | None:
    if not value:
        return "Enter the prison number."
    if not PRISON_NUMBER_PATTERN.match(value):
        return "A prison number is a letter, four digits and two letters, for example A1234BC."
    return None


def postcode_problem(value: str | None) -> str | None:
    if value and not POSTCODE_PATTERN.match(value):
        return "Enter a UK postcode such as HU1 3DX."
    return None


def phone_problem(label: str, value: str | None) -> str | None:
    if value and not PHONE_PATTERN.match(value):
        return f"The {label} can only hold digits, spaces, brackets, hyphens and a leading +."
    return None


def date_of_birth_problem(value: dt.date | None, today: dt.date) -> str | None:
    if value is None:
        return "Enter the date of birth."
    if value > today:
        return "The date of birth cannot be in the future."
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age < 10:
        return "The date of birth makes this person younger than 10; check it."
    if age > 110:
        return "The date of birth makes this person older than 110; check it."
    return None


def normalise_postcode(value: str | None) -> str | None:
    if not value:
        return None
    compact = value.replace(" ", "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact
