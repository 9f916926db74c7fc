"""The day-of-release sheet for the person: where to go, where to sleep, money, medicines."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from upw_ttg.domain.codes import Language, TravelPayment
from upw_ttg.domain.directory import ReferralRoute
from upw_ttg.printing import fonts, glossary
from upw_ttg.printing.documents.resettlement_plan import (
    CONTACT_ROLES,
    LABELS,
    date_or_not_known,
    fallback_text,
    pathway_name,
    service_cell,
    text_or,
    when,
    word,
)
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import ACCENT, HEADER_FILL, MUTED, RULE, Styles, get_styles
from upw_ttg.printing.text import escape, number_kept, postcode_kept
from upw_ttg.records.handouts import ReleaseDaySheet

# A labelled row of a box, and a row of text alone.
_Pair = Callable[[str, str], list[Flowable]]
_One = Callable[[str], list[Flowable]]
# The sheet's fixed words, in English and Welsh, from the one glossary.
SHEET_LABELS: dict[str, tuple[str, str]] = glossary.pairs("release")
_PAYMENT_KEYS = {TravelPayment.TRAVEL_WARRANT: "pay_travel_warrant",
                 TravelPayment.DISCHARGE_GRANT: "pay_discharge_grant",
                 TravelPayment.COLLECTED: "pay_collected"}
_BOX_COLUMNS = ("28%", "72%")
# Boxes side by side: the label column wider, as the box is half as wide.
_HALF_COLUMNS = ("38%", "62%")
# What happens if something falls through runs long: it gets the width.
_FALLBACK_COLUMNS = ("22%", "78%")
_GAP = 3
_NO_PADDING = tuple((side, (0, 0), (-1, -1), 0) for side in (
    "LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"))
_NAME = ParagraphStyle("SheetName", parent=get_styles().subtitle, alignment=TA_RIGHT)
_DATE = ParagraphStyle("SheetDate", parent=get_styles().title, fontSize=18, leading=21)
# Answers set a little closer than body text: still easy to read, and a page saved.
_VALUE = ParagraphStyle("SheetValue", parent=get_styles().value, leading=12.5)


def _t(key: str, language: Language) -> str:
    return word(SHEET_LABELS[key], language)


def _box(title: str, rows: list[list[Flowable]], s: Styles,
         columns: tuple[str, ...] = _BOX_COLUMNS, *, rules: bool = True) -> Table:
    """A titled box with label/value rows (a row of one spans the box); ``rules`` draws a
    line between rows."""
    last = len(columns) - 1
    cells: list[list[Flowable | str]] = [
        [Paragraph(f"<b>{title}</b>", s.table_header), *([""] * last)]]
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (0, 0), (last, 0)),
        ("BACKGROUND", (0, 0), (last, 0), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 0.9, ACCENT),
        ("LINEBELOW", (0, 0), (last, 0), 0.9, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ])
    for i, row in enumerate(rows, start=1):
        if len(row) == 1:
            cells.append([row[0], *([""] * last)])
            style.add("SPAN", (0, i), (last, i))
        else:
            cells.append(list(row))
        if rules and i < len(rows):
            style.add("LINEBELOW", (0, i), (last, i), 0.4, RULE)
    table = Table(cells, colWidths=columns, hAlign="LEFT")
    table.setStyle(style)
    return table


def _kept(*boxes: Table) -> Flowable:
    """One box, or two side by side (short boxes, so a typical sheet fits one page), kept
    on one page with a little space after."""
    if len(boxes) == 1:
        return KeepTogether([boxes[0], Spacer(1, _GAP)])
    row = Table([[boxes[0], "", boxes[1]]], colWidths=("49%", "2%", "49%"), hAlign="LEFT")
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *_NO_PADDING]))
    return KeepTogether([row, Spacer(1, _GAP)])


def build_release_sheet(sheet: ReleaseDaySheet) -> list[Flowable]:
    s, lang = get_styles(), sheet.language
    unknown = _t("unknown", lang)

    def pair(key: str, value: str) -> list[Flowable]:
        return [Paragraph(_t(key, lang), s.label), Paragraph(value, _VALUE)]

    def one(text: str) -> list[Flowable]:
        return [Paragraph(text, _VALUE)]

    # The date stands out on its own line; the words before it share the intro's line.
    intro = _t("intro", lang)
    if sheet.release_date is None:
        leaving = [Paragraph(intro, s.body), Paragraph(_t("not_known", lang), s.subtitle)]
    else:
        leaving = [Paragraph(f"{intro} " + escape(_t("leaving", lang).format(
                       prison=sheet.prison_name)), s.body),
                   Paragraph(date_or_not_known(sheet.release_date, lang, weekday=True), _DATE)]
        if not sheet.release_date_confirmed:
            leaving.append(Paragraph(_t("may_change", lang), s.note))
    # The person's name on the title's line, to keep the sheet to one page.
    top = Table([[Paragraph(_t("title", lang), s.title),
                  Paragraph(escape(sheet.person_name), _NAME)]], colWidths=("55%", "45%"),
                hAlign="LEFT")
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                             *_NO_PADDING, ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    story: list[Flowable] = [top, *leaving, Spacer(1, _GAP)]
    first = sheet.first_appointment
    # The officer by name; what the worker typed as "with" is the fallback.
    if sheet.officer_name:
        with_whom = (f"<b>{escape(sheet.officer_name)}</b>, "
                     f"{_t('your_officer', lang)}")
    else:
        with_whom = text_or(first.with_whom if first else None, unknown)
    at = f"<b>{when(first.at, lang)}</b>" if first and first.at else unknown
    # That it is part of the licence goes with when, where it is read.
    report = [pair("with", with_whom),
              pair("when", f"{at}<br/>{_t('report_note', lang)}" if first else at),
              pair("where", text_or(first.where if first else None, unknown))]
    # A known number shares the place's row; an unknown one says so on its own.
    if first and first.phone and first.phone.strip():
        report[-1] = pair("where", f"{text_or(first.where, unknown)}&nbsp;&nbsp;·&nbsp;&nbsp;"
                                   f"{_t('phone', lang)}&nbsp;<b>{number_kept(first.phone)}</b>")
    else:
        report.append(pair("phone", unknown))
    report += _office_rows(sheet, pair, unknown)
    story.append(_kept(_box(_t("report", lang), report, s)))
    payment = (_t(_PAYMENT_KEYS[sheet.travel_payment], lang) if sheet.travel_payment
               else unknown)
    story.append(_kept(_box(_t("travel", lang), [
        pair("how", text_or(sheet.travel_route, unknown)), pair("paid", payment)], s)))
    place = sheet.first_night_provider
    if sheet.accommodation_found is False:
        night = _t("no_address", lang)
    elif place is not None:
        # The hostel or housing provider as the directory holds it now (rule TTG-DIR4).
        night = "<br/>".join(x for x in (text_or(sheet.first_night_address, ""), service_cell(
            place.name, place, lang, s, email=False, compact=True)) if x)
    else:
        night = text_or(sheet.first_night_address, unknown)
    if sheet.gp_registered is None:
        gp = unknown
    else:
        gp = _t("gp_yes", lang) if sheet.gp_registered else _t("gp_no", lang)
    if sheet.gp_provider is not None:
        # The practice as the directory holds it now (rule TTG-DIR4).
        gp += "<br/>" + service_cell(sheet.gp_provider.name, sheet.gp_provider, lang, s,
                                     email=False, compact=True)
    elif sheet.gp_details:
        gp += f"<br/><b>{escape(sheet.gp_details)}</b>"
    # Short boxes side by side, the shortest two together: where to sleep and the doctor,
    # then the prescription and money.
    story.append(_kept(_box(_t("first_night", lang), [one(night)], s, _HALF_COLUMNS),
                       _box(_t("gp", lang), [one(gp)], s, _HALF_COLUMNS)))
    story.append(_kept(
        _box(_t("medicines", lang), _prescription_rows(sheet, pair, one), s, _HALF_COLUMNS),
        _box(_t("money", lang), [
            pair("id", text_or(sheet.id_status, unknown)),
            pair("bank", text_or(sheet.bank_account_status, unknown)),
            pair("benefits", text_or(sheet.benefits_status, unknown))], s, _HALF_COLUMNS)))
    if sheet.fallbacks:
        story.append(_kept(_box(_t("fallback", lang), _fallback_rows(sheet, s), s,
                                _FALLBACK_COLUMNS)))
    # A heading kept with its table; nothing after it, so no blank second page.
    # The services still helping follow the people, each with its details (rule TTG-DIR4).
    story.append(_kept(_phones(sheet, s)))
    return story


def _phones(sheet: ReleaseDaySheet, s: Styles) -> Table:
    """The people and services to call, two to a row: who they are (and a person's team) in
    small print, the name and number in bold, a service's details underneath (rule
    TTG-DIR4)."""
    lang = sheet.language
    muted = f"<font size='{s.table_cell_small.fontSize}' color='#{MUTED.hexval()[2:]}'>"
    cells: list[str] = []
    for c in sheet.contacts:
        # Numbers to call: emails are on the person's copy of the plan. The team shares the
        # line of who they are, so a row of two people takes a line less.
        role = word(CONTACT_ROLES[c.role], lang)
        if c.organisation and c.organisation.strip():
            role += f" · {c.organisation.strip()}"
        cells.append(_phone_cell(role, c.name, c.phone, "", muted))
    for r in sheet.services:
        contact = r.contact
        details = []
        if contact is not None:
            details = [postcode_kept(escape(x)) for x in (contact.address,) if x]
            hours = contact.hours(glossary.is_welsh(lang))
            if hours:
                details.append(f"{word(LABELS['open'], lang)}: {escape(hours)}")
            if contact.referral_route == ReferralRoute.SELF_REFERRAL:
                details.append(word(LABELS["self_referral"], lang))
        cells.append(_phone_cell(pathway_name(r.pathway_code, r.pathway_name, lang),
                                 r.provider, contact.phone if contact else None,
                                 " · ".join(details), muted))
    if len(cells) % 2:
        cells.append("")
    rows: list[list[Flowable]] = [
        [Paragraph(cells[i], _VALUE), Paragraph(cells[i + 1], _VALUE)]
        for i in range(0, len(cells), 2)]
    box = _box(_t("phones", lang), rows, s, ("50%", "50%"))
    # Two people side by side: their names and numbers on one line, however long a team.
    people_rows = len(sheet.contacts) // 2
    if people_rows:
        box.setStyle(TableStyle([("VALIGN", (0, 1), (-1, people_rows), "BOTTOM")]))
    return box


def _phone_cell(role: str, name: str | None, phone: str | None, extra: str,
                muted: str) -> str:
    lines = [f"{muted}{escape(role)}</font>",
             "&nbsp;&nbsp;&nbsp;".join(x for x in (
                 f"<b>{escape(name)}</b>" if name and name.strip() else "",
                 f"<b>{number_kept(phone)}</b>" if phone and phone.strip() else "") if x)]
    if extra:
        lines.append(f"{muted}{extra}</font>")
    return "<br/>".join(line for line in lines if line)


def _office_rows(sheet: ReleaseDaySheet, pair: _Pair, unknown: str) -> list[list[Flowable]]:
    """The office in full: organisation, address and the number to call."""
    office = sheet.office
    if office is None or not (office.address_lines or office.phone):
        return [pair("office", unknown)]
    address = ", ".join(office.address_lines)
    # An office named after its town says nothing the address does not.
    name = office.name if office.name and office.name not in address else None
    text = postcode_kept(escape(", ".join(x for x in (office.organisation, name, address)
                                          if x)))
    if office.phone:
        text += (f"&nbsp;&nbsp;·&nbsp;&nbsp;{word(SHEET_LABELS['phone'], sheet.language)}"
                 f"&nbsp;<b>{number_kept(office.phone)}</b>")
    return [pair("office", text)]


def _fallback_rows(sheet: ReleaseDaySheet, s: Styles) -> list[list[Flowable]]:
    """What happens if something falls through, who to call and by when (rule
    TTG-FALLBACK): the day of release first, then each need on the person's copy."""
    lang = sheet.language
    rows: list[list[Flowable]] = []
    for f in sheet.fallbacks:
        title = (_t("fallback_day", lang) if f.pathway_code is None
                 else escape(pathway_name(f.pathway_code, f.pathway_name or "", lang)))
        rows.append([Paragraph(title, s.label), Paragraph(fallback_text(f, lang, s, compact=True),
                                                         _VALUE)])
    return rows


