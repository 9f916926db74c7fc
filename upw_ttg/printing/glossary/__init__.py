"""The one English–Welsh glossary: every fixed phrase of every document, person's or staff's.

How to read the glossary's files (for the Welsh Language Unit): one file per group of documents
(common, upw_letters, warrant, handouts, court, staff_paper, certificate, handover,
case_summary, subject_access, figures); each ``Term`` is one phrase, with its key, the
English (``en``) and the Welsh (``cy``) side by side. Words in braces, such as ``{date}`` or
``{name}``, are filled in by the application (a date already in Welsh, a person's
name) and must stay as they are. ``note`` says where a phrase is used or why it is worded so. A
term is translated once here and every document takes it from here, so a correction made here
reaches every letter, warrant and sheet. ``python -m upw_ttg.printing.glossary`` lists every
term as a tab-separated table for review.

Mutations. Every common noun, weekday and verb-noun in a Welsh phrase is written here already
mutated as its place in the phrase requires ("ar ddydd Llun", "cysylltwch â'r tîm", "cyn i'r
sesiwn ddechrau"), so no mutation is computed while printing. What the application fills in is
never mutated: a person's name after "ffoniwch", "â" or "gan" prints as it is recorded
("ffoniwch Gareth Price", "cysylltwch â Catrin Jones", not "ffoniwch Areth" or "â Chatrin"). In
modern formal Welsh, and in the public bodies' bilingual correspondence this follows, personal
names are normally left unmutated: a mutated name can be unrecognisable to its owner, to a
colleague or to a search of the record, and many names are not Welsh at all. The one change a
name makes to the words around it is "ag" rather than "â" before a vowel (the phrase pair
``appointment.call_no_phone`` / ``appointment.call_no_phone_vowel``).

The Welsh was written for this application; have it checked by the Welsh Language Unit before
go-live.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterator

from upw_ttg.domain.codes import Language
from upw_ttg.printing.glossary import (
    case_summary,
    certificate,
    common,
    court,
    figures,
    handouts,
    handover,
    staff_paper,
    subject_access,
    upw_letters,
    warrant,
)
from upw_ttg.printing.glossary.term import COMMUNITY_PAYBACK_CY, Term

# Each file holds the terms of one group of documents, in the order a reviewer reads them.
_TERMS: tuple[Term, ...] = (*common.TERMS, *upw_letters.TERMS, *warrant.TERMS,
                            *handouts.TERMS, *court.TERMS, *staff_paper.TERMS,
                            *certificate.TERMS, *handover.TERMS, *case_summary.TERMS,
                            *subject_access.TERMS, *figures.TERMS)
__all__ = ["COMMUNITY_PAYBACK_CY", "GLOSSARY", "Term"]

GLOSSARY: dict[str, Term] = {term.key: term for term in _TERMS}
if len(GLOSSARY) != len(_TERMS):  # a key given twice would hide one translation
    raise RuntimeError("glossary keys must be unique")

def is_welsh(language: Language) -> bool:
    """Whether ``language`` prints in Welsh (a reader of any other language is given English)."""
    if not isinstance(language, Language):
        raise TypeError(f"a Language, not {language!r}")
    return language is Language.WELSH


def phrase(key: str, language: Language, **values: object) -> str:
    """The phrase ``key`` in ``language`` with its placeholders filled (values as given: escape
    user text for paragraphs before or after, as the document needs)."""
    term = GLOSSARY[key]
    text = term.cy if is_welsh(language) else term.en
    return text.format(**values) if values else text


def month(day: dt.date, language: Language) -> str:
    return phrase(f"month.{day.month}", language)


def short_date(day: dt.date, language: Language) -> str:
    """``30 November 2026`` / ``30 Tachwedd 2026``."""
    return f"{day.day} {month(day, language)} {day.year}"


def long_date(day: dt.date, language: Language) -> str:
    """``Monday 30 November 2026`` / ``Dydd Llun 30 Tachwedd 2026`` (standing alone)."""
    return f"{phrase(f'weekday.{day.weekday()}', language)} {short_date(day, language)}"


def date_after_on(day: dt.date, language: Language) -> str:
    """The weekday and date as they follow "On" / "Ar": ``Monday 30 November 2026`` /
    ``ddydd Llun 30 Tachwedd 2026`` (soft mutation)."""
    return f"{phrase(f'weekday_on.{day.weekday()}', language)} {short_date(day, language)}"


def hours_text(minutes: int, language: Language) -> str:
    """``90`` -> "1 hour 30 minutes" / "1 awr 30 munud"."""
    hours, rest = divmod(max(0, minutes), 60)
    text = phrase("hours.hour" if hours == 1 else "hours.hours", language, count=hours)
    if rest:
        text += " " + phrase("hours.minute" if rest == 1 else "hours.minutes", language,
                             count=rest)
    return text


def fixed_words(language: Language) -> frozenset[str]:
    """Every word of the glossary's fixed text in ``language`` (placeholders left out): what a
    document in that language may print besides the data it was given."""
    words: set[str] = set()
    for term in GLOSSARY.values():
        text = term.cy if is_welsh(language) else term.en
        literal = "".join(part for part, *_ in string.Formatter().parse(text))
        words.update(word_list(literal))
    return frozenset(words)


def word_list(text: str) -> list[str]:
    """The words of ``text``, lower-cased, for comparing a document with the glossary."""
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)]


def pair(key: str) -> tuple[str, str]:
    """(English, Welsh) of one term, for documents that hold their words as pairs."""
    term = GLOSSARY[key]
    return term.en, term.cy


def pairs(prefix: str) -> dict[str, tuple[str, str]]:
    """Every term whose key starts ``prefix.``, by the rest of its key: (English, Welsh)."""
    start = f"{prefix}."
    return {key[len(start):]: (term.en, term.cy) for key, term in GLOSSARY.items()
            if key.startswith(start)}


def review_rows() -> Iterator[tuple[str, str, str, str]]:
    """(key, English, Welsh, note) for every term, in the order of this file."""
    for term in _TERMS:
        yield term.key, term.en, term.cy, term.note
