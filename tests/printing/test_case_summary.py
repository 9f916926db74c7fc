"""The staff case summary prints every key fact, in an embedded Unicode font, page-numbered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from upw_ttg.domain.codes import (
    Gender,
    Language,
)
from upw_ttg.files import write_atomically
from upw_ttg.printing import fonts
from upw_ttg.printing.documents.case_summary import build_case_summary, render_case_summary
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import get_styles
from upw_ttg.printing.text import escape, format_date, plain
from upw_ttg.time_text import format_minutes

from tests.narrowing import present
from tests.pdf_support import pdf_pages, pdf_text
from tests.printing.case_summary_support import (
    PRINTED_AT,
    WELSH_NAME,
    make_order,
    make_person,
    sample_case_summary,
)


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_case_summary(sample_case_summary(), invariant=True)


def test_person_details_print_with_welsh_and_other_letters(sample_pdf: bytes) -> None:
    """Names with ŵ, ŷ, ï, Ł, ë, á, Ö and ß survive the embedded font and text extraction."""
    text = pdf_text(sample_pdf, flattened=True)
    for expected in (WELSH_NAME, "Zoë Łukasz-Siobhán Öß", "Siobhán Ní Bhriain", "Tŷ Newydd",
                     "12 Heol ŵyn", "Known as Gwen", "X123456", "YO11 1HT", "07700 900123",
                     "Welsh (Cymraeg)", "Scarborough", "Female"):
        assert expected in text


def test_date_of_birth_shows_age_on_print_date(sample_pdf: bytes) -> None:
    """The age is worked out on the print date (birthday a week later: still 35)."""
    assert "3 Dec 1990 (age 35)" in pdf_text(sample_pdf, flattened=True)


def test_orders_table_shows_hours_and_extended_deadline(sample_pdf: bytes) -> None:
    """Hours print as h:mm; remaining = ordered + adjusted - credited; extensions show."""
    text = pdf_text(sample_pdf, flattened=True)
    assert "York Magistrates' Court" in text
    assert "Community order" in text and "Suspended sentence order" in text
    assert "120:00" in text and "45:30" in text and "+1:30" in text
    assert "76:00" in text  # 7200 + 90 - 2730 minutes
    assert "\u22120:30" in text and "189:30" in text  # 12000 - 30 - 600 minutes
    assert "30 Nov 2026" in text and "1 extension; was 30 Jun 2026" in text
    assert "Active" in text


def test_custody_table_shows_expected_release_with_its_type(sample_pdf: bytes) -> None:
    """The expected release date is labelled by type; other present dates are listed."""
    text = pdf_text(sample_pdf, flattened=True)
    assert "HMP Hull (HLI)" in text and "A1234BC" in text
    assert "1 Dec 2026" in text and "Conditional release date" in text
    assert "HDC eligibility (HDCED) 15 Sep 2026" in text
    assert "Licence expiry (LED) 1 Jun 2027" in text
    assert "Conditional release (CRD)" not in text  # already shown as the expected date


def test_every_page_has_marking_footer_and_reference(sample_pdf: bytes) -> None:
    """Staff documents carry OFFICIAL-SENSITIVE, the print date and 'Page X of Y'."""
    pages = pdf_pages(sample_pdf)
    assert len(pages) == 1
    assert "OFFICIAL-SENSITIVE" in pages[0]
    assert "Page 1 of 1" in pages[0]
    assert "Printed 26 Nov 2026 14:05 by Łukasz Nowak" in pages[0]
    assert "CS-X123456-20261126-1405" in pages[0]


def test_pdf_metadata_names_title_and_author(sample_pdf: bytes) -> None:
    """The PDF's own title and author are set, so a viewer shows something useful."""
    meta = present(PdfReader(io.BytesIO(sample_pdf)).metadata)
    assert meta.title == "Case summary: X123456"
    assert meta.author == "upw-ttg"


