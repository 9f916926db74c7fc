"""The one glossary: one translation per term, the known Welsh errors gone, reviewable."""

from __future__ import annotations

import string

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
    text = glossary.phrase("date.on", "cy", date=glossary.date_after_on(monday, "cy"))
    assert text == "ar ddydd Llun 30 Tachwedd 2026"
    assert glossary.long_date(monday, "cy") == "Dydd Llun 30 Tachwedd 2026"
    assert glossary.date_after_on(monday, "en") == "Monday 30 November 2026"


def test_the_review_table_lists_every_term_once():
    rows = list(glossary.review_rows())
    assert len(rows) == len(GLOSSARY)
    assert len({key for key, *_ in rows}) == len(rows)
