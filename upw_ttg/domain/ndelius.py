"""The columns of a national case system (NDelius) extract of people and Unpaid Work orders.

Each field the application keeps is named with the header names NDelius reports and common
spreadsheets use for it, so a column-mapping step can propose a mapping that the coordinator only
confirms. Converting a row gives the same input objects the screens submit, so every imported
value passes the same validation as one typed in (rule DATA-1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from upw_ttg.domain.codes import Gender, Language, OrderSubtype, OrderType, parse_language
from upw_ttg.domain.extract import cell_date, cell_whole_number, cell_yes_no, header_key


@dataclass(frozen=True, slots=True)
class ExtractField:
    """One value the application keeps, the headers that hold it, and whether it is needed."""

    name: str
    label: str
    headers: tuple[str, ...]
    required: bool = False
    # Fields of the order: a row with none of them imports the person alone.
    order: bool = False


PEOPLE_AND_ORDERS: tuple[ExtractField, ...] = (
    ExtractField("crn", "CRN", ("CRN", "Case Reference Number", "Offender CRN", "Case Ref"),
                 required=True),
    ExtractField("forename", "First name", ("Forename", "First Name", "Given Name",
                                            "Given Name 1", "First Forename"), required=True),
    ExtractField("middle_names", "Middle names", ("Middle Names", "Middle Name", "Second Name",
                                                  "Given Name 2", "Other Forenames")),
    ExtractField("surname", "Surname", ("Surname", "Family Name", "Last Name"), required=True),
    ExtractField("preferred_name", "Preferred name", ("Preferred Name", "Known As")),
    ExtractField("date_of_birth", "Date of birth", ("Date of Birth", "DOB", "Birth Date",
                                                    "Date Of Birth (dd/mm/yyyy)"), required=True),
    ExtractField("gender", "Gender", ("Gender", "Sex")),
    ExtractField("gender_identity", "Gender identity", ("Gender Identity",
                                                        "Gender Identity Description")),
    ExtractField("address_line1", "Address", ("Address Line 1", "Address 1", "Address",
                                              "Street", "Building Name and Street")),
    ExtractField("address_line2", "Address (line 2)", ("Address Line 2", "Address 2", "District",
                                                       "Locality")),
    ExtractField("town", "Town", ("Town", "Town/City", "City", "Town or City")),
    ExtractField("postcode", "Postcode", ("Postcode", "Post Code", "Postal Code")),
    ExtractField("phone", "Phone", ("Mobile Number", "Mobile", "Telephone", "Telephone Number",
                                    "Phone", "Phone Number")),
    ExtractField("preferred_language", "Language", ("Language", "Preferred Language",
                                                    "First Language")),
    ExtractField("office", "Office or team", ("Office", "Team", "Office Location",
                                              "Team Description", "Provider Team", "Office/Team")),
    ExtractField("responsible_officer", "Responsible officer", (
        "Responsible Officer", "Offender Manager", "Officer", "Practitioner", "Staff Name",
        "Case Manager")),
    ExtractField("sentence_date", "Sentence date", ("Sentence Date", "Date of Sentence",
                                                    "Event Sentence Date", "Order Date"),
                 order=True),
    ExtractField("court", "Court", ("Court", "Sentencing Court", "Court Name"), order=True),
    ExtractField("order_type", "Order type", ("Order Type", "Sentence Type", "Disposal Type",
                                              "Disposal"), order=True),
    ExtractField("standalone", "Standalone or combined", (
        "Standalone or Combined", "Standalone", "Requirement Combination", "Stand Alone"),
                 order=True),
    ExtractField("subtype", "Requirement subtype", ("Requirement Sub Type", "Requirement Subtype",
                                                    "Sub Type", "Subtype"), order=True),
    ExtractField("hours_ordered", "Hours ordered", (
        "Requirement Length", "Requirement Length (Hours)", "Length", "Hours Ordered",
        "UPW Hours", "Hours"), order=True),
)

FIELDS_BY_NAME = {f.name: f for f in PEOPLE_AND_ORDERS}
ORDER_FIELDS = tuple(f.name for f in PEOPLE_AND_ORDERS if f.order)
# The order's fields that must be present when any of them is.
ORDER_REQUIRED = ("sentence_date", "court", "hours_ordered")

def guess_mapping(headers: tuple[str, ...] | list[str],
                  fields: tuple[ExtractField, ...] = PEOPLE_AND_ORDERS) -> dict[str, str]:
    """The header each field most likely sits under: exact names first, each header used once."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field in fields:
        for candidate in (field.name, field.label, *field.headers):
            found = by_key.get(header_key(candidate))
            if found is not None and found not in used:
                mapping[field.name] = found
                used.add(found)
                break
    return mapping


