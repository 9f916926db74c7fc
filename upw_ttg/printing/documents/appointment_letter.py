"""The appointment letter (English or Welsh), and batches of documents each paged on its own."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageBreak, PageTemplate, Paragraph, Spacer,
    Table,
)
from reportlab.platypus.tableofcontents import IndexingFlowable

from upw_ttg import APP_NAME
from upw_ttg.domain.upw_print import AppointmentLetterData
from upw_ttg.printing import fonts, styles
from upw_ttg.printing.documents.upw_welsh import (
    ENGLISH, WELSH, clock, label, long_date, short_date,
)
from upw_ttg.printing.styles import details_table_style, get_styles
from upw_ttg.printing.template import STAFF_MARKING
from upw_ttg.printing.text import escape

_DETAIL_COLUMNS = ("24%", "76%")


def build_appointment_letter(data: AppointmentLetterData) -> list[Flowable]:
    """The letter's story: where and when, pick-up, what to wear and bring, who to call."""
    s = get_styles()
    lang = data.language if data.language in (ENGLISH, WELSH) else ENGLISH
    office = data.office
    sender_lines = [f"<b>{escape(label('team_name', lang, office=office.name))}</b>",
                    *(escape(line) for line in office.address_lines)]
    if office.phone:
        sender_lines.append(_nowrap(office.phone))
    sender = Paragraph("<br/>".join(sender_lines), s.body)
    recipient = Paragraph("<br/>".join([f"<b>{escape(data.person_name)}</b>",
                                        *(escape(line) for line in data.address_lines)]),
                          s.body)
    top = Table([[recipient, sender]], colWidths=("55%", "45%"), hAlign="LEFT")
    top.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                  ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    when = (f"<b>{escape(long_date(data.session_date, lang))}</b><br/>"
            + escape(label("times", lang, start=clock(data.start_time),
                           end=clock(data.end_time))))
    where = "<br/>".join([f"<b>{escape(data.project_name)}</b>",
                          *(escape(x) for x in data.site_address_lines)])
    if data.pickup is not None:
        pickup = escape(label("pickup_text", lang, place=data.pickup.name,
                              address=data.pickup.address, time=clock(data.pickup.time)))
        pickup = f"<b>{clock(data.pickup.time)}</b> · {pickup}"
    else:
        pickup = escape(label("own_way", lang, time=clock(data.start_time)))
    wear = escape(label("wear_text", lang))
    if data.hi_vis_required:
        wear += f"<br/><b>{escape(label('hi_vis', lang))}</b>"
    who = data.contact_name or label("team", lang)
    call = (escape(label("call_text", lang, who=who, phone="@PHONE@")).replace(
        "@PHONE@", _nowrap(office.phone)) if office.phone
        else escape(label("call_no_phone", lang, who=who)))
    rows = [(label("when", lang), when), (label("where", lang), where),
            (label("pickup", lang), pickup), (label("wear", lang), wear),
            (label("bring", lang), escape(label("bring_text", lang))),
            (label("call", lang), f"<b>{call}</b>")]
    details = Table([[Paragraph(escape(k), s.label), Paragraph(v, s.value)] for k, v in rows],
                    colWidths=_DETAIL_COLUMNS, hAlign="LEFT")
    details.setStyle(details_table_style())
    meta = (f"{escape(label('reference', lang))}: {escape(data.reference)}&nbsp;&nbsp;·&nbsp;&nbsp;"
            f"{escape(label('date', lang))}: {escape(short_date(data.letter_date, lang))}")
    signature = [Paragraph(escape(label("sign_off", lang)), s.body), Spacer(1, 10 * mm)]
    if data.contact_name:
        signature.append(Paragraph(escape(data.contact_name), s.body))
    signature.append(Paragraph(escape(label("team_name", lang, office=office.name)), s.body))
    return [
        top, Spacer(1, 6 * mm), Paragraph(meta, s.small), Spacer(1, 3 * mm),
        Paragraph(escape(label("letter_title", lang)), s.title), Spacer(1, 2 * mm),
        Paragraph(escape(label("dear", lang, name=data.person_name)), s.body),
        Paragraph(escape(label("intro", lang)), s.body), Spacer(1, 2 * mm), details,
        Spacer(1, 4 * mm), Paragraph(escape(label("warning", lang)), s.body), Spacer(1, 4 * mm),
        KeepTogether(signature),
    ]


def _nowrap(text: str) -> str:
    """Escaped text that never breaks across lines (phone numbers)."""
    return escape(text).replace(" ", "&nbsp;")


def render_appointment_letter(data: AppointmentLetterData) -> bytes:
    """One letter as PDF bytes: no protective marking, headers and footers in its language."""
    return render_sections([letter_section(data)], printed_at=data.printed_at,
                           printed_by=data.printed_by)


def letter_section(data: AppointmentLetterData) -> Section:
    return Section(label("letter_title", data.language), data.reference, False,
                   data.language, build_appointment_letter(data))


