"""The one document template: sections on A4, each with its own marked header and page count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import IO, Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate

from upw_ttg import APP_NAME
from upw_ttg.collector import collector_paused
from upw_ttg.domain.codes import Language
from upw_ttg.errors import Cancelled
from upw_ttg.printing import fonts, glossary, styles
from upw_ttg.printing.text import format_datetime
from upw_ttg.progress import CancelledFn, ProgressFn

# The UK Government Security Classification marking for documents holding personal data
# about people on probation; person-facing documents carry no marking.
STAFF_MARKING = "OFFICIAL-SENSITIVE"

_HEADER_SIZE = 9
_FOOTER_SIZE = 8.5
_MARKING_SIZE = 9

# Page template ids, which are also their indexes in ``UpwDocTemplate.pageTemplates``.
_PORTRAIT, _LANDSCAPE = 0, 1

# The footer speaks the section's language: person-facing documents come in Welsh on request.
_FOOTER_WORDS = {
    language: {"page": glossary.phrase("service.page", language),
               "printed": glossary.phrase("service.printed", language),
               "by": " " + glossary.phrase("service.printed_by", language)}
    for language in (Language.ENGLISH, Language.WELSH)
}

@dataclass(frozen=True, slots=True)
class Section:
    """One document bound into a PDF: it starts on a new page, in its own orientation, and
    its pages carry its own header, protective marking and "Page X of Y" in its language.

    Attributes:
        title: Printed at the top left of each of its pages.
        reference: Printed at the top right of each of its pages.
        story: The flowables from a ``build_<name>`` function.
        staff_only: Adds the protective marking; False for anything handed to the person.
        language: The footer's words (Welsh, else English).
        landscape: A4 landscape instead of portrait (work sheets).
        show_printed_by: Names who printed it in the footer (letters and warrants do not).
    """

    title: str
    reference: str
    story: Sequence[Flowable]
    _: KW_ONLY
    staff_only: bool
    language: Language = Language.ENGLISH
    landscape: bool = False
    show_printed_by: bool = True


class _SectionMark(ActionFlowable):
    """Invisible: starts or ends section ``index`` (never swallowed by ``KeepTogether``)."""

    locChanger = 1  # noqa: N815 (the attribute name reportlab looks for)

    def __init__(self, index: int, *, start: bool) -> None:
        super().__init__()
        self.index = index
        self.start = start

    def apply(self, doc: BaseDocTemplate) -> None:
        # Called directly, not through ``ActionFlowable.apply``, which rewrites exceptions.
        assert isinstance(doc, UpwDocTemplate)
        if self.start:
            doc.start_section(self.index)
        else:
            doc.end_section(self.index)


class _PagedCanvas(Canvas):
    """A canvas that holds its pages until the end, then writes each section's "Page X of Y".

    The totals are known only once the last page is laid out; holding the finished pages
    (their drawing operators, not their flowables) costs far less than laying the whole
    document out a second time.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        # Set while each page is drawn: (words, page, section, right edge, baseline).
        self.page_label: tuple[str, int, int, float, float] | None = None
        self.section_totals: list[int] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own reset; not in its stubs

    def save(self) -> None:
        for state in self._held_pages:
            self.__dict__.update(state)
            if self.page_label is not None:
                words, page, section, right, baseline = self.page_label
                self.saveState()
                self.setFillColor(styles.MUTED)
                self.setFont(fonts.REGULAR, _FOOTER_SIZE)
                total = self.section_totals[section]
                self.drawRightString(right, baseline, words.format(page=page, total=total))
                self.restoreState()
            super().showPage()
        super().save()


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where the header, footer and body sit, in points from the page's top or bottom edge."""

    top_margin: float
    bottom_margin: float
    marking_from_top: float
    header_from_top: float
    footer_baseline: float


# Portrait pages (letters, packs) are generous; landscape is for work sheets, where every
# millimetre of body is a row a supervisor can write in.
_PORTRAIT_GEOMETRY = _Geometry(styles.MARGIN_TOP, styles.MARGIN_BOTTOM, 10 * mm, 17 * mm,
                               14 * mm)
