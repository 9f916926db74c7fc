"""The completion letter for the person: the hours are done (rule UPW-15)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from upw_ttg.domain.codes import OrderType
from upw_ttg.printing import glossary
from upw_ttg.printing.documents.letter_text import (
    hours_text,
    letter_head,
    order_type_text,
    sign_off,
    t,
)
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import get_styles
from upw_ttg.printing.text import escape
from upw_ttg.records.letters import CompletionLetter


def build_completion_letter(letter: CompletionLetter) -> list[Flowable]:
    s = get_styles()
    head = letter.head
    language = head.language.printed
    story: list[Flowable] = [*letter_head(head),
                             Paragraph(t("completion_title", language), s.title),
                             Spacer(1, 3 * mm),
                             Paragraph(t("dear", language, name=escape(head.person_name)), s.body)]
    story.append(Paragraph(t("completion_intro", language,
                             hours=hours_text(letter.hours_ordered * 60, language),
                             court=escape(letter.court),
                             date=glossary.short_date(letter.sentence_date, language),
                             order=order_type_text(letter.order_type, language)), s.body))
    story.append(Paragraph(t("finished_on", language,
                             date=glossary.short_date(letter.completed_on, language)), s.body))
    if letter.projects:
        story.append(Paragraph(t("worked_at", language,
                                 projects=", ".join(escape(p) for p in letter.projects)), s.body))
    if letter.incentive_minutes > 0:
        story.append(Paragraph(t("incentive", language,
                                 hours=hours_text(letter.incentive_minutes, language)), s.body))
    story.append(Paragraph(t("thanks", language), s.body))
    story.append(Paragraph(t(_what_continues(letter), language), s.body))
    story.append(Paragraph(t("keep_letter", language), s.body))
    story += sign_off(head)
    return story


def _what_continues(letter: CompletionLetter) -> str:
    """A suspended sentence order outlives its unpaid work: the sentence stays suspended."""
    if letter.order_type == OrderType.SUSPENDED_SENTENCE_ORDER:
        return "suspended_continues"
    return "standalone_done" if letter.standalone else "others_continue"


def document_reference(letter: CompletionLetter) -> str:
    return f"CL-{letter.head.crn}-{letter.completed_on:%Y%m%d}"


def render_completion_letter(letter: CompletionLetter, *, printed_at: dt.datetime,
                             printed_by: str | None = None, invariant: bool = False) -> bytes:
    language = letter.head.language.printed
    return render_pdf(build_completion_letter(letter), title=t("completion_title", language),
                      reference=document_reference(letter), printed_at=printed_at,
                      printed_by=printed_by, staff_only=False, invariant=invariant,
                      language=language)