# --- documents bound together, each with its own header, marking and page numbers ----------

@dataclass
class Section:
    title: str
    reference: str
    staff_only: bool
    language: str
    story: list[Flowable]


class _SectionStart(Flowable):
    """Zero-size marker: the page it lands on belongs to section ``index``."""

    def __init__(self, index: int):
        super().__init__()
        self.index = index

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._doctemplate.current_section = self.index  # type: ignore[attr-defined]


class _SectionPages(IndexingFlowable):
    """Keeps ``multiBuild`` going until each page's section is the same two passes running."""

    def __init__(self, doc: _SectionDoc):
        super().__init__()
        self._doc = doc
        self._satisfied = False

    def afterBuild(self) -> None:
        found = list(self._doc.this_pass)
        self._satisfied = found == self._doc.page_sections
        self._doc.page_sections = found

    def isSatisfied(self) -> bool:
        return self._satisfied

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _SectionDoc(BaseDocTemplate):
    def __init__(self, output: io.BytesIO, sections: Sequence[Section], title: str,
                 printed_at: dt.datetime, printed_by: str | None):
        fonts.register_fonts()
        self.sections = list(sections)
        self.printed_at = printed_at
        self.printed_by = printed_by
        self.current_section = 0
        self.this_pass: list[int] = []
        self.page_sections: list[int] = []
        super().__init__(output, pagesize=A4, leftMargin=styles.MARGIN_SIDE,
                         rightMargin=styles.MARGIN_SIDE, topMargin=styles.MARGIN_TOP,
                         bottomMargin=styles.MARGIN_BOTTOM, title=title, author=APP_NAME,
                         creator=APP_NAME, lang="en-GB", initialFontName=fonts.REGULAR)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="section", frames=[frame],
                                            onPageEnd=self._decorate)])

    def handle_documentBegin(self) -> None:
        self.this_pass = []
        super().handle_documentBegin()

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        # Drawn when the page ends, once the marker at its top has said which section it is.
        index = self.current_section
        self.this_pass.append(index)
        pages = self.page_sections or self.this_pass
        number = self.this_pass.count(index)
        total = pages.count(index) if self.page_sections else None
        _draw_frame(canv, self, self.sections[index], number, total)

    def build_sections(self) -> None:
        story: list[Flowable] = []
        for i, section in enumerate(self.sections):
            if i:
                story.append(PageBreak())
            story.append(_SectionStart(i))
            story.extend(section.story)
        story.append(_SectionPages(self))
        self.multiBuild(story)


def _draw_frame(canv: Canvas, doc: _SectionDoc, section: Section, page: int,
                total: int | None) -> None:
    """Header (title, reference, marking) and footer (page of section, printed) of a page."""
    width, height = doc.pagesize
    left, right = doc.leftMargin, width - doc.rightMargin
    lang = section.language
    canv.saveState()
    if section.staff_only:
        canv.setFont(fonts.BOLD, 9)
        canv.setFillColor(styles.INK)
        canv.drawCentredString(width / 2, height - 10 * mm, STAFF_MARKING)
        canv.drawCentredString(width / 2, 8 * mm, STAFF_MARKING)
    baseline = height - 17 * mm
    canv.setFillColor(styles.MUTED)
    canv.setFont(fonts.REGULAR, 9)
    canv.drawRightString(right, baseline, section.reference)
    canv.setFont(fonts.BOLD, 9)
    canv.drawString(left, baseline, _fit(section.title, right - left - 60 * mm))
    canv.setStrokeColor(styles.RULE)
    canv.setLineWidth(0.5)
    canv.line(left, baseline - 2.5 * mm, right, baseline - 2.5 * mm)
    foot = 14 * mm
    canv.line(left, foot + 4 * mm, right, foot + 4 * mm)
    canv.setFont(fonts.REGULAR, 8.5)
    canv.drawRightString(right, foot, label("page", lang, page=page, total=total or "?"))
    stamp = doc.printed_at
    printed = label("printed", lang, when=f"{short_date(stamp.date(), lang)} {stamp:%H:%M}")
    if doc.printed_by and section.staff_only:
        printed += f" · {doc.printed_by}"
    canv.drawString(left, foot, printed)
    canv.restoreState()


def _fit(text: str, width: float) -> str:
    while text and stringWidth(text + "…", fonts.BOLD, 9) > width:
        text = text[:-1]
    return text


def render_sections(sections: Sequence[Section], *, printed_at: dt.datetime,
                    printed_by: str | None = None, title: str | None = None,
                    progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """Several documents in one PDF, each with its own header, marking and "Page X of Y"."""
    if not sections:
        raise ValueError("nothing to print")
    buffer = io.BytesIO()
    if progress is not None:
        progress(len(sections), len(sections), "Laying out pages")
    _SectionDoc(buffer, sections, title or sections[0].title, printed_at,
                printed_by).build_sections()
    return buffer.getvalue()