_LANDSCAPE_GEOMETRY = _Geometry(19 * mm, 18 * mm, 8 * mm, 14 * mm, 11.5 * mm)
# The height of a landscape page's body, for documents that place their own page breaks.
LANDSCAPE_BODY_HEIGHT = (to_landscape(A4)[1] - _LANDSCAPE_GEOMETRY.top_margin
                         - _LANDSCAPE_GEOMETRY.bottom_margin)


class UpwPage(PageTemplate):
    """The page layout in one orientation: a single frame, the header and footer around it."""

    def __init__(self, doc: UpwDocTemplate, *, landscape: bool) -> None:
        width, height = to_landscape(A4) if landscape else A4
        self.geometry = _LANDSCAPE_GEOMETRY if landscape else _PORTRAIT_GEOMETRY
        top, bottom = self.geometry.top_margin, self.geometry.bottom_margin
        frame = Frame(doc.leftMargin, bottom, width - doc.leftMargin - doc.rightMargin,
                      height - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        super().__init__(id="landscape" if landscape else "portrait", frames=[frame],
                         pagesize=(width, height))

    def beforeDrawPage(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        assert isinstance(doc, UpwDocTemplate)
        section = doc.sections[doc.section_index]
        canv.saveState()
        try:
            self._draw_header(canv, doc, section)
            self._draw_footer(canv, doc, section)
        finally:
            canv.restoreState()

    def _draw_header(self, canv: Canvas, doc: UpwDocTemplate, section: Section) -> None:
        page_width, page_height = self.pagesize
        left, right = doc.leftMargin, page_width - doc.rightMargin
        if section.staff_only:
            canv.setFont(fonts.BOLD, _MARKING_SIZE)
            canv.setFillColor(styles.INK)
            canv.drawCentredString(page_width / 2, page_height - self.geometry.marking_from_top,
                                   STAFF_MARKING)
        baseline = page_height - self.geometry.header_from_top
        canv.setFillColor(styles.MUTED)
        canv.setFont(fonts.REGULAR, _HEADER_SIZE)
        reference_width = stringWidth(section.reference, fonts.REGULAR, _HEADER_SIZE)
        canv.drawRightString(right, baseline, section.reference)
        canv.setFont(fonts.BOLD, _HEADER_SIZE)
        room = right - left - reference_width - 8 * mm
        canv.drawString(left, baseline, _fit(section.title, fonts.BOLD, _HEADER_SIZE, room))
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(left, baseline - 2.5 * mm, right, baseline - 2.5 * mm)

    def _draw_footer(self, canv: Canvas, doc: UpwDocTemplate, section: Section) -> None:
        page_width, _ = self.pagesize
        left, right = doc.leftMargin, page_width - doc.rightMargin
        baseline = self.geometry.footer_baseline
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(left, baseline + 4 * mm, right, baseline + 4 * mm)
        canv.setFillColor(styles.MUTED)
        canv.setFont(fonts.REGULAR, _FOOTER_SIZE)
        language = section.language.printed
        words = _FOOTER_WORDS[language]
        page = doc.section_page()
        # The total is written when the canvas is saved; room is kept for three digits.
        assert isinstance(canv, _PagedCanvas)
        canv.page_label = (words["page"], page, doc.section_index, right, baseline)
        canv.section_totals = doc.pages_this_pass
        page_width_used = stringWidth(words["page"].format(page=page, total=999),
                                      fonts.REGULAR, _FOOTER_SIZE)
        printed = words["printed"].format(when=format_datetime(doc.printed_at, language))
        if doc.printed_by and section.show_printed_by:
            printed += words["by"].format(who=doc.printed_by)
        room = right - left - page_width_used - 8 * mm
        canv.drawString(left, baseline, _fit(printed, fonts.REGULAR, _FOOTER_SIZE, room))
        if section.staff_only:
            canv.setFont(fonts.BOLD, _MARKING_SIZE)
            canv.setFillColor(styles.INK)
            canv.drawCentredString(page_width / 2, baseline - 5.5 * mm, STAFF_MARKING)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points on one line."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class UpwDocTemplate(BaseDocTemplate):
    """One PDF of one or more sections on A4, each section portrait or landscape.

    Build with ``build_sections``: one layout pass; every footer's "Page X of Y" (counting its
    own section's pages) is written when the PDF is saved. Not thread-safe: one template per
    PDF, in one thread.
    """

    def __init__(self, output: str | IO[bytes], *, title: str, printed_at: dt.datetime,
                 printed_by: str | None = None, subject: str | None = None,
                 invariant: bool = False, language: Language = Language.ENGLISH,
                 **kwargs: Any) -> None:
        fonts.register_fonts()
        self.printed_at = printed_at
        self.printed_by = printed_by
        self.sections: list[Section] = []
        self.section_index = 0
        self.pages_this_pass: list[int] = []
        self._next_section = 0
        self._progress: ProgressFn | None = None
        self._is_cancelled: CancelledFn | None = None
        super().__init__(
            output, pagesize=A4,
            leftMargin=styles.MARGIN_SIDE, rightMargin=styles.MARGIN_SIDE,
            topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM,
            title=title, author=APP_NAME, creator=APP_NAME, subject=subject or title,
            invariant=1 if invariant else 0, lang=f"{language.code}-GB",
            displayDocTitle=1, initialFontName=fonts.REGULAR, **kwargs)

    def afterInit(self) -> None:
        self.addPageTemplates([UpwPage(self, landscape=False), UpwPage(self, landscape=True)])

    def build_sections(self, sections: Sequence[Section], *, progress: ProgressFn | None = None,
                       is_cancelled: CancelledFn | None = None) -> None:
        """Lay out ``sections`` in order and write the PDF; the sections are not changed.

        Args:
            sections: At least one.
            progress: Called as ``progress(done, total, text)`` after each section is laid out;
                ``total`` is the number of sections.
            is_cancelled: Checked before each section is laid out.

        Raises:
            ValueError: ``sections`` is empty.
            Cancelled: ``is_cancelled()`` returned True; nothing was written.
        """
        if not sections:
            raise ValueError("nothing to print")
        self.sections = list(sections)
        self._progress, self._is_cancelled = progress, is_cancelled
        first = _LANDSCAPE if self.sections[0].landscape else _PORTRAIT
        self._firstPageTemplateIndex = first
        self.pagesize = self.pageTemplates[first].pagesize
        story: list[Flowable] = []
        for index, section in enumerate(self.sections):
            story.append(_SectionMark(index, start=True))
            story.extend(section.story)
            story.append(_SectionMark(index, start=False))
        with collector_paused():
            self.build(story, canvasmaker=_PagedCanvas)

    def section_page(self) -> int:
        """The current page's number within its section."""
        return self.pages_this_pass[self.section_index]

    # --- ReportLab hooks and the section marks ------------------------------------------

    def handle_documentBegin(self) -> None:
        self._next_section = 0
        self.pages_this_pass = [0] * len(self.sections)
        super().handle_documentBegin()

    def handle_pageBegin(self) -> None:
        # Before the header is drawn, so each page names the section it belongs to.
        self.section_index = self._next_section
        self.pages_this_pass[self.section_index] += 1
        super().handle_pageBegin()

    def start_section(self, index: int) -> None:
        """Check for a cancel; then, after the first, start section ``index`` on a new page."""
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled("Printing was cancelled.")
        if index:
            self._next_section = index
            landscape = self.sections[index].landscape
            self.handle_nextPageTemplate(_LANDSCAPE if landscape else _PORTRAIT)
            self.handle_pageBreak()

    def end_section(self, index: int) -> None:
        """Report section ``index`` laid out."""
        if self._progress is not None:
            total = len(self.sections)
            self._progress(index + 1, total, f"Laid out {index + 1} of {total}")
