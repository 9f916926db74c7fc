"""Turning user data into safe paragraph text: escaping, dates, durations, ages."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as _xml_escape

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary

# Services format dates with this module without printing anything: reportlab (about 10 MB)
# is loaded by the documents, not by them.
if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

# Month names are fixed here because strftime("%b") follows the C locale, which Qt changes.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Control characters (other than tab and newline) make the paragraph parser or the PDF choke.
# A UK postcode's two halves, for keeping them on one line.
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ([0-9][A-Z]{2})\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

NOT_RECORDED = "Not recorded"


def escape(value: object) -> str:
    """User text made safe for a ``Paragraph``: markup prints literally, newlines break lines.

    Every piece of user data must pass through here (or ``plain``) before it reaches a
    Paragraph, so a name like ``<b>Ann & Co</b>`` prints as typed and never breaks the build.
    """
    text = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return _xml_escape(text).replace("\n", "<br/>")


def plain(value: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text with no markup of its own."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(value), style)


def or_not_recorded(value: object | None) -> str:
    """Escaped ``value``, or "Not recorded" when it is missing or blank."""
    if value is None or not str(value).strip():
        return NOT_RECORDED
    return escape(str(value).strip())


def format_date(value: dt.date | None, missing: str = NOT_RECORDED) -> str:
    """A date as printed on every document: ``26 Nov 2026``."""
    if value is None:
        return missing
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: dt.datetime, language: Language = Language.ENGLISH) -> str:
    """A timestamp as printed on documents: ``26 Nov 2026 14:05``, in Welsh
    ``26 Tachwedd 2026 14:05``."""
    if glossary.is_welsh(language):  # Welsh months in full, from the glossary as every date
        return f"{glossary.short_date(value.date(), language)} {value:%H:%M}"
    return f"{format_date(value.date())} {value:%H:%M}"


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Age in whole years on ``on``; someone born on 29 February ages on 1 March."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


def enum_label(value: object) -> str:
    """A readable label for a code list value: ``deadline_passed`` -> ``Deadline passed``."""
    text = str(value).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def as_sentences(*parts: str | None) -> str | None:
    """Pieces of recorded text joined as sentences: "Letter sent." and "Phoned" give
    "Letter sent. Phoned.", never "Letter sent.; Phoned"; None when every piece is blank."""
    pieces = [" ".join(p.split()).rstrip(" .;,") for p in parts if p and p.strip()]
    pieces = [p for p in pieces if p]
    return " ".join(f"{p}." if p[-1] not in "!?" else p for p in pieces) or None


def postcode_kept(text: str) -> str:
    """A postcode's two halves kept on one line: 'YO1 6HP' never breaks before '6HP'."""
    return _POSTCODE.sub(r"\1&nbsp;\2", text)


def number_kept(phone: str) -> str:
    """A phone number escaped and kept on one line: '0808 157 0101' is dialled whole."""
    return escape(phone.strip()).replace(" ", "&nbsp;")
