"""English and Welsh wording for the letters and the breach summary, and the letter head."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from upw_ttg.domain.codes import Language, OrderType
from upw_ttg.printing import fonts, glossary
from upw_ttg.printing.styles import get_styles
from upw_ttg.printing.text import escape
from upw_ttg.records.letters import LetterHead
from upw_ttg.records.upw_print import OfficeContact

# Terms the letters share with every other document.
_SHARED = {"phone": "service.phone", "date": "service.date"}


def t(key: str, language: Language, **values: str) -> str:
    """The letters' phrase ``key`` in ``language`` (English for any other language)."""
    return glossary.phrase(_SHARED.get(key, f"letter.{key}"), language, **values)


def hours_text(minutes: int, language: Language) -> str:
    """``90`` -> "1 hour 30 minutes" / "1 awr 30 munud" (Welsh keeps the singular noun)."""
    return glossary.hours_text(minutes, language)


def order_type_text(order_type: OrderType, language: Language) -> str:
    return glossary.phrase(f"order.{order_type.value}", language)


def sender_lines(office: OfficeContact, language: Language) -> list[str]:
    """The organisation, the team and office, address, phone, email and opening hours, as
    paragraph markup: who sent a person-facing document and how to reach them."""
    lines = [f"<b>{escape(office.organisation)}</b>",
             escape(glossary.phrase("letter.team", language, office=office.name)),
             *(escape(x) for x in office.address_lines)]
    if office.phone:
        lines.append(f"{glossary.phrase('service.phone', language)}: <b>{nowrap(office.phone)}</b>")
    if office.email:
        lines.append(f"{glossary.phrase('service.email', language)}: {escape(office.email)}")
    hours = ((office.opening_hours_cy if glossary.is_welsh(language) else None)
             or office.opening_hours)
    if hours:
        lines.append(f"{glossary.phrase('service.opening_hours', language)}: {escape(hours)}")
    return lines


def nowrap(text: str) -> str:
    """Escaped text that never breaks across lines (phone numbers)."""
    return escape(text).replace(" ", "&nbsp;")


def letter_head(head: LetterHead) -> list[Flowable]:
    """Addressee on the left (for a window envelope), the office on the right, then dates."""
    s = get_styles()
    language = head.language.printed
    to = "<br/>".join([f"<b>{escape(head.person_name)}</b>",
                       *(escape(line) for line in head.address_lines)])
    office = sender_lines(head.office, language)
    office += ["", f"{t('reference', language)}: {escape(head.crn)}",
               f"{t('date', language)}: {glossary.short_date(head.letter_date, language)}"]
    table = Table([[Paragraph(to, s.body), Paragraph("<br/>".join(office), s.body)]],
                  colWidths=[100 * mm, 74 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [table, Spacer(1, 10 * mm)]


def sign_off(head: LetterHead) -> list[Flowable]:
    s = get_styles()
    language = head.language.printed
    return [Spacer(1, 6 * mm), Paragraph(t("yours", language), s.body), Spacer(1, 12 * mm),
            Paragraph(f"<b>{escape(head.signatory)}</b><br/>"
                      f"{escape(t('team', language, office=head.office.name))}<br/>"
                      f"{escape(head.office.organisation)}", s.body)]
