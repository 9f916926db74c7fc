"""Checking a printed document against the glossary: every word of fixed text it prints must
be a glossary word in its language; anything else must come from the data it was given."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from enum import Enum

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary

from tests.pdf_support import pdf_text


def data_words(*objects: object, codes: bool = True) -> set[str]:
    """Every word of every text value in ``objects`` (data objects, nested, and strings);
    with ``codes`` False, a code list's values (``OrderStatus.ACTIVE``) are not data: the
    document must print them in words from the glossary."""
    words: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, Enum) and not codes:
            return
        if isinstance(value, str):
            words.update(glossary.word_list(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                visit(getattr(value, field.name))
        elif isinstance(value, (tuple, list, set, frozenset)):
            for item in value:
                visit(item)
        elif isinstance(value, dt.date | int) or value is None:
            return

    for item in objects:
        visit(item)
    return words


def words_not_in_glossary(pdf: bytes, language: Language, data: Iterable[object], *,
                          codes: bool = True) -> set[str]:
    """Words the document prints that are neither glossary text in ``language`` nor data."""
    allowed = glossary.fixed_words(language) | data_words(*data, codes=codes)
    return {w for w in glossary.word_list(pdf_text(pdf)) if w not in allowed}
