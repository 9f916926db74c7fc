"""Rendering a story of flowables to PDF bytes, and writing them to disk safely."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from upw_ttg.printing.template import UpwDocTemplate


def render_pdf(story: Sequence[Flowable], *, title: str, reference: str,
               printed_at: dt.datetime, staff_only: bool, printed_by: str | None = None,
               landscape: bool = False, invariant: bool = False,
               language: str = "en") -> bytes:
    """Lay out ``story`` on the shared template and return the PDF.

    Args:
        story: The flowables from a ``build_<name>`` function.
        title: The document title: page header and PDF metadata.
        reference: A short document reference printed at the top right of every page.
        printed_at: The print time shown in the footer (pass it in; documents are pure).
        staff_only: Adds the protective marking; False for anything handed to the person.
        printed_by: Who printed it, shown in the footer.
        landscape: A4 landscape instead of portrait (work sheets).
        invariant: Fixed timestamps and IDs so the same input gives the same bytes (tests).
        language: "en" or "cy" (Welsh): the footer's words and the PDF's language tag.

    Returns:
        The complete PDF file.
    """
    buffer = io.BytesIO()
    doc = UpwDocTemplate(buffer, title=title, reference=reference, printed_at=printed_at,
                         staff_only=staff_only, printed_by=printed_by, landscape=landscape,
                         invariant=invariant, language=language)
    doc.build_story(story)
    return buffer.getvalue()


def write_pdf_atomically(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half.

    The temporary file sits in the destination folder because ``os.replace`` is only atomic
    within one file system.

    Returns:
        The path written.

    Raises:
        OSError: The folder is missing, read-only or full; nothing is left behind.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return target