def mapping_problems(mapping: Mapping[str, str], headers: tuple[str, ...] | list[str],
                     fields: tuple[ExtractField, ...] = PEOPLE_AND_ORDERS) -> dict[str, str]:
    """What is wrong with a mapping, by field: a required field unmapped, a header that is not
    in the file, or one header used for two fields."""
    problems: dict[str, str] = {}
    present = set(headers)
    seen: dict[str, str] = {}
    by_name = {f.name: f for f in fields}
    for name, header in mapping.items():
        if name not in by_name:
            problems[name] = f"“{name}” is not something this import reads."
        elif header not in present:
            problems[name] = f"The file has no column “{header}”."
        elif header in seen:
            problems[name] = (f"The column “{header}” is already used for "
                              f"{by_name[seen[header]].label.lower()}.")
        else:
            seen[header] = name
    for field in fields:
        if field.required and field.name not in mapping and field.name not in problems:
            problems[field.name] = f"Choose the column that holds the {field.label.lower()}."
    if any(n in mapping for n in ORDER_FIELDS):
        for name in ORDER_REQUIRED:
            if name not in mapping and name not in problems:
                problems[name] = (f"Orders are imported: choose the column that holds the "
                                  f"{by_name[name].label.lower()}.")
    return problems


# --- values ---------------------------------------------------------------------------------

def _gender(text: str) -> Gender:
    value = text.strip().lower()
    if value in ("m", "male", "man"):
        return Gender.MALE
    if value in ("f", "female", "woman"):
        return Gender.FEMALE
    if value in ("", "n", "u", "not known", "unknown", "not stated", "not specified",
                 "prefer not to say", "other", "x"):
        return Gender.NOT_STATED
    raise ValueError(f"“{text.strip()}” is not a gender this import knows (Male, Female, "
                     "Not known)")


def _language(text: str) -> Language:
    if not text.strip():
        return Language.ENGLISH
    try:
        return parse_language(text)
    except ValueError:  # a language named, such as Polish: "other", its name kept beside it
        return Language.OTHER


def _order_type(text: str) -> OrderType | None:
    value = " ".join(text.strip().lower().replace("(", " ").replace(")", " ").split())
    if not value:
        return None
    if "suspended" in value or value in ("sso", "sso ora"):
        return OrderType.SUSPENDED_SENTENCE_ORDER
    if "community" in value or value in ("co", "co ora"):
        return OrderType.COMMUNITY_ORDER
    raise ValueError(f"“{text.strip()}” is neither a community order nor a suspended sentence "
                     "order")


def _subtype(text: str) -> OrderSubtype | None:
    value = text.strip().lower().replace("-", " ")
    if not value:
        return None
    for subtype in OrderSubtype:
        if value in (subtype.value.replace("_", " "), subtype.value):
            return subtype
    if value in ("standard", "normal"):
        return OrderSubtype.REGULAR
    raise ValueError(f"“{text.strip()}” is not a requirement subtype (regular, additional "
                     "hours, concurrent, consecutive)")


def _text(text: str) -> str | None:
    return text.strip() or None


CONVERTERS: dict[str, Callable[[str], object]] = {
    "date_of_birth": cell_date, "sentence_date": cell_date, "gender": _gender,
    "preferred_language": _language, "order_type": _order_type, "subtype": _subtype,
    "standalone": cell_yes_no, "hours_ordered": cell_whole_number,
}


def convert_row(cells: Mapping[str, str]) -> tuple[dict[str, object], dict[str, str]]:
    """The values of one row, by field, and the problems of the cells that could not be read.

    ``cells`` maps field names to the raw text under their mapped column.
    """
    values: dict[str, object] = {}
    problems: dict[str, str] = {}
    for name, raw in cells.items():
        convert = CONVERTERS.get(name, _text)
        try:
            values[name] = convert(raw)
        except ValueError as exc:
            problems[name] = f"{FIELDS_BY_NAME[name].label}: {exc}."
    if values.get("preferred_language") == Language.OTHER:
        # The language itself, as the person form keeps it beside "other".
        values["other_language"] = cells["preferred_language"].strip()
    return values, problems


def has_order(values: Mapping[str, object]) -> bool:
    """Whether the row carries an order: its sentence date, court or hours filled. A type or
    subtype alone, as some extracts fill by default, is no order."""
    return any(values.get(n) not in (None, "") for n in ORDER_REQUIRED)


def describe_value(value: object) -> str:
    """A value as the preview shows it: dates as 31/12/1990, yes/no, codes as words."""
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value.replace("_", " ")
    return str(value)
