"""The one glossary: one translation per term, the known Welsh errors gone, reviewable."""

from __future__ import annotations

import string

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary
from upw_ttg.printing.glossary import COMMUNITY_PAYBACK_CY, GLOSSARY


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_term_has_both_languages_and_the_same_placeholders():
    for term in GLOSSARY.values():
        assert term.en.strip() and term.cy.strip(), term.key
        assert _placeholders(term.en) == _placeholders(term.cy), term.key


def test_community_payback_has_one_welsh_name_everywhere():
    for term in GLOSSARY.values():
        assert "Payback Cymunedol" not in term.cy, term.key
        if "Community Payback" in term.en:
            assert COMMUNITY_PAYBACK_CY in term.cy, term.key


def test_the_known_welsh_errors_are_gone():
    welsh = " ".join(term.cy for term in GLOSSARY.values())
    assert "â y " not in welsh and "â'r tîm" in welsh
    assert "ar Dydd" not in welsh
    assert GLOSSARY["breach.deadline"].cy != "Dyddiad cwblhau"


def test_a_weekday_after_ar_is_soft_mutated():
    import datetime as dt

    monday = dt.date(2026, 11, 30)
    welsh = Language.WELSH
    text = glossary.phrase("date.on", welsh, date=glossary.date_after_on(monday, welsh))
    assert text == "ar ddydd Llun 30 Tachwedd 2026"
    assert glossary.long_date(monday, Language.WELSH) == "Dydd Llun 30 Tachwedd 2026"
    assert glossary.date_after_on(monday, Language.ENGLISH) == "Monday 30 November 2026"


def test_the_review_table_lists_every_term_once():
    rows = list(glossary.review_rows())
    assert len(rows) == len(GLOSSARY)
    assert len({key for key, *_ in rows}) == len(rows)


def _welsh_letter(contact: str, phone: str | None) -> str:
    import datetime as dt

    from upw_ttg.printing.documents.appointment_letter import render_appointment_letter
    from upw_ttg.records.upw_print import AppointmentLetterData, OfficeContact

    from tests.pdf_support import pdf_text

    data = AppointmentLetterData(
        language=Language.WELSH, reference="APT-1", letter_date=dt.date(2026, 11, 23),
        person_name="Siân Lewis", address_lines=("1 Heol y Bont", "Aberystwyth"),
        session_date=dt.date(2026, 11, 30), start_time=dt.time(9), end_time=dt.time(16),
        project_name="Parc y Castell", site_address_lines=("Ffordd y Castell",),
        pickup=None, hi_vis_required=False,
        office=OfficeContact("Aberystwyth", ("Swyddfa Prawf",), phone),
        contact_name=contact, printed_at=dt.datetime(2026, 11, 23, 10))
    return " ".join(pdf_text(render_appointment_letter(data)).split())


def test_a_name_after_ffoniwch_or_cysylltwch_a_prints_unmutated():
    """Personal names are never mutated (see the glossary's module text); the common nouns and
    verb-nouns of the phrase around them are, as written in the glossary."""
    text = _welsh_letter("Gareth Price", "01970 123456")
    assert "ffoniwch Gareth Price ar 01970" in text
    assert "ffoniwch Areth" not in text
    assert "cyn i'r sesiwn ddechrau" in text  # soft mutation of "dechrau" after its subject
    assert "i ddod" in glossary.phrase("appointment.bring", Language.WELSH)  # "dod" after "i"
    text = _welsh_letter("Catrin Jones", None)
    assert "cysylltwch â Catrin Jones cyn i'r sesiwn ddechrau" in text
    assert "Chatrin" not in text
    assert "cysylltwch ag Ifan Morgan" in _welsh_letter("Ifan Morgan", None)


def test_every_document_tells_the_template_its_language():
    """Every document prints in English or Welsh: each call that lays a document on the page
    (``render_pdf`` or a ``Section``) names its language, so no document is English-only by
    being left out."""
    import ast
    from pathlib import Path

    import upw_ttg.printing.documents as documents

    calls = 0
    for path in sorted(Path(documents.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "render_pdf", "Section"):
                calls += 1
                assert "language" in {k.arg for k in node.keywords}, \
                    f"{path.name}:{node.lineno} prints without a language"
    assert calls >= 10


def test_a_language_given_as_text_is_read_once_and_the_glossary_takes_only_a_language():
    """Text from a command line or a file becomes a Language at the edge; a code such as "cy"
    handed further in would print English silently, so the glossary refuses it."""
    import pytest

    from upw_ttg.domain.codes import parse_language

    assert [parse_language(t) for t in ("cy", "Welsh", " Cymraeg ", "en", "ENGLISH", "other")] \
        == [Language.WELSH] * 3 + [Language.ENGLISH] * 2 + [Language.OTHER]
    with pytest.raises(ValueError, match="not a language"):
        parse_language("Polish")
    # Every document comes in English or Welsh: another language reads the English.
    assert [x.printed for x in Language] == [Language.ENGLISH, Language.WELSH, Language.ENGLISH]
    assert [x.code for x in Language] == ["en", "cy", "en"]
    assert glossary.phrase("month.1", Language.OTHER) == "January"
    with pytest.raises(TypeError):
        glossary.phrase("month.1", "cy")  # type: ignore[arg-type]  # the mistake refused
