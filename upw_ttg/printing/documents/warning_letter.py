"""The first warning letter, worded as the Sentencing Act 2020 Sch 10/16 para 6(4) requires."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

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
from upw_ttg.records.letters import WarningLetter


def build_warning_letter(letter: WarningLetter) -> list[Flowable]:
    s = get_styles()
    head = letter.head
    language = head.language.printed
    story: list[Flowable] = [*letter_head(head),
                             Paragraph(t("warning_title", language), s.title),
                             Paragraph(t("warning_subtitle", language), s.subtitle),
                             Spacer(1, 3 * mm),
                             Paragraph(t("dear", language, name=escape(head.person_name)), s.body)]
    story.append(Paragraph(t("order_intro", language,
                             hours=hours_text(letter.hours_ordered * 60, language),
                             order=order_type_text(letter.order_type, language),
                             court=escape(letter.court),
                             date=glossary.short_date(letter.sentence_date, language)), s.body))
    story.append(Paragraph(t("what_happened", language), s.heading))
    story.append(Paragraph(t(f"failure_{letter.failure_code}", language,
                             date=glossary.date_after_on(letter.failure_date, language),
                             project=escape(letter.project_name),
                             start=f"{letter.start_time:%H:%M}",
                             end=f"{letter.end_time:%H:%M}"), s.body))
    if letter.circumstances:
        story.append(Paragraph(escape(letter.circumstances), s.body))
    story.append(Paragraph(f"<b>{t('unacceptable', language)}</b>", s.body))
    story.append(Paragraph(t("formal_warning", language), s.heading))
    story.append(Paragraph(t("consequence", language, months=str(letter.warning_months),
                             end=f"<b>{glossary.short_date(letter.warning_ends_on, language)}</b>"),
                           s.body))
    story.append(Paragraph(t("what_now", language), s.heading))
    hours = hours_text(letter.remaining_minutes, language)
    upcoming = letter.next_session
    if upcoming is None:
        story.append(Paragraph(t("next_session_unbooked", language, hours=hours), s.body))
    else:
        place = ", ".join([upcoming.place, *upcoming.address_lines])
        story.append(Paragraph(t("next_session_booked", language,
                                 date=f"<b>{glossary.date_after_on(upcoming.day, language)}</b>",
                                 start=f"<b>{upcoming.start_time:%H:%M}</b>",
                                 end=f"{upcoming.end_time:%H:%M}",
                                 place=f"<b>{escape(place)}</b>", hours=hours), s.body))
    if letter.respond_by is not None:
        phone = (t("on_phone", language, phone=escape(head.office.phone))
                 if head.office.phone else "")
        story.append(Paragraph(t("contact_us", language,
                                 date=glossary.short_date(letter.respond_by, language),
                                 phone=phone),
                               s.body))
    story += sign_off(head)
    return story


def document_reference(letter: WarningLetter) -> str:
    return f"WL-{letter.head.crn}-{letter.warning_date:%Y%m%d}"


def render_warning_letter(letter: WarningLetter, *, printed_at: dt.datetime,
                          printed_by: str | None = None, invariant: bool = False) -> bytes:
    """The letter as PDF bytes; handed to the person, so it carries no protective marking."""
    language = letter.head.language.printed
    return render_pdf(build_warning_letter(letter), title=t("warning_title", language),
                      reference=document_reference(letter), printed_at=printed_at,
                      printed_by=printed_by, staff_only=False, invariant=invariant,
                      language=language)
