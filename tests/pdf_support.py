"""Reading a printed PDF's text back: page by page, or every page as one text."""

from __future__ import annotations

import io

from pypdf import PdfReader


def flat(text: str) -> str:
    """Layout whitespace collapsed to single spaces, so assertions don't depend on where lines
    or pages break."""
    return " ".join(text.split())


def pdf_pages(pdf: bytes, *, flattened: bool = False) -> list[str]:
    """Each page's text, as extracted; ``flattened`` collapses its layout whitespace."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return [flat(page) for page in pages] if flattened else pages


def pdf_text(pdf: bytes, *, flattened: bool = False) -> str:
    """Every page's text, a line break between pages; ``flattened`` collapses all layout
    whitespace (page breaks included) to single spaces."""
    text = "\n".join(pdf_pages(pdf))
    return flat(text) if flattened else text
