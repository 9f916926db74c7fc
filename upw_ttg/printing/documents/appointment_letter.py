"""The appointment letter, in English or Welsh."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from upw_ttg.printing import fonts, glossary
from upw_ttg.printing.documents.letter_text import nowrap, sender_lines
from upw_ttg.printing.documents.upw_welsh import clock, label
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import details_table_style, get_styles
from upw_ttg.printing.template import Section
from upw_ttg.printing.text import escape
from upw_ttg.records.upw_print import AppointmentLetterData

_DETAIL_COLUMNS = ("24%", "76%")


def build_appointment_letter(data: AppointmentLetterData) -> list[Flowable]:
    """The letter's story: where and when, pick-up, what to wear and bring, who to call."""
    s = get_styles()
    lang = data.language.printed
    office = data.office
    sender = Paragraph("<br/>".join(sender_lines(office, lang)), s.body)
    recipient = Paragraph("<br/>".join([f"<b>{escape(data.person_name)}</b>",
                                        *(escape(line) for line in data.address_lines)]),
                          s.body)
    top = Table([[recipient, sender]], colWidths=("55%", "45%"), hAlign="LEFT")
    top.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                  ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)])
    when = (f"<b>{escape(glossary.long_date(data.session_date, lang))}</b><br/>"
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
    wear = escape(label("wear_text_indoor" if data.indoor else "wear_text", lang))
    if data.hi_vis_required:
        wear += f"<br/><b>{escape(label('hi_vis', lang))}</b>"
    who = data.contact_name or label("team", lang)
    if office.phone:
        call = escape(label("call_text", lang, who=who, phone="@PHONE@")).replace(
            "@PHONE@", nowrap(office.phone))
    elif data.contact_name:
        vowel = data.contact_name[:1].lower() in "aeiouwyâêîôûŵŷ"
        call = escape(label("call_no_phone_vowel" if vowel else "call_no_phone", lang,
                            who=data.contact_name))
    else:
        call = escape(label("call_team", lang))
    rows = [(label("when", lang), when), (label("where", lang), where),
            (label("pickup", lang), pickup), (label("wear", lang), wear),
            (label("bring", lang), escape(label("bring_text", lang))),
            (label("call", lang), f"<b>{call}</b>")]
    details = Table([[Paragraph(escape(k), s.label), Paragraph(v, s.value)] for k, v in rows],
                    colWidths=_DETAIL_COLUMNS, hAlign="LEFT")
    details.setStyle(details_table_style())
    meta = (f"{escape(label('reference', lang))}: {escape(data.reference)}&nbsp;&nbsp;·&nbsp;&nbsp;"
            f"{escape(label('date', lang))}: {escape(glossary.short_date(data.letter_date, lang))}")
    signature = [Paragraph(escape(label("sign_off", lang)), s.body), Spacer(1, 10 * mm)]
    if data.contact_name:
        signature.append(Paragraph(escape(data.contact_name), s.body))
    signature.append(Paragraph(escape(label("team_name", lang, office=office.name)), s.body))
    signature.append(Paragraph(escape(office.organisation), s.body))
    return [
        top, Spacer(1, 6 * mm), Paragraph(meta, s.small), Spacer(1, 3 * mm),
        Paragraph(escape(label("letter_title", lang)), s.title), Spacer(1, 2 * mm),
        Paragraph(escape(label("dear", lang, name=data.person_name)), s.body),
        Paragraph(escape(label("intro", lang)), s.body), Spacer(1, 2 * mm), details,
        Spacer(1, 4 * mm), Paragraph(escape(label("warning", lang)), s.body), Spacer(1, 4 * mm),
        KeepTogether(signature),
    ]


def render_appointment_letter(data: AppointmentLetterData) -> bytes:
    """One letter as PDF bytes: no protective marking, headers and footers in its language."""
    return render_sections([letter_section(data)], printed_at=data.printed_at,
                           printed_by=data.printed_by)


def letter_section(data: AppointmentLetterData) -> Section:
    """The letter as one section of a batch; the footer does not name who printed it."""
    return Section(label("letter_title", data.language), data.reference,
                   build_appointment_letter(data), staff_only=False, language=data.language,
                   show_printed_by=False)
