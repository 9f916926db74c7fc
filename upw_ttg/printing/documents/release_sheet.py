"""The day-of-release sheet for the person: where to go, where to sleep, money, medicines."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from upw_ttg.domain.codes import TravelPayment
from upw_ttg.printing import fonts, glossary
from upw_ttg.printing.documents.resettlement_plan import (
    clock,
    contacts_table,
    long_date,
    pathway_name,
    text_or,
    when,
    word,
)
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import ACCENT, HEADER_FILL, RULE, Styles, get_styles
from upw_ttg.printing.text import escape
from upw_ttg.services.ttg.handouts import HandoutLanguage, ReleaseDaySheet

# The sheet's fixed words, in English and Welsh, from the one glossary.
SHEET_LABELS: dict[str, tuple[str, str]] = glossary.pairs("release")
_PAYMENT_KEYS = {TravelPayment.TRAVEL_WARRANT: "pay_travel_warrant",
                 TravelPayment.DISCHARGE_GRANT: "pay_discharge_grant",
                 TravelPayment.COLLECTED: "pay_collected"}
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
    unknown = _t("unknown", lang)

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
    # The officer by name; what the worker typed as "with" is the fallback.
    if sheet.officer_name:
        with_whom = (f"<b>{escape(sheet.officer_name)}</b>, "
                     f"{_t('your_officer', lang)}")
    else:
        with_whom = text_or(first.with_whom if first else None, unknown)
    report = [pair("with", with_whom),
              pair("when", f"<b>{when(first.at, lang)}</b>" if first and first.at
                   else unknown),
              pair("where", text_or(first.where if first else None, unknown)),
              pair("phone", text_or(first.phone if first else None, unknown))]
    if first is not None:
        report.append(one(_t("report_note", lang)))
    report += _office_rows(sheet, pair, unknown)
    story.append(_box(_t("report", lang), report, s))
    payment = (_t(_PAYMENT_KEYS[sheet.travel_payment], lang) if sheet.travel_payment
               else unknown)
    story.append(_box(_t("travel", lang), [pair("how", text_or(sheet.travel_route, unknown)),
                                          pair("paid", payment)], s))
    if sheet.accommodation_found is False:
        night = _t("no_address", lang)
    else:
        night = text_or(sheet.first_night_address, unknown)
    story.append(_box(_t("first_night", lang), [one(night)], s))
    story.append(_box(_t("medicines", lang), _prescription_rows(sheet, pair, one), s))
    story.append(_box(_t("money", lang), [
        pair("id", text_or(sheet.id_status, unknown)),
        pair("bank", text_or(sheet.bank_account_status, unknown)),
        pair("benefits", text_or(sheet.benefits_status, unknown))], s))
    if sheet.gp_registered is None:
        gp = unknown
    else:
        gp = _t("gp_yes", lang) if sheet.gp_registered else _t("gp_no", lang)
    if sheet.gp_details:
        gp += f"<br/><b>{escape(sheet.gp_details)}</b>"
    story.append(_box(_t("gp", lang), [one(gp)], s))
    if sheet.fallbacks:
        story.append(_box(_t("fallback", lang), _fallback_rows(sheet, s), s))
    # A heading kept with its table; nothing after it, so no blank second page.
    # The services still helping follow the people, each with its details (rule TTG-DIR4).
    story.append(KeepTogether([Paragraph(_t("phones", lang), s.heading),
                               contacts_table(sheet.contacts, lang, s, sheet.services)]))
    return story


def _office_rows(sheet: ReleaseDaySheet, pair, unknown: str) -> list[list[Flowable]]:
    """The office in full: organisation, address on one line, and the number to call."""
    office = sheet.office
    if office is None or not (office.address_lines or office.phone):
        return [pair("office", unknown)]
    address = ", ".join(office.address_lines)
    # An office named after its town says nothing the address does not.
    name = office.name if office.name and office.name not in address else None
    lines = [", ".join(x for x in (office.organisation, name) if x), address]
    if office.phone:
        lines.append(f"{word(SHEET_LABELS['phone'], sheet.language)} <b>"
                     f"{escape(office.phone)}</b>")
    return [pair("office", "<br/>".join(line if line.startswith(
        word(SHEET_LABELS['phone'], sheet.language)) else escape(line)
        for line in lines if line))]


def _fallback_rows(sheet: ReleaseDaySheet, s: Styles) -> list[list[Flowable]]:
    """What happens if something falls through, who to call and by when (rule
    TTG-FALLBACK): the day of release first, then each need on the person's copy."""
    lang = sheet.language
    rows: list[list[Flowable]] = []
    for f in sheet.fallbacks:
        lines = [f"<b>{escape(f.plan)}</b>"] if f.plan else []
        if f.contact:
            lines.append(f"{_t('fallback_call', lang)}: <b>{escape(f.contact)}</b>")
        if f.by_time is not None:
            by = clock(dt.datetime.combine(dt.date.min, f.by_time), lang)
        else:
            by = long_date(f.by_date, lang) if f.by_date else None
        if by:
            lines.append(f"{_t('fallback_by', lang)} {by}")
        title = (_t("fallback_day", lang) if f.pathway_code is None
                 else escape(pathway_name(f.pathway_code, f.pathway_name or "", lang)))
        rows.append([Paragraph(title, s.label), Paragraph("<br/>".join(lines), s.value)])
    return rows


def _prescription_rows(sheet: ReleaseDaySheet, pair, one) -> list[list[Flowable]]:
    """Arranged or not, and where to collect it: never which medicine (no health detail)."""
    lang = sheet.language
    if sheet.prescriptions_arranged is None:
        return [one(_t("unknown", lang))]
    if not sheet.prescriptions_arranged:
        return [one(_t("rx_none", lang))]
    return [one(f"<b>{_t('rx_arranged', lang)}</b>"),
            pair("rx_collect", text_or(sheet.prescriptions_collect_from, _t("unknown", lang)))]


def render_release_sheet(sheet: ReleaseDaySheet, *, invariant: bool = False) -> bytes:
    """The sheet as PDF bytes: person-facing, so no protective marking."""
    return render_pdf(build_release_sheet(sheet), title=_t("title", sheet.language),
                      reference=f"{sheet.printed_at:%d/%m/%Y}", printed_at=sheet.printed_at,
                      printed_by=sheet.printed_by, staff_only=False, invariant=invariant,
                      language=sheet.language.value)
