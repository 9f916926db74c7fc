"""Realistic extracts made by the tests: NDelius column names, odd encodings, bad cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass

from tests.narrowing import present

HEADERS = ("CRN", "Forename", "Surname", "Date of Birth", "Gender", "Address Line 1", "Town",
           "Postcode", "Mobile Number", "Office", "Offender Manager", "Sentence Date", "Court",
           "Order Type", "Standalone or Combined", "Requirement Sub Type",
           "Requirement Length")
FORENAMES = ("Siân", "Rhys", "Zoë", "Connor", "Aisha", "Dafydd", "Chloé", "Kwame", "Niamh", "Tom")
SURNAMES = ("Jones", "O'Brien", "Ćwikła", "Smith", "Evans", "Patel", "Nowak", "Hughes", "Begum")
OFFICES = ("York", "HGT", "Scarborough", "hull", "LIN")
COURTS = ("York Magistrates' Court", "Hull Crown Court", "Lincoln Magistrates' Court")


@dataclass
class Made:
    """An extract and what the test knows about its rows."""

    rows: list[list[str]]
    bad_lines: set[int]


def person_row(index: int, rng: random.Random, *, iso_dates: bool = False) -> list[str]:
    # Distinct dates of birth, so only the rows a test makes so look like duplicates.
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=(index * 37) % 15000)
    sentence = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(300))
    fmt = "%Y-%m-%d" if iso_dates else "%d/%m/%Y"
    return [f"Z{index:06d}", rng.choice(FORENAMES), rng.choice(SURNAMES), birth.strftime(fmt),
            rng.choice(("Male", "Female", "M", "F", "Not Known")),
            f"{rng.randrange(1, 200)} High Street", "York", "YO1 7HH", "07700 900123",
            rng.choice(OFFICES), "Ann Officer", sentence.strftime(fmt),
            rng.choice(COURTS), rng.choice(("Community Order", "Suspended Sentence Order",
                                            "ORA Community Order")),
            rng.choice(("Standalone", "Combined", "Y", "N")), "Regular",
            str(rng.choice((40, 60, 100, 120, 150, 200, 300)))]


def make_people(count: int, seed: int = 7) -> Made:
    """``count`` rows, mostly good, with every fifth hundred carrying a broken cell."""
    rng = random.Random(seed)
    rows, bad = [], set()
    for index in range(count):
        row = person_row(index + 1, rng, iso_dates=index % 3 == 0)
        line = index + 2
        if index % 500 == 250:
            row[3] = "31/02/1990"            # not a real date
            bad.add(line)
        elif index % 500 == 251:
            row[16] = "20"                   # fewer than 40 hours
            bad.add(line)
        elif index % 500 == 252:
            row[2] = ""                      # no surname
            bad.add(line)
        elif index % 500 == 253:
            row[9] = "Atlantis"              # no such office
            bad.add(line)
        elif index % 500 == 254:
            row[11], row[12], row[16] = "", "", ""   # a person with no order
        rows.append(row)
    return Made(rows, bad)


def to_csv(rows: list[list[str]], *, headers=HEADERS, encoding: str = "utf-8-sig",
           delimiter: str = ",", line_ending: str = "\r\n") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_ending)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def to_xlsx(rows: list[list[str]], *, headers=HEADERS) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = present(book.active)
    sheet.append(list(headers))
    for row in rows:
        cells: list[object] = list(row)
        # Excel stores dates as dates and lengths as numbers.
        for index in (3, 11):
            text = row[index]
            if "/" in text:
                day, month, year = map(int, text.split("/"))
                cells[index] = dt.datetime(year, month, day)
        if row[16].isdigit():
            cells[16] = float(row[16])
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
