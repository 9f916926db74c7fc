"""Custody records as the prison systems give them: a CSV extract, or Prisoner Search JSON.

HMPPS Prisoner Search returns ``Prisoner`` records (one object, a list, or a page whose
``content`` holds the list) with camelCase names such as ``prisonerNumber``, ``prisonId`` and
``conditionalReleaseDate``. Reading one turns it into the same :class:`Extract` a CSV gives, its
headers the record's names, so one mapping step and one planner serve both.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from upw_ttg.domain.extract import MAX_ROWS, Extract
from upw_ttg.domain.ndelius import ExtractField
from upw_ttg.errors import ValidationError

CUSTODY_FIELDS: tuple[ExtractField, ...] = (
    ExtractField("prison_number", "Prison number", ("prisonerNumber", "Prison Number",
                                                    "NOMS Number", "Offender No", "NOMIS ID"),
                 required=True),
    ExtractField("prison", "Prison", ("prisonId", "Prison", "Establishment", "Agency",
                                      "Prison Code"), required=True),
    ExtractField("crn", "CRN", ("CRN", "Case Reference Number")),
    ExtractField("forename", "First name", ("firstName", "Forename", "First Name")),
    ExtractField("surname", "Surname", ("lastName", "Surname", "Last Name")),
    ExtractField("date_of_birth", "Date of birth", ("dateOfBirth", "Date of Birth", "DOB")),
    ExtractField("reception_date", "Reception date", ("receptionDate", "Reception Date",
                                                      "Admission Date")),
    ExtractField("sentence_start_date", "Sentence start (SSD)", ("sentenceStartDate", "SSD",
                                                                 "Sentence Start Date")),
    ExtractField("conditional_release_date", "Conditional release (CRD)", (
        "conditionalReleaseDate", "CRD", "Conditional Release Date")),
    ExtractField("automatic_release_date", "Automatic release (ARD)", (
        "automaticReleaseDate", "ARD", "Automatic Release Date")),
    ExtractField("parole_eligibility_date", "Parole eligibility (PED)", (
        "paroleEligibilityDate", "PED", "Parole Eligibility Date")),
    ExtractField("hdc_eligibility_date", "HDC eligibility (HDCED)", (
        "homeDetentionCurfewEligibilityDate", "HDCED", "HDC Eligibility Date")),
    ExtractField("hdc_approved_date", "HDC approved", ("homeDetentionCurfewActualDate", "HDCAD",
                                                       "HDC Approved Date")),
    ExtractField("confirmed_release_date", "Confirmed release", (
        "confirmedReleaseDate", "Confirmed Release Date")),
    ExtractField("licence_expiry_date", "Licence expiry (LED)", ("licenceExpiryDate", "LED",
                                                                 "Licence Expiry Date")),
    ExtractField("sentence_expiry_date", "Sentence expiry (SED)", ("sentenceExpiryDate", "SED",
                                                                   "Sentence Expiry Date")),
    ExtractField("pss_end_date", "Post-sentence supervision end (TUSED)", (
        "topupSupervisionExpiryDate", "TUSED", "Top-up Supervision Expiry Date")),
)
CUSTODY_FIELDS_BY_NAME = {f.name: f for f in CUSTODY_FIELDS}
DATE_NAMES = tuple(f.name for f in CUSTODY_FIELDS
                   if f.name.endswith("_date") and f.name != "date_of_birth")


def prisoner_search_extract(data: bytes, file_name: str) -> Extract:
    """Prisoner Search JSON as an extract: one row per ``Prisoner``, its scalar fields as
    columns in the order they first appear. Raises ValidationError in plain words."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError({"file": "The file is not readable JSON. Export the prisoners "
                                       "again, or use a CSV extract."}) from None
    if isinstance(document, dict) and isinstance(document.get("content"), list):
        records = document["content"]
    elif isinstance(document, list):
        records = document
    elif isinstance(document, dict):
        records = [document]
    else:
        records = []
    records = [r for r in records if isinstance(r, dict)]
    if not records:
        raise ValidationError({"file": "The file holds no prisoner records."})
    if len(records) > MAX_ROWS:
        raise ValidationError({"file": f"The file has {len(records):,} records; split it into "
                                       f"files of at most {MAX_ROWS:,}."})
    headers: dict[str, None] = {}
    for record in records:
        for key, value in record.items():
            if not isinstance(value, (dict, list)):
                headers.setdefault(str(key), None)
    names = tuple(headers)
    rows = tuple(tuple("" if r.get(n) is None else str(r.get(n)).strip() for n in names)
                 for r in records)
    return Extract(file_name=Path(file_name).name, headers=names, rows=rows,
                   sha256=hashlib.sha256(data).hexdigest())
