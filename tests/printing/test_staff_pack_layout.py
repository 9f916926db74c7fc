"""Staff packs on paper: no heading alone at a page foot, no page of only an empty section,
no word split across lines in a narrow column."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from upw_ttg.printing import fonts
from upw_ttg.printing.documents.case_summary import render_case_summary
from upw_ttg.printing.layout import FRAME_WIDTH, fitted_widths, heading_with, start_height
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import get_styles

from tests.pdf_support import pdf_pages
from tests.printing.case_summary_support import sample_case_summary


def test_a_column_is_never_narrower_than_its_longest_word():
    fonts.register_fonts()
    rows = [["Provider", "Pathway", "Sent"], ["Shelter Cymru", "Accommodation", "12 Nov 2026"],
            ["Nacro", "sian.evans@justice.example", "1 Dec"]]
    widths = fitted_widths(rows, ("50%", "16%", "34%"))
    assert abs(sum(widths) - FRAME_WIDTH) < 0.01
    assert widths[1] > stringWidth("sian.evans@justice.example", fonts.BOLD, 9)
    # Columns with room to spare give it up; they are not squeezed below their own words.
    assert widths[2] >= stringWidth("2026", fonts.BOLD, 9)


def test_widths_that_already_fit_are_kept():
    rows = [["a", "b"], ["short", "words"]]
    assert fitted_widths(rows, ("30%", "70%")) == [0.3 * FRAME_WIDTH, 0.7 * FRAME_WIDTH]


def test_the_room_a_heading_keeps_is_the_start_of_a_table_not_all_of_it():
    s = get_styles()
    short = [Paragraph("None recorded.", s.body)]
    assert start_height(short) < 20
    from upw_ttg.printing.documents.case_summary import _orders_table

    table = _orders_table(sample_case_summary(order_count=40).orders, s)
    _w, whole = table.wrap(FRAME_WIDTH, 10**6)
    assert start_height([table]) < whole / 5


def test_a_heading_never_ends_a_page():
    """Fill a page to a few lines from its foot, then a heading and a long table: the heading
    moves to the next page with the table's start."""
    s = get_styles()
    story: list[Flowable] = [Spacer(1, 225 * 2.835)]
    story += heading_with(Paragraph("Deadlines moved by date changes", s.heading),
                          [Paragraph("Line " * 200, s.body)])
    pages = pdf_pages(render_pdf(story, title="t", reference="r", printed_at=__import__(
        "datetime").datetime(2026, 11, 26), staff_only=True))
    assert "Deadlines moved" not in pages[0] and "Deadlines moved" in pages[1]


def test_an_empty_last_section_never_has_a_page_to_itself():
    """However many orders fill the pages before it, "Custody episodes (0)" shares its page
    with what comes before."""
    for count in range(8, 30):
        pages = pdf_pages(render_case_summary(sample_case_summary(order_count=count,
                                                                  custody=())))
        last = pages[-1]
        assert "Custody episodes (0)" in "\n".join(pages)
        body = [line for line in last.splitlines() if line.strip() and not any(
            marker in line for marker in ("OFFICIAL", "Page ", "Printed", "CS-", "Case summary"))]
        assert len(body) > 2, (count, body)
