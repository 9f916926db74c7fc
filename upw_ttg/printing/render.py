"""Turning a document's flowables into PDF bytes on the shared template."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.platypus import Flowable

from upw_ttg.domain.codes import Language
from upw_ttg.printing.template import Section, UpwDocTemplate
from upw_ttg.progress import CancelledFn, ProgressFn


def render_sections(sections: Sequence[Section], *, printed_at: dt.datetime,
                    printed_by: str | None = None, title: str | None = None,
                    invariant: bool = False, progress: ProgressFn | None = None,
                    is_cancelled: CancelledFn | None = None) -> bytes:
    """Bind ``sections`` into one PDF on the shared template and return it.

    Each section starts on a new page, portrait or landscape, with its own header,
    protective marking and "Page X of Y" in its own language.

    Args:
        sections: The documents, in print order.
        printed_at: The print time shown in every footer (pass it in; documents are pure).
        printed_by: Who printed it, shown in the footers of sections that name the printer.
        title: The PDF's title; the first section's title if not given.
        invariant: Fixed timestamps and IDs so the same input gives the same bytes (tests).
        progress: ``progress(done, total, text)`` after each section is laid out.
        is_cancelled: Checked before each section is laid out.

    Returns:
        The complete PDF file.

    Raises:
        ValueError: ``sections`` is empty.
        Cancelled: ``is_cancelled()`` returned True; nothing was produced.
    """
    if not sections:
        raise ValueError("nothing to print")
    languages = {s.language.printed for s in sections}
    buffer = io.BytesIO()
    doc = UpwDocTemplate(buffer, title=title or sections[0].title, printed_at=printed_at,
                         printed_by=printed_by, invariant=invariant,
                         language=languages.pop() if len(languages) == 1 else Language.ENGLISH)
    doc.build_sections(sections, progress=progress, is_cancelled=is_cancelled)
    return buffer.getvalue()


def render_pdf(story: Sequence[Flowable], *, title: str, reference: str,
               printed_at: dt.datetime, staff_only: bool, printed_by: str | None = None,
               landscape: bool = False, invariant: bool = False,
               language: Language = Language.ENGLISH) -> bytes:
    """One document on the shared template: ``render_sections`` with one section.

    Args:
        story: The flowables from a ``build_<name>`` function.
        title: The document title: page header and PDF metadata.
        reference: A short document reference printed at the top right of every page.
        printed_at: The print time shown in the footer (pass it in; documents are pure).
        staff_only: Adds the protective marking; False for anything handed to the person.
        printed_by: Who printed it, shown in the footer.
        landscape: A4 landscape instead of portrait (work sheets).
        invariant: Fixed timestamps and IDs so the same input gives the same bytes (tests).
        language: The footer's words and the PDF's language tag (Welsh, else English).

    Returns:
        The complete PDF file.
    """
    section = Section(title, reference, story, staff_only=staff_only, language=language,
                      landscape=landscape)
    return render_sections([section], printed_at=printed_at, printed_by=printed_by,
                           invariant=invariant)