def test_embedded_font_is_dejavu(sample_pdf: bytes) -> None:
    """Every font on the page is the embedded DejaVu subset, never a standard-14 font."""
    reader = PdfReader(io.BytesIO(sample_pdf))
    base_fonts = set()
    for page in reader.pages:
        resources = cast(DictionaryObject, page["/Resources"].get_object())
        for font in cast(DictionaryObject, resources["/Font"].get_object()).values():
            font = font.get_object()
            base_fonts.add(str(font["/BaseFont"]))
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the TrueType program is embedded
    assert base_fonts
    assert all("DejaVu" in name or "UpwSans" in name for name in base_fonts), base_fonts


def test_empty_sections_say_none_recorded() -> None:
    """With no orders or custody, each section says so instead of an empty table."""
    summary = sample_case_summary(orders=(), custody=(),
                                  person=make_person(phone=None, address_line1=None,
                                                     address_line2=None, town=None,
                                                     postcode=None, preferred_name=None))
    text = pdf_text(render_case_summary(summary, invariant=True), flattened=True)
    assert "Unpaid work orders (0) None recorded." in text
    assert "Custody episodes (0) None recorded." in text
    assert "Address Not recorded" in text and "Phone Not recorded" in text


def test_markup_in_user_text_prints_literally() -> None:
    """Names holding <b>, &, <font> or control characters print as typed and never crash."""
    nasty = 'Ann <b>Bold</b> & <font size="40">Big</font> &amp; </para>'
    person = make_person(forename=nasty, surname="O'Neil-Łukasz\x00", responsible_officer="<i>")
    summary = sample_case_summary(person=person,
                                  orders=(make_order(court="<br/>Leeds & Wakefield"),))
    text = pdf_text(render_case_summary(summary, invariant=True), flattened=True)
    assert '<b>Bold</b> & <font size="40">Big</font> &amp; </para>' in text
    assert "O'Neil-Łukasz" in text
    assert "<br/>Leeds & Wakefield" in text
    assert "Responsible officer <i>" in text


def test_long_document_paginates_with_page_x_of_y() -> None:
    """Forty orders run over several pages, each footed 'Page X of N' with the right N."""
    pages = pdf_pages(render_case_summary(sample_case_summary(order_count=40), invariant=True))
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "OFFICIAL-SENSITIVE" in page
    # The header row repeats on continuation pages.
    assert "Remaining" in pages[1]


def test_invariant_rendering_is_byte_stable() -> None:
    """The same summary rendered twice with invariant=True gives identical bytes."""
    first = render_case_summary(sample_case_summary(), invariant=True)
    second = render_case_summary(sample_case_summary(), invariant=True)
    assert first == second


def test_person_facing_render_has_no_marking() -> None:
    """A document that is not staff-only carries no protective marking."""
    story = [plain("Dear Zoë", get_styles().body)]
    data = render_pdf(story, title="Appointment letter", reference="AL-1",
                      printed_at=PRINTED_AT, staff_only=False, invariant=True)
    text = pdf_text(data, flattened=True)
    assert "Dear Zoë" in text and "OFFICIAL" not in text and "Page 1 of 1" in text


def test_landscape_pages_are_wider_than_tall() -> None:
    """landscape=True turns the A4 page for work sheets."""
    data = render_pdf(build_case_summary(sample_case_summary()), title="Work sheet",
                      reference="WS-1", printed_at=PRINTED_AT, staff_only=True,
                      landscape=True, invariant=True)
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_write_pdf_atomically_leaves_no_temp_files(tmp_path: Path, sample_pdf: bytes) -> None:
    """The file is replaced whole and no temporary file is left beside it."""
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    assert write_atomically(sample_pdf, target) == target
    assert target.read_bytes() == sample_pdf
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


def test_write_pdf_atomically_cleans_up_on_failure(tmp_path: Path) -> None:
    """If the write fails, no temporary file is left and the error is raised."""
    target = tmp_path / "is-a-folder"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomically(b"%PDF", target)
    assert [p.name for p in tmp_path.iterdir()] == ["is-a-folder"]


def test_register_fonts_is_idempotent() -> None:
    """Registering the family twice is harmless and returns the same name."""
    assert fonts.register_fonts() == fonts.register_fonts() == fonts.FAMILY


