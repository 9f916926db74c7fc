"""Field validators shared by every form: plain-words messages, nothing stored on failure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
import unicodedata
from functools import cache
from typing import Any

from upw_ttg.errors import ValidationError

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
# Dates of record (birth, sentence, release, sessions) and what the calendar is asked about:
# anything outside is a typing mistake, and the bank-holiday tables end in 2100.
FIRST_YEAR_OF_RECORD = 1900
LAST_YEAR_OF_RECORD = 2100
MAX_PAGE_SIZE = 10_000
# A year of working days: the most any rule counts forward or back.
MAX_WORKING_DAYS = 260
MAX_SEARCH_TEXT = 200
# Control characters (C0, DEL, C1) and lone surrogates; the first pattern spares tab, line
# feed and carriage return, for multi-line notes. Regular expressions: this runs on every value
# written to the database, so it must be quick.
_UNSTORABLE_IN_NOTES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSTORABLE_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


class FieldErrors(dict[str, str]):
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
    if text.isprintable():
        # The common case, answered in C: printable text holds none of these categories.
        return False
    return any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} and ch not in "\n\t"
               for ch in text)


def control_character_problem(label: str, value: str, *, line_breaks: bool) -> str | None:
    """NUL and other control characters, and lone surrogates, which no database stores
    faithfully; tabs and line breaks only where the field is a multi-line note."""
    found = (_UNSTORABLE_IN_NOTES if line_breaks else _UNSTORABLE_ON_ONE_LINE).search(value)
    if found is None:
        return None
    if "\ud800" <= found.group() <= "\udfff":
        return f"The {label} holds a character that cannot be stored; retype it."
    if found.group() in "\t\n\r":
        return f"The {label} must be on one line."
    return f"The {label} holds hidden control characters; retype it."


def number_problem(label: str, value: int, *, limit: int = 2**31,
                   minimum: int | None = None) -> str | None:
    """A whole number the database can hold: below ``limit`` in size, and at least
    ``minimum`` when one is given (for counts, offsets and page sizes)."""
    if minimum is not None and value < minimum:
        return f"The {label} must be at least {minimum}."
    if not -limit <= value < limit:
        return f"The {label} is out of range."
    return None


def date_of_record_problem(label: str, value: dt.date) -> str | None:
    """A date between 1900 and 2100: earlier or later is a mistyped year."""
    if not FIRST_YEAR_OF_RECORD <= value.year <= LAST_YEAR_OF_RECORD:
        return (f"The {label} must be between {FIRST_YEAR_OF_RECORD} and "
                f"{LAST_YEAR_OF_RECORD}; check the year.")
    return None


def require_dates(**dates: dt.date | None) -> None:
    """Raise ValidationError unless every given date (keyword = field) is a date of record."""
    errors = FieldErrors()
    for field, value in dates.items():
        if value is not None:
            errors.check(field, date_of_record_problem(field.replace("_", " "), value))
    if errors:
        raise ValidationError(errors)


def require_calendar_dates(**dates: dt.date | None) -> None:
    """Like ``require_dates``, for dates the working-day calendar counts from: they stop a
    year short of 2100, so that a deadline counted from them stays inside the calendar."""
    errors = FieldErrors()
    for field, value in dates.items():
        if value is not None and not (FIRST_YEAR_OF_RECORD <= value.year
                                      <= LAST_YEAR_OF_RECORD - 1):
            errors.check(field, f"The {field.replace('_', ' ')} must be between "
                                f"{FIRST_YEAR_OF_RECORD} and {LAST_YEAR_OF_RECORD - 1}; "
                                "check the year.")
    if errors:
        raise ValidationError(errors)


def require_working_days(days: int, field: str = "days") -> None:
    """Raise ValidationError unless a count of working days is at most a year's worth."""
    problem = number_problem("number of working days", days, limit=MAX_WORKING_DAYS + 1)
    if problem:
        raise ValidationError({field: problem})


def require_page(offset: int | None = None, limit: int | None = None) -> None:
    """Raise ValidationError unless a list's offset and page size are sensible numbers."""
    errors = FieldErrors()
    if offset is not None:
        errors.check("offset", number_problem("starting row", offset, minimum=0))
    if limit is not None:
        errors.check("limit", number_problem("number of rows", limit, minimum=0,
                                             limit=MAX_PAGE_SIZE + 1))
    if errors:
        raise ValidationError(errors)


def search_text(text: str | None) -> str:
    """What a search box holds, made safe to look for: control characters (a pasted tab or
    line break) become spaces, lone surrogates go, and only the first 200 characters count.

    A search answers as the user types, so it forgives rather than refuses: anything longer
    than a name or reference cannot match, and finds nothing, as it should.
    """
    if not text:
        return ""
    without_surrogates = _SURROGATES.sub("", text[:MAX_SEARCH_TEXT])
    return " ".join(_UNSTORABLE_ON_ONE_LINE.sub(" ", without_surrogates).split())


def field_label(name: str) -> str:
    """A field, column or parameter name in plain words: ``date_of_birth`` is "date of birth",
    ``person_id`` is "person reference", ``closed_on`` is "date closed"."""
    name = re.sub(r"_\d+$", "", name.removeprefix("param_")) or "value"
    if name == "id":
        return "record reference"
    if name.endswith("_id"):
        return name[:-3].replace("_", " ") + " reference"
    if name.endswith("_on"):
        return "date " + name[:-3].replace("_", " ")
    if name.endswith("_at"):
        return "time " + name[:-3].replace("_", " ")
    return name.replace("_", " ")


@cache
def _required_fields(record_type: type) -> frozenset[str]:
    """The fields of an input record whose annotation does not admit None."""
    hints = typing.get_type_hints(record_type)
    return frozenset(
        field.name for field in dataclasses.fields(record_type)
        if not (typing.get_origin(hints[field.name]) in (typing.Union, types.UnionType)
                and type(None) in typing.get_args(hints[field.name]))
        and hints[field.name] is not Any)


def require_complete(*records: Any) -> None:
    """Raise ValidationError naming each required field of an input record (and of the records
    and lists of records inside it) that was left empty (None)."""
    errors = FieldErrors()

    def visit(record: Any) -> None:
        if isinstance(record, (list, tuple)):
            for item in record:
                visit(item)
            return
        if not dataclasses.is_dataclass(record) or isinstance(record, type):
            return
        required = _required_fields(type(record))
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            if value is None and field.name in required:
                errors.check(field.name, f"Enter the {field_label(field.name)}.")
            else:
                visit(value)

    for record in records:
        visit(record)
    if errors:
        raise ValidationError(errors)


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
