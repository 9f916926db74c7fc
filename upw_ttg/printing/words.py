"""A document's fixed words in its language, from the glossary, with its dates in that language."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary
from upw_ttg.printing.text import escape, format_date


class Words:
    """The phrases of one document in ``language`` (Welsh, else English), escaped for paragraphs.

    A key is the document's own (``prefix.key``) where the glossary has that term, else any
    term of the glossary by its full key. English dates keep the documents' short form
    (``26 Nov 2026``); Welsh dates come from the glossary's one Welsh formatter
    (``26 Tachwedd 2026``).
    """

    def __init__(self, language: Language, prefix: str):
        self.language = language.printed
        self.welsh = glossary.is_welsh(language)
        self._prefix = prefix

    def _name(self, key: str) -> str:
        own = f"{self._prefix}.{key}"
        return own if own in glossary.GLOSSARY else key

    def text(self, key: str, **values: object) -> str:
        """The phrase as plain text (not escaped), for a title or a PDF's metadata."""
        return glossary.phrase(self._name(key), self.language, **values)

    def __call__(self, key: str, **values: object) -> str:
        return escape(self.text(key, **values))

    def has(self, key: str) -> bool:
        return self._name(key) in glossary.GLOSSARY

    def date(self, day: dt.date | None, missing: str | None = None) -> str:
        if day is None:
            return missing if missing is not None else self("not_recorded")
        return glossary.short_date(day, self.language) if self.welsh else format_date(day)

    def when(self, at: dt.datetime) -> str:
        return f"{self.date(at.date())} {at:%H:%M}"