def _prescription_rows(sheet: ReleaseDaySheet, pair: _Pair, one: _One) -> list[list[Flowable]]:
    """Arranged or not, and where to collect it: never which medicine (no health detail)."""
    lang = sheet.language
    if sheet.prescriptions_arranged is None:
        return [one(_t("unknown", lang))]
    if not sheet.prescriptions_arranged:
        return [one(_t("rx_none", lang))]
    pharmacy = sheet.prescriptions_provider
    if pharmacy is None:
        return [one(f"<b>{_t('rx_arranged', lang)}</b>"), pair("rx_collect", text_or(
            sheet.prescriptions_collect_from, _t("unknown", lang)))]
    # The pharmacy as the directory holds it now (rule TTG-DIR4), across the box: its
    # details read better whole than squeezed beside a label.
    return [one(f"<b>{_t('rx_arranged', lang)}</b>"),
            one(f"{_t('rx_collect', lang)} " + service_cell(
                pharmacy.name, pharmacy, lang, get_styles(), email=False, compact=True))]


def render_release_sheet(sheet: ReleaseDaySheet, *, invariant: bool = False) -> bytes:
    """The sheet as PDF bytes: person-facing, so no protective marking."""
    return render_pdf(build_release_sheet(sheet), title=_t("title", sheet.language),
                      reference=f"{sheet.printed_at:%d/%m/%Y}", printed_at=sheet.printed_at,
                      printed_by=sheet.printed_by, staff_only=False, invariant=invariant,
                      language=sheet.language)
