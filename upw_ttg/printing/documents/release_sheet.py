"""The day-of-release sheet for the person: where to go, where to sleep, money, medicines."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from upw_ttg.printing import fonts
from upw_ttg.printing.documents.resettlement_plan import (
    contacts_table, long_date, text_or, when, word,
)
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import ACCENT, HEADER_FILL, RULE, Styles, get_styles
from upw_ttg.printing.text import escape
from upw_ttg.services.ttg.handouts import HandoutLanguage, ReleaseDaySheet

SHEET_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Your day of release", "Eich diwrnod rhyddhau"),
    "intro": ("Keep this sheet with you when you leave prison.",
              "Cadwch y daflen hon gyda chi pan fyddwch yn gadael y carchar."),
    "leaving": ("You are due to leave {prison} on", "Rydych i fod i adael {prison} ar"),
    "may_change": ("This date may still change. Your resettlement worker will tell you.",
                   "Gall y dyddiad hwn newid o hyd. Bydd eich gweithiwr ailsefydlu yn dweud "
                   "wrthych."),
    "not_known": ("Your release date is not known yet.",
                  "Nid yw dyddiad eich rhyddhau yn hysbys eto."),
    "report": ("1. Where and when to go", "1. Ble a phryd i fynd"),
    "report_note": ("Go to this appointment on the day you leave. It is part of your "
                    "licence.",
                    "Ewch i'r apwyntiad hwn ar y diwrnod y byddwch yn gadael. Mae'n rhan o'ch "
                    "trwydded."),
    "not_booked": ("Not booked yet. Ask your resettlement worker before you leave.",
                   "Heb ei drefnu eto. Gofynnwch i'ch gweithiwr ailsefydlu cyn i chi adael."),
    "with": ("With", "Gyda"),
    "when": ("When", "Pryd"),
    "where": ("Where", "Ble"),
    "phone": ("Phone", "Ffôn"),
    "first_night": ("2. Where you will stay the first night",
                    "2. Ble byddwch chi'n aros y noson gyntaf"),
    "no_address": ("No address yet. Tell your probation officer at your first appointment "
                   "that you have nowhere to stay.",
                   "Dim cyfeiriad eto. Dywedwch wrth eich swyddog prawf yn eich apwyntiad "
                   "cyntaf nad oes gennych unman i aros."),
    "address_unknown": ("Not sorted yet. Ask your resettlement worker.",
                        "Heb ei drefnu eto. Gofynnwch i'ch gweithiwr ailsefydlu."),
    "medicines": ("3. Medicines on the day", "3. Meddyginiaethau ar y diwrnod"),
    "money": ("4. Your ID, bank account and benefits",
              "4. Eich dogfennau adnabod, cyfrif banc a budd-daliadau"),
    "id": ("ID", "Dogfennau adnabod"),
    "bank": ("Bank account", "Cyfrif banc"),
    "benefits": ("Benefits", "Budd-daliadau"),
    "gp": ("5. Your doctor (GP)", "5. Eich meddyg teulu"),
    "gp_yes": ("You are registered with a GP.", "Rydych wedi cofrestru gyda meddyg teulu."),
    "gp_no": ("You are not registered with a GP yet. Register as soon as you can.",
              "Nid ydych wedi cofrestru gyda meddyg teulu eto. Cofrestrwch cyn gynted ag y "
              "gallwch."),
    "phones": ("6. Useful phone numbers", "6. Rhifau ffôn defnyddiol"),
    "ask": ("Ask your resettlement worker.", "Gofynnwch i'ch gweithiwr ailsefydlu."),
}
_BOX_COLUMNS = ("28%", "72%")


def _t(key: str, language: HandoutLanguage) -> str:
    return word(SHEET_LABELS[key], language)


def _box(title: str, rows: list[list[Flowable]], s: Styles) -> Flowable:
    """A titled box with label/value rows, kept on one page."""
    cells: list[list[Flowable | str]] = [[Paragraph(f"<b>{title}</b>", s.table_header), ""]]
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (1, 0), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (1, 0), 0.9, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ])
    for i, row in enumerate(rows, start=1):
        if len(row) == 1:
            cells.append([row[0], ""])
            style.add("SPAN", (0, i), (1, i))
        else:
            cells.append(list(row))
        if i < len(rows):
            style.add("LINEBELOW", (0, i), (1, i), 0.4, RULE)
    table = Table(cells, colWidths=_BOX_COLUMNS, hAlign="LEFT")
    table.setStyle(style)
    return KeepTogether([table, Spacer(1, 6)])


def build_release_sheet(sheet: ReleaseDaySheet) -> list[Flowable]:
    s, lang = get_styles(), sheet.language

    def pair(key: str, value: str) -> list[Flowable]:
        return [Paragraph(_t(key, lang), s.label), Paragraph(value, s.value)]

    def one(text: str) -> list[Flowable]:
        return [Paragraph(text, s.value)]

    if sheet.release_date is None:
        leaving = [Paragraph(_t("not_known", lang), s.subtitle)]
    else:
        leaving = [Paragraph(escape(_t("leaving", lang).format(prison=sheet.prison_name)),
                             s.body),
                   Paragraph(long_date(sheet.release_date, lang, weekday=True), s.title)]
        if not sheet.release_date_confirmed:
            leaving.append(Paragraph(_t("may_change", lang), s.note))
    story: list[Flowable] = [
        Paragraph(_t("title", lang), s.title),
        Paragraph(escape(sheet.person_name), s.subtitle),
        Paragraph(_t("intro", lang), s.body),
        Spacer(1, 2), *leaving, Spacer(1, 6)]
    first = sheet.first_appointment
    if first is None:
        report = [one(_t("not_booked", lang))]
    else:
        report = [pair("with", text_or(first.with_whom, _t("ask", lang))),
                  pair("when", f"<b>{when(first.at, lang)}</b>"),
                  pair("where", text_or(first.where, _t("ask", lang))),
                  pair("phone", text_or(first.phone, _t("ask", lang))),
                  one(_t("report_note", lang))]
    story.append(_box(_t("report", lang), report, s))
    if sheet.accommodation_found is False:
        night = _t("no_address", lang)
    else:
        night = text_or(sheet.first_night_address, _t("address_unknown", lang))
    story.append(_box(_t("first_night", lang), [one(night)], s))
    story.append(_box(_t("medicines", lang), [one(text_or(sheet.prescriptions,
                                                          _t("ask", lang)))], s))
    story.append(_box(_t("money", lang), [
        pair("id", text_or(sheet.id_status, _t("ask", lang))),
        pair("bank", text_or(sheet.bank_account_status, _t("ask", lang))),
        pair("benefits", text_or(sheet.benefits_status, _t("ask", lang)))], s))
    gp = _t("gp_yes", lang) if sheet.gp_registered else _t("gp_no", lang)
    if sheet.gp_details:
        gp += f"<br/><b>{escape(sheet.gp_details)}</b>"
    story.append(_box(_t("gp", lang), [one(gp)], s))
    # A heading kept with its table; nothing after it, so no blank second page.
    story.append(KeepTogether([Paragraph(_t("phones", lang), s.heading),
                               contacts_table(sheet.contacts, lang, s)]))
    return story


def render_release_sheet(sheet: ReleaseDaySheet, *, invariant: bool = False) -> bytes:
    """The sheet as PDF bytes: person-facing, so no protective marking."""
    return render_pdf(build_release_sheet(sheet), title=_t("title", sheet.language),
                      reference=f"{sheet.printed_at:%d/%m/%Y}", printed_at=sheet.printed_at,
                      printed_by=sheet.printed_by, staff_only=False, invariant=invariant,
                      language=sheet.language.value)
