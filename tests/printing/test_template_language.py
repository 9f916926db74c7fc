"""The shared template's footer speaks the document's language."""

from __future__ import annotations

import datetime as dt
import io
from typing import cast

from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.platypus import Paragraph

from upw_ttg.domain.codes import Language
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import get_styles


def _text(language: Language) -> tuple[str, str]:
    pdf = render_pdf([Paragraph("Cynllun", get_styles().body)], title="Cynllun", reference="R1",
                     printed_at=dt.datetime(2026, 11, 26, 9, 5), staff_only=False,
                     printed_by="Siân Jones", language=language)
    reader = PdfReader(io.BytesIO(pdf))
    root = cast(DictionaryObject, reader.trailer["/Root"].get_object())
    return reader.pages[0].extract_text(), str(root.get("/Lang"))


def test_a_welsh_document_has_a_welsh_footer_and_language_tag():
    text, lang = _text(Language.WELSH)
    assert "Tudalen 1 o 1" in text and "Argraffwyd" in text and "gan Siân Jones" in text
    assert lang == "cy-GB"


def test_english_is_the_default():
    text, lang = _text(Language.ENGLISH)
    assert "Page 1 of 1" in text and "Printed" in text and lang == "en-GB"
