"""The document template: A4 pages with a marked header and a "Page X of Y" footer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import IO, Any

from reportlab.lib.pagesizes import A4, landscape as to_landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.tableofcontents import IndexingFlowable

from upw_ttg import APP_NAME
from upw_ttg.printing import fonts, styles
from upw_ttg.printing.text import format_datetime

# The UK Government Security Classification marking for documents holding personal data
# about people on probation; person-facing documents carry no marking.
STAFF_MARKING = "OFFICIAL-SENSITIVE"

_HEADER_SIZE = 9
_FOOTER_SIZE = 8.5
_MARKING_SIZE = 9


class _PageTotal(IndexingFlowable):
    """Invisible flowable that keeps ``multiBuild`` going until the page total is known."""

    def __init__(self, doc: UpwDocTemplate) -> None:
        super().__init__()
        self._doc = doc
        self._satisfied = False

    def afterBuild(self) -> None:
        # The pages never depend on the footer text, so the second pass always agrees.
        counted = self._doc.pages_this_pass
        self._satisfied = self._doc.page_total == counted
        self._doc.page_total = counted

    def isSatisfied(self) -> bool:
        return self._satisfied

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class UpwPage(PageTemplate):
    """The one page layout: a single frame, the header and footer drawn around it."""

    def __init__(self, doc: UpwDocTemplate) -> None:
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        super().__init__(id="upw", frames=[frame], pagesize=doc.pagesize)

    def beforeDrawPage(self, canv: Canvas, doc: UpwDocTemplate) -> None:
        canv.saveState()
        try:
            self._draw_header(canv, doc)
            self._draw_footer(canv, doc)
        finally:
            canv.restoreState()

    @staticmethod
    def _draw_header(canv: Canvas, doc: UpwDocTemplate) -> None:
        page_width, page_height = doc.pagesize
        left, right = doc.leftMargin, page_width - doc.rightMargin
        if doc.staff_only:
            canv.setFont(fonts.BOLD, _MARKING_SIZE)
            canv.setFillColor(styles.INK)
            canv.drawCentredString(page_width / 2, page_height - 10 * mm, STAFF_MARKING)
        baseline = page_height - 17 * mm
        canv.setFillColor(styles.MUTED)
        canv.setFont(fonts.REGULAR, _HEADER_SIZE)
        reference_width = stringWidth(doc.reference, fonts.REGULAR, _HEADER_SIZE)
        canv.drawRightString(right, baseline, doc.reference)
        canv.setFont(fonts.BOLD, _HEADER_SIZE)
        room = right - left - reference_width - 8 * mm
        canv.drawString(left, baseline, _fit(doc.title, fonts.BOLD, _HEADER_SIZE, room))
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(left, baseline - 2.5 * mm, right, baseline - 2.5 * mm)

    @staticmethod
    def _draw_footer(canv: Canvas, doc: UpwDocTemplate) -> None:
        page_width, _ = doc.pagesize
        left, right = doc.leftMargin, page_width - doc.rightMargin
        baseline = 14 * mm
        canv.setStrokeColor(styles.RULE)
        canv.setLineWidth(0.5)
        canv.line(left, baseline + 4 * mm, right, baseline + 4 * mm)
        canv.setFillColor(styles.MUTED)
        canv.setFont(fonts.REGULAR, _FOOTER_SIZE)
        total = str(doc.page_total) if doc.page_total else "?"
        words = _FOOTER_WORDS.get(doc.language, _FOOTER_WORDS["en"])
        page_text = words["page"].format(page=doc.page, total=total)
        page_width_used = stringWidth(page_text, fonts.REGULAR, _FOOTER_SIZE)
        canv.drawRightString(right, baseline, page_text)
        printed = words["printed"].format(when=format_datetime(doc.printed_at))
        if doc.printed_by:
            printed += words["by"].format(who=doc.printed_by)
        room = right - left - page_width_used - 8 * mm
        canv.drawString(left, baseline, _fit(printed, fonts.REGULAR, _FOOTER_SIZE, room))
        if doc.staff_only:
            canv.setFont(fonts.BOLD, _MARKING_SIZE)
            canv.setFillColor(styles.INK)
            canv.drawCentredString(page_width / 2, baseline - 6 * mm, STAFF_MARKING)


# The footer speaks the document's language: person-facing documents come in Welsh on request.
_FOOTER_WORDS = {
    "en": {"page": "Page {page} of {total}", "printed": "Printed {when}", "by": " by {who}"},
    "cy": {"page": "Tudalen {page} o {total}", "printed": "Argraffwyd {when}",
           "by": " gan {who}"},
}
_LANG_TAGS = {"en": "en-GB", "cy": "cy-GB"}


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so it fits ``width`` points on one line."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class UpwDocTemplate(BaseDocTemplate):
    """A4 document (portrait, or landscape for work sheets) with the shared header and footer.

    Build with ``build_story``, which runs two passes so the footer can say "Page X of Y".
    Not thread-safe: use one template per document, in one thread.
    """

    def __init__(self, output: str | IO[bytes], *, title: str, reference: str,
                 printed_at: dt.datetime, staff_only: bool, printed_by: str | None = None,
                 landscape: bool = False, subject: str | None = None,
                 invariant: bool = False, language: str = "en", **kwargs: Any) -> None:
        fonts.register_fonts()
        self.language = language if language in _FOOTER_WORDS else "en"
        self.staff_only = staff_only
        self.reference = reference
        self.printed_at = printed_at
        self.printed_by = printed_by
        self.page_total: int | None = None
        self.pages_this_pass = 0
        super().__init__(
            output,
            pagesize=to_landscape(A4) if landscape else A4,
            leftMargin=styles.MARGIN_SIDE, rightMargin=styles.MARGIN_SIDE,
            topMargin=styles.MARGIN_TOP, bottomMargin=styles.MARGIN_BOTTOM,
            title=title, author=APP_NAME, creator=APP_NAME, subject=subject or title,
            invariant=1 if invariant else 0, lang=_LANG_TAGS[self.language], displayDocTitle=1,
            initialFontName=fonts.REGULAR, **kwargs)

    def afterInit(self) -> None:
        self.addPageTemplates([UpwPage(self)])

    def afterPage(self) -> None:
        self.pages_this_pass = self.page

    def build_story(self, story: Sequence[Flowable]) -> None:
        """Lay out ``story`` and write the PDF; the story list itself is not changed."""
        self.page_total = None
        self.multiBuild([*story, _PageTotal(self)])
