"""The "Records to check" block on paper: the rows a document could not print, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.access import RESTRICTED_TEXT
from upw_ttg.domain.codes import Language
from upw_ttg.domain.records_to_check import RecordToCheck
from upw_ttg.printing import glossary
from upw_ttg.printing.styles import data_table_style, get_styles
from upw_ttg.printing.template import Section
from upw_ttg.printing.text import escape

_COLUMNS = ("13%", "22%", "20%", "45%")
# The documents the glossary names, by their English (the sentence says which was left short).
_DOCUMENTS = {"this sheet": "this_sheet", "this manifest": "this_manifest",
              "the appointment letters": "the_letters"}
_LANDSCAPE_COLUMNS = (28 * mm, 60 * mm, 50 * mm, 123 * mm)
# The records the glossary names, by their English (a record's own name prints as given).
_RECORDS = {"Unpaid Work order": "record.unpaid_work_order",
            "appointment letter": "record.appointment_letter", RESTRICTED_TEXT: "restricted"}


def _record(record: RecordToCheck, language: Language) -> str:
    """Which record, in ``language`` where the glossary names it."""
    key = _RECORDS.get(record.record)
    return glossary.phrase(f"to_check.{key}", language) if key else record.record


def _reason(record: RecordToCheck, language: Language) -> str:
    """What to check: in English as the application gave it; in Welsh from the glossary,
    with the dates named and written in Welsh (a reason only given as text prints as given)."""
    if not glossary.is_welsh(language):
        return record.reason

    def say(key: str, **values: object) -> str:
        return glossary.phrase(f"to_check.{key}", language, **values)

    if record.reason_key == "dates" and record.wrong_dates:
        named = []
        for label, day in record.wrong_dates:
            key = f"to_check.date.{label.replace(' ', '_')}"
            name = glossary.phrase(key, language) if key in glossary.GLOSSARY else label
            named.append(f"{name} ({glossary.short_date(day, language)})")
        return say("reason_dates", dates="; ".join(named))
    if record.reason_key == "unworkable":
        return say("reason_unworkable")
    if record.reason == RESTRICTED_TEXT:
        return say("restricted")
    return record.reason


def build_records_to_check(records: Sequence[RecordToCheck], *, what: str = "this document",
                           landscape: bool = False, language: Language = Language.ENGLISH
                           ) -> list[Flowable]:
    """A heading, one sentence and a table of who was left out and what to correct; nothing
    when every record printed. ``what`` is the document ("this sheet"); in Welsh it is taken
    from the glossary where it has a term ("this sheet", "this manifest")."""
    if not records:
        return []
    s = get_styles()

    def say(key: str, **values: object) -> str:
        return glossary.phrase(f"to_check.{key}", language, **values)

    # No CRN column where none is printed (a driver's manifest names people only).
    first = 0 if any(record.crn for record in records) else 1
    rows: list[list[Paragraph]] = [[Paragraph(escape(say(f"col_{h}")), s.table_header)
                         for h in ("crn", "name", "record", "what")[first:]]]
    for record in records:
        rows.append([Paragraph(escape(record.crn or ""), s.table_cell),
                     Paragraph(f"<b>{escape(record.name)}</b>", s.table_cell),
                     Paragraph(escape(_record(record, language)), s.table_cell),
                     Paragraph(escape(_reason(record, language)), s.table_cell)][first:])
    widths: tuple[float | str, ...] = _LANDSCAPE_COLUMNS if landscape else _COLUMNS
    if first:
        widths = (_LANDSCAPE_COLUMNS[1:] if landscape else ("25%", "20%", "55%"))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    document = _DOCUMENTS.get(what)
    what = say(document) if document else what
    sentence = (say("many", count=len(records), what=what) if len(records) > 1
                else say("one", what=what))
    return [CondPageBreak(30 * mm), Spacer(1, 3 * mm), Paragraph(escape(say("title")), s.heading),
            Paragraph(escape(sentence), s.body), table]


def records_to_check_section(records: Sequence[RecordToCheck], *, what: str,
                             day: dt.date | None = None,
                             language: Language = Language.ENGLISH) -> Section:
    """A page for the end of a batch naming what the batch left out (staff only), in the
    staff's ``language``."""
    reference = f"CHECK-{day:%Y%m%d}" if day else "CHECK"
    return Section(glossary.phrase("to_check.title", language), reference,
                   build_records_to_check(records, what=what, language=language)[1:],
                   staff_only=True, language=language)