@pytest.mark.parametrize(("value", "expected"), [
    ("<b>&", "&lt;b&gt;&amp;"), ("a\nb", "a<br/>b"), ("x\x00\x07y", "xy"), (42, "42"),
])
def test_escape_neutralises_markup(value: object, expected: str) -> None:
    """User text cannot inject paragraph markup; newlines become line breaks."""
    assert escape(value) == expected


def test_date_and_minutes_formats() -> None:
    """Dates print as '26 Nov 2026' whatever the locale; minutes as h:mm."""
    assert format_date(dt.date(2026, 11, 26)) == "26 Nov 2026"
    assert format_date(None) == "Not recorded"
    assert format_minutes(125) == "2:05"
    assert format_minutes(-30) == "\u22120:30"
    assert format_minutes(90, signed=True) == "+1:30"
    assert format_minutes(0, signed=True) == "0:00"


def test_other_language_interpreter_and_extra_information_print() -> None:
    """Another language prints by name, a needed interpreter stands out, extras are listed."""
    person = make_person(preferred_language=Language.OTHER, other_language="Polski",
                         interpreter_needed=True, gender=Gender.NOT_STATED,
                         gender_identity="Non-binary")
    summary = sample_case_summary(person=person, extra={"Case note": "Lives with Zoë & kids"})
    text = pdf_text(render_case_summary(summary, invariant=True), flattened=True)
    assert "Preferred language Polski" in text and "Interpreter Needed" in text
    assert "Gender identity: Non-binary" in text
    assert "Other information Case note Lives with Zoë & kids" in text


def test_the_welsh_summary_prints_only_glossary_words_and_its_data() -> None:
    """Every fixed word of a Welsh summary is from the glossary; names, courts and places
    print as recorded; dates take the glossary's Welsh months."""
    from upw_ttg.printing.documents.case_summary import document_reference

    from tests.printing.glossary_support import words_not_in_glossary

    summary = sample_case_summary(language=Language.WELSH)
    pdf = render_case_summary(summary, invariant=True)
    text = pdf_text(pdf, flattened=True)
    for expected in ("Crynodeb o'r achos", "Manylion personol", "Gorchmynion gwaith di-dâl (2)",
                     "Cyfnodau yn y ddalfa (1)", "Dyddiad geni", "3 Rhagfyr 1990 (35 oed)",
                     "Enw arferol: Gwen", "Benyw", "Gorchymyn cymunedol",
                     "Gorchymyn dedfryd ohiriedig", "Oriau ychwanegol, gyda gofynion eraill",
                     "1 estyniad; cyn hynny 30 Mehefin 2026", "Dechrau'r ddedfryd (SSD)",
                     "Hyd y ddedfryd 730 diwrnod", "Yn y ddalfa", "Tudalen 1 o 1",
                     "At ddefnydd staff yn unig"):
        assert expected in text, expected
    # Welsh months in full fit their columns: the summary takes no more paper than in English.
    assert len(pdf_pages(pdf)) == len(pdf_pages(render_case_summary(sample_case_summary())))
    for english in ("Case summary", "Not recorded", "Personal details", "Community order",
                    "Sentenced", " Dec ", "Female"):
        assert english not in text, english
    # The reference, the marking and the national codes are the same in both languages; a
    # code list's values are not data here: each must print in Welsh words.
    codes = [document_reference(summary), "OFFICIAL-SENSITIVE", summary.printed_by,
             "HLI", "A1234BC"]
    data = [summary.person, summary.orders, dataclasses.replace(summary.custody[0], status="")]
    assert words_not_in_glossary(pdf, Language.WELSH, [*data, *codes], codes=False) == set()


def test_the_english_summary_keeps_its_words() -> None:
    text = pdf_text(render_case_summary(sample_case_summary(), invariant=True), flattened=True)
    for expected in ("Case summary", "Personal details", "Unpaid work orders (2)",
                     "Custody episodes (1)", "3 Dec 1990 (age 35)", "Known as Gwen",
                     "Sentence length 730 days", "Page 1 of 1"):
        assert expected in text, expected
