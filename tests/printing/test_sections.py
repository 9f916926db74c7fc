"""The shared template binds sections: each on new pages with its own header, marking and count."""

from __future__ import annotations

import datetime as dt
import io
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab.platypus import Flowable, Paragraph

from upw_ttg.domain.codes import Language
from upw_ttg.errors import Cancelled
from upw_ttg.printing.render import render_pdf, render_sections
from upw_ttg.printing.styles import get_styles
from upw_ttg.printing.template import Section

from tests.pdf_support import pdf_pages

PRINTED_AT = dt.datetime(2026, 11, 26, 9, 5)


def _story(text: str, paragraphs: int = 1) -> list[Flowable]:
    body = get_styles().body
    return [Paragraph(f"{text} paragraph {i}. " + "Words to fill the line. " * 30, body)
            for i in range(paragraphs)]


def _render(sections: list[Section], **kwargs) -> bytes:
    return render_sections(sections, printed_at=PRINTED_AT, printed_by="Siân Jones",
                           invariant=True, **kwargs)


def test_each_section_counts_its_own_pages_and_carries_its_own_marking():
    """If a marked section runs to several pages, then only its pages say "of N" for its own
    N and carry the marking; the next section starts on a new page at "Page 1"."""
    pdf = _render([Section("Case notes", "CN-1", _story("Alpha", 40), staff_only=True),
                   Section("Letter", "AL-2", _story("Bravo"), staff_only=False)])
    pages = pdf_pages(pdf, flattened=True)
    first = [p for p in pages if "CN-1" in p]
    assert len(first) >= 2 and len(pages) == len(first) + 1
    for number, text in enumerate(first, start=1):
        assert f"Page {number} of {len(first)}" in text
        assert "OFFICIAL-SENSITIVE" in text and "Case notes" in text and "Bravo" not in text
    last = pages[-1]
    assert "AL-2" in last and "Letter" in last and "Page 1 of 1" in last
    assert "OFFICIAL" not in last and last.count("Bravo") == 1


def test_each_section_footer_speaks_its_own_language():
    """If a Welsh section follows an English one, then its footer is in Welsh, dates too."""
    pages = pdf_pages(_render([Section("Plan", "P-1", _story("One"), staff_only=False),
                            Section("Cynllun", "P-2", _story("Dau"), staff_only=False,
                                    language=Language.WELSH)]), flattened=True)
    assert "Page 1 of 1" in pages[0] and "Printed 26 Nov 2026 09:05 by Siân Jones" in pages[0]
    assert "Tudalen 1 o 1" in pages[1]
    assert "Argraffwyd 26 Tachwedd 2026 09:05 gan Siân Jones" in pages[1]


def test_a_section_can_leave_out_who_printed_it():
    """If a section says show_printed_by=False, then its footer has the time but no name."""
    pages = pdf_pages(_render([Section("Warrant", "W-1", _story("Go"), staff_only=False,
                                    show_printed_by=False),
                            Section("Manifest", "M-1", _story("Van"), staff_only=True)]),
flattened=True)
    assert "Printed 26 Nov 2026 09:05" in pages[0] and "Siân" not in pages[0]
    assert "by Siân Jones" in pages[1]


def test_portrait_and_landscape_sections_mix_in_one_pdf():
    """If a landscape section sits between portrait ones, then only its pages are turned."""
    pdf = _render([Section("Letter", "A", _story("A"), staff_only=False),
                   Section("Work sheet", "B", _story("B", 12), staff_only=True,
                           landscape=True),
                   Section("Letter", "C", _story("C"), staff_only=False)])
    reader = PdfReader(io.BytesIO(pdf))
    wide = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    texts = pdf_pages(pdf, flattened=True)
    assert wide[0] is False and wide[-1] is False and all(wide[1:-1]) and len(wide) >= 4
    assert all(f"of {len(wide) - 2}" in t and "OFFICIAL-SENSITIVE" in t for t in texts[1:-1])


def test_progress_is_reported_after_each_section_in_one_pass():
    """If three sections are printed, then progress counts to three: one layout pass."""
    seen: list[tuple[int, int]] = []
    _render([Section(str(i), str(i), _story(str(i)), staff_only=False) for i in range(3)],
            progress=lambda done, total, _text: seen.append((done, total)))
    assert seen == [(n, 3) for n in range(1, 4)]


def test_a_batch_can_be_cancelled_between_sections():
    """If is_cancelled() turns True before the second section, then Cancelled is raised
    and the first section's progress was the last reported."""
    checks: list[int] = []
    seen: list[tuple[int, int]] = []

    def cancelled() -> bool:
        checks.append(1)
        return len(checks) > 1

    sections = [Section(str(i), str(i), _story(str(i)), staff_only=False) for i in range(3)]
    with pytest.raises(Cancelled, match="^Printing was cancelled.$"):
        _render(sections, progress=lambda done, total, _text: seen.append((done, total)),
                is_cancelled=cancelled)
    assert seen == [(1, 3)] and len(checks) == 2


def test_render_pdf_is_the_one_section_case():
    """render_pdf gives the same bytes as render_sections with that one section."""
    story = _story("Same")
    single = render_pdf(story, title="Summary", reference="CS-1", printed_at=PRINTED_AT,
                        staff_only=True, printed_by="Siân Jones", language=Language.WELSH,
                        invariant=True)
    bound = _render([Section("Summary", "CS-1", story, staff_only=True, language=Language.WELSH)])
    assert single == bound
    root = cast(DictionaryObject, PdfReader(io.BytesIO(single)).trailer["/Root"].get_object())
    assert str(root.get("/Lang")) == "cy-GB"


def test_nothing_to_print_is_an_error():
    """An empty batch is refused rather than printed as a blank page."""
    with pytest.raises(ValueError):
        _render([])
