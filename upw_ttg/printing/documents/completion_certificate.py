"""The person's certificate of hours worked and skills practised (rule UPW-CERTIFICATE)."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary
from upw_ttg.printing.documents.letter_text import hours_text
from upw_ttg.printing.layout import FRAME_WIDTH
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import ACCENT, get_styles
from upw_ttg.printing.text import escape
from upw_ttg.records.skills import CompletionCertificate

_BORDER = HexColor("#1d5a7a")


def _t(key: str, language: Language, **values: object) -> str:
    return glossary.phrase(f"certificate.{key}", language, **values)


def _date(day: dt.date, language: Language) -> str:
    """A date that never breaks across lines."""
    return glossary.short_date(day, language).replace(" ", "\u00a0")


def build_completion_certificate(cert: CompletionCertificate) -> list[Flowable]:
    s = get_styles()
    language = cert.language.printed
    centre = ParagraphStyle("CertCentre", parent=s.body, alignment=TA_CENTER, fontSize=12,
                            leading=17, spaceAfter=6)
    title = ParagraphStyle("CertTitle", parent=s.title, alignment=TA_CENTER, fontSize=28,
                           leading=34, spaceAfter=4)
    name = ParagraphStyle("CertName", parent=s.subtitle, alignment=TA_CENTER, fontSize=22,
                          leading=28, textColor=ACCENT, spaceBefore=4, spaceAfter=8)
    heading = ParagraphStyle("CertHeading", parent=s.heading, alignment=TA_CENTER,
                             spaceBefore=10, spaceAfter=3)
    hours = hours_text(cert.minutes_worked, language)
    if cert.first_day is not None:
        done = _t("completed", language, hours=hours, first=_date(cert.first_day, language),
                  last=_date(cert.completed_on, language))
    else:
        done = _t("completed_on", language, hours=hours, last=_date(cert.completed_on, language))
    inner: list[Flowable] = [
        Spacer(1, 6 * mm), Paragraph(escape(_t("title", language)), title),
        Paragraph(escape(_t("service", language)), centre), Spacer(1, 8 * mm),
        Paragraph(escape(_t("certifies", language)), centre),
        Paragraph(escape(cert.person_name), name), Paragraph(escape(done), centre)]
    for key, items in (("skills_shown", cert.skills_shown),
                       ("skills_practised", cert.skills_practised),
                       ("placements", cert.projects)):
        if items:
            inner += [Paragraph(escape(_t(key, language)), heading),
                      Paragraph(" · ".join(escape(i) for i in items), centre)]
    inner += [Spacer(1, 6 * mm), Paragraph(escape(_t("well_done", language)), centre),
              Paragraph(escape(_t("show_it", language)), centre), Spacer(1, 10 * mm)]
    issued = (_t("issued", language, date=_date(cert.issued_on, language), office=cert.office)
              if cert.office else
              _t("issued_no_office", language, date=_date(cert.issued_on, language)))
    small = ParagraphStyle("CertSmall", parent=s.small, alignment=TA_CENTER)
    signed = Table([[""], [Paragraph(escape(cert.signatory or ""), centre)],
                    [Paragraph(escape(_t("signed", language)), small)]],
                   colWidths=[90 * mm], rowHeights=[14 * mm, None, None], hAlign="CENTER")
    signed.setStyle(TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.6, _BORDER),
                                ("TOPPADDING", (0, 1), (0, -1), 1),
                                ("BOTTOMPADDING", (0, 1), (0, -1), 0)]))
    inner += [signed, Spacer(1, 4 * mm), Paragraph(escape(issued), centre)]
    width = FRAME_WIDTH - 8 * mm
    frame = Table([[KeepInFrame(width - 16 * mm, 215 * mm, inner, mode="shrink")]],
                  colWidths=[width])
    frame.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 2.2, _BORDER),
                               ("INNERGRID", (0, 0), (-1, -1), 0, _BORDER),
                               ("LEFTPADDING", (0, 0), (-1, -1), 8 * mm),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                               ("TOPPADDING", (0, 0), (-1, -1), 6 * mm),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 8 * mm)]))
    return [frame]


def document_reference(cert: CompletionCertificate) -> str:
    return f"CC-{cert.crn}-{cert.completed_on:%Y%m%d}"


def render_completion_certificate(cert: CompletionCertificate, *, printed_at: dt.datetime,
                                  printed_by: str | None = None, invariant: bool = False
                                  ) -> bytes:
    language = cert.language.printed
    return render_pdf(build_completion_certificate(cert), title=_t("title", language),
                      reference=document_reference(cert), printed_at=printed_at,
                      printed_by=printed_by, staff_only=False, invariant=invariant,
                      language=language)
