"""The person's copy of their resettlement plan, in English or Welsh; never any risk section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from upw_ttg.domain.codes import Language, NeedStatus, ReferralStatus, Responsibility
from upw_ttg.domain.directory import ReferralRoute
from upw_ttg.printing import glossary
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import (
    HEADER_FILL,
    Styles,
    data_table_style,
    details_table_style,
    get_styles,
)
from upw_ttg.printing.text import escape, number_kept, postcode_kept
from upw_ttg.records.directory import ProviderContact
from upw_ttg.records.handouts import (
    ContactRole,
    HandoutAction,
    HandoutAppointment,
    HandoutContact,
    HandoutFallback,
    HandoutNeed,
    HandoutReferral,
    PersonPlanCopy,
)

# Every fixed word the person-facing documents print, in English and Welsh, from the one
# glossary (upw_ttg/printing/glossary.py). The person's own words and staff-entered text print
# as recorded.
LABELS: dict[str, tuple[str, str]] = {
    key: words for key, words in glossary.pairs("plan").items() if "." not in key}
NEED_STATUS = {status: glossary.pair(f"plan.need_status.{status.value}")
               for status in NeedStatus}
RESPONSIBILITY: dict[Responsibility | None, tuple[str, str]] = {
    **{who: glossary.pair(f"plan.responsibility.{who.value}") for who in Responsibility},
    None: glossary.pair("plan.responsibility.none")}
REFERRAL_STATUS = {ReferralStatus(key): words
                   for key, words in glossary.pairs("plan.referral_status").items()}
CONTACT_ROLES = {ContactRole(key): words
                 for key, words in glossary.pairs("plan.contact").items()}
PATHWAYS_CY = {code: welsh for code, (_english, welsh) in glossary.pairs("pathway").items()}
_DETAIL_COLUMNS = ("34%", "66%")
_ACTION_COLUMNS = ("40%", "20%", "20%", "20%")
_SECTION_ROOM = 40 * mm


def word(pair: tuple[str, str], language: Language) -> str:
    return pair[1] if glossary.is_welsh(language) else pair[0]


def label(key: str, language: Language) -> str:
    return word(LABELS[key], language)


def date_or_not_known(day: dt.date | None, language: Language, *, weekday: bool = False) -> str:
    """``2 March 2027`` or ``2 Mawrth 2027``, with the weekday (``Tuesday 2 March 2027``) for the
    day of release; the plan's "not known" when there is no date."""
    if day is None:
        return label("not_known", language)
    return glossary.long_date(day, language) if weekday else glossary.short_date(day, language)


def clock(at: dt.datetime, language: Language) -> str:
    """``2:00pm`` in English; ``2:00yp`` in Welsh (y bore / y prynhawn)."""
    hour = at.hour % 12 or 12
    suffix = glossary.phrase("clock.am" if at.hour < 12 else "clock.pm", language)
    return f"{hour}:{at.minute:02d}{suffix}"


def when(at: dt.datetime | None, language: Language) -> str:
    if at is None:
        return label("ask_worker", language)
    return f"{date_or_not_known(at.date(), language, weekday=True)}, {clock(at, language)}"


def pathway_name(code: str, english: str, language: Language) -> str:
    return PATHWAYS_CY.get(code, english) if glossary.is_welsh(language) else english


def text_or(value: str | None, fallback: str) -> str:
    """Escaped user text, or the (already safe) fallback when it is blank."""
    return escape(value.strip()) if value and value.strip() else fallback


def section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    return [CondPageBreak(_SECTION_ROOM), Paragraph(escape(title), s.heading), *content]


def details(pairs: list[tuple[str, str]], s: Styles) -> Table:
    """Label and value on one row each: easier to read aloud than a two-up grid."""
    table = Table([[Paragraph(escape(k), s.label), Paragraph(v, s.value)] for k, v in pairs],
                  colWidths=_DETAIL_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    return table


def contacts_table(contacts: tuple[HandoutContact, ...], language: Language,
                   s: Styles, services: tuple[HandoutReferral, ...] = (), *,
                   compact: bool = False) -> Flowable:
    """Who, their name (with team and email underneath) and the phone number in bold; then
    each of ``services`` by what it helps with, its name and details, and its phone.
    ``compact`` puts the team and email on one line, and pads the rows less."""
    if not contacts and not services:
        return Paragraph(label("none", language), s.body)
    small = s.table_cell_small.fontSize
    rows = [[Paragraph(label(k, language), s.table_header) for k in ("owner", "name", "phone")]]
    for c in contacts:
        if c.provider is not None:
            # The GP practice or the pharmacy as the directory holds it (rule TTG-DIR4).
            name = service_cell(c.name or c.provider.name, c.provider, language, s,
                                phone=False, email=False, bold=False)
        else:
            name = text_or(c.name, "")
        extra = [escape(x) for x in (c.organisation, c.email) if x and x.strip()]
        if extra:
            joined = (" · " if compact else "<br/>").join(extra)
            name += f"<br/><font size='{small}'>{joined}</font>"
        rows.append([Paragraph(escape(word(CONTACT_ROLES[c.role], language)), s.table_cell),
                     Paragraph(name, s.table_cell),
                     Paragraph(f"<b>{text_or(c.phone, '')}</b>", s.table_cell)])
    for r in services:
        phone = r.contact.phone if r.contact else None
        rows.append([
            Paragraph(escape(pathway_name(r.pathway_code, r.pathway_name, language)),
                      s.table_cell),
            Paragraph(service_cell(r.provider, r.contact, language, s, phone=False,
                                   email=False, bold=False), s.table_cell),
            Paragraph(f"<b>{text_or(phone, '')}</b>", s.table_cell)])
    widths = ("34%", "46%", "20%") if compact else ("30%", "48%", "22%")
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = data_table_style()
    if compact:
        style.add("TOPPADDING", (0, 0), (-1, -1), 2)
        style.add("BOTTOMPADDING", (0, 0), (-1, -1), 3)
    table.setStyle(style)
    return table


def service_cell(name: str, contact: ProviderContact | None, language: Language,
                 s: Styles, *, phone: bool = True, email: bool = True,
                 bold: bool = True, compact: bool = False) -> str:
    """A service's name in bold, and underneath in small print its details from the
    directory: phone, address, opening hours, email, and whether the person may contact it
    themselves (rule TTG-DIR4). ``compact`` gives the details on two lines: how to reach it
    and where, then when it is open (a GP, pharmacy or hostel is for the person anyway)."""
    text = f"<b>{escape(name)}</b>" if bold else escape(name)
    if contact is None:
        return text
    reach = []
    if phone and contact.phone:
        reach.append(f"{label('phone', language)}: <b>{number_kept(contact.phone)}</b>")
    reach += [postcode_kept(escape(x)) for x in (contact.address,
                                                 contact.email if email else None) if x]
    when = []
    hours = contact.hours(glossary.is_welsh(language))
    if hours:
        when.append(f"{label('open', language)}: {escape(hours)}")
    if contact.referral_route == ReferralRoute.SELF_REFERRAL and not compact:
        when.append(label("self_referral", language))
    lines = ([" · ".join(group) for group in (reach, when) if group] if compact
             else reach + when)
    if lines:
        small = s.table_cell_small.fontSize
        text += f"<br/><font size='{small}'>{'<br/>'.join(lines)}</font>"
    return text


def fallback_text(f: HandoutFallback, language: Language, s: Styles, *,
                  compact: bool = False) -> str:
    """What happens, who to call (a directory provider with its details as they are when
    printed, rule TTG-DIR4) and by when (rule TTG-FALLBACK); ``compact`` gives the number
    and by when on the line of who to call, and a provider's address and hours under it."""
    lines = [f"<b>{escape(f.plan)}</b>"] if f.plan else []
    call: list[str] = []
    details = ""
    p = f.provider
    if p is not None and compact:
        call.append(f"{label('call', language)}: <b>{escape(p.name)}</b>"
                    + (f"&nbsp;&nbsp;<b>{number_kept(p.phone)}</b>" if p.phone else ""))
        hours = p.hours(glossary.is_welsh(language))
        where = [postcode_kept(escape(p.address)) if p.address else "",
                 f"{label('open', language)}: {escape(hours)}" if hours else ""]
        if any(where):
            details = (f"<font size='{s.table_cell_small.fontSize}'>"
                       f"{' · '.join(x for x in where if x)}</font>")
    elif p is not None:
        call.append(f"{label('call', language)}: " + service_cell(
            p.name, p, language, s, email=False))
    elif f.contact:
        call.append(f"{label('call', language)}: <b>{escape(f.contact)}</b>")
    if f.by_time is not None:
        call.append(f"{label('by', language)} "
                    f"{clock(dt.datetime.combine(dt.date.min, f.by_time), language)}")
    elif f.by_date is not None:
        call.append(f"{label('by', language)} {date_or_not_known(f.by_date, language)}")
    # Full details run to several lines of their own: by when then goes under them.
    if compact and len(call) == 2:
        call = [f"{call[0]}&nbsp;&nbsp;·&nbsp;&nbsp;{call[1]}"]
    return "<br/>".join(lines + call + ([details] if details else []))


def build_person_copy(copy: PersonPlanCopy) -> list[Flowable]:
    """The person's copy: plain words, needs and actions, appointments and contacts."""
    s, lang = get_styles(), copy.language
    release = date_or_not_known(copy.expected_release_date, lang)
    if copy.expected_release_date and not copy.release_date_confirmed:
        release += f" ({label('may_change', lang)})"
    story: list[Flowable] = [
        Paragraph(label("title", lang), s.title),
        Paragraph(escape(copy.person_name), s.subtitle),
        Paragraph(label("intro", lang), s.body),
        Spacer(1, 4),
        details([(label("prison", lang), escape(copy.prison_name)),
                 (label("prison_number", lang), escape(copy.prison_number)),
                 (label("worker", lang), text_or(copy.worker_name, label("not_known", lang))),
                 (label("release_date", lang), f"<b>{release}</b>"),
                 (label("plan_date", lang), date_or_not_known(copy.plan_date, lang))], s),
    ]
    needs: list[Flowable] = [part for n in copy.needs for part in _need_card(n, lang, s)]
    story += section(label("needs", lang), needs or [Paragraph(label("no_needs", lang),
                                                               s.body)], s)
    if copy.other_actions:
        story += section(label("other_actions", lang),
                         [_actions_table(copy.other_actions, lang, s)], s)
    if copy.strengths:
        story += section(label("strengths", lang), [
            Paragraph(label("strengths_intro", lang), s.body),
            *(Paragraph(f"•&nbsp;&nbsp;{escape(text)}", s.body) for text in copy.strengths)],
            s)
    story += section(label("appointments", lang),
                     [_appointments_table(copy.appointments, lang, s)], s)
    if copy.referrals:
        story += section(label("referrals", lang), [_referrals_table(copy, s)], s)
    story += section(label("contacts", lang), [contacts_table(copy.contacts, lang, s)], s)
    story += section(label("agreement", lang), _agreement(copy, s), s)
    return story


def render_person_copy(copy: PersonPlanCopy, *, invariant: bool = False) -> bytes:
    """The person's copy as PDF bytes: no protective marking, nothing about risk."""
    return render_pdf(build_person_copy(copy), title=label("title", copy.language),
                      reference=f"{copy.prison_number} · {copy.printed_at:%d/%m/%Y}",
                      printed_at=copy.printed_at, printed_by=copy.printed_by,
                      staff_only=False, invariant=invariant,
                      language=copy.language)


def _need_card(need: HandoutNeed, lang: Language, s: Styles) -> list[Flowable]:
    title = pathway_name(need.pathway_code, need.pathway_name, lang)
    said = f"“{escape(need.own_words.strip())}”" if need.own_words and need.own_words.strip() \
        else label("agreement_missing", lang)
    rows: list[list[Any]] = [
        [Paragraph(f"<b>{escape(title)}</b>", s.table_header), ""],
        [Paragraph(label("you_said", lang), s.label), Paragraph(said, s.value)],
        [Paragraph(label("status", lang), s.label),
         Paragraph(escape(word(NEED_STATUS[need.status], lang)), s.value)],
        [Paragraph(label("helping", lang), s.label),
         Paragraph(escape(word(RESPONSIBILITY[need.responsibility], lang)), s.value)],
    ]
    if need.fallback is not None:
        rows.append([Paragraph(label("fallback", lang), s.label),
                     Paragraph(fallback_text(need.fallback, lang, s), s.value)])
    card = Table(rows, colWidths=_DETAIL_COLUMNS, hAlign="LEFT")
    style = details_table_style()
    style.add("SPAN", (0, 0), (1, 0))
    style.add("BACKGROUND", (0, 0), (1, 0), HEADER_FILL)
    card.setStyle(style)
    # The card stays whole (it is four lines); its actions flow on, their header repeating,
    # so a long need never pushes a whole card to the next page and leaves a gap behind.
    parts: list[Flowable] = [KeepTogether([card])]
    if need.actions:
        parts += [Spacer(1, 2), _actions_table(need.actions, lang, s)]
    parts.append(Spacer(1, 6))
    return parts


def _actions_table(actions: tuple[HandoutAction, ...], lang: Language,
                   s: Styles) -> Table:
    rows = [[Paragraph(label(k, lang), s.table_header)
             for k in ("action", "owner", "due", "done")]]
    for a in actions:
        done = date_or_not_known(a.done_on, lang) if a.done_on else label("not_yet", lang)
        rows.append([Paragraph(escape(a.description), s.table_cell),
                     Paragraph(service_cell(a.owner, a.contact, lang, s, email=False,
                                            bold=False), s.table_cell),
                     Paragraph(date_or_not_known(a.due_date, lang) if a.due_date else "",
                               s.table_cell),
                     Paragraph(done, s.table_cell)])
    table = Table(rows, colWidths=_ACTION_COLUMNS, repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _appointments_table(appointments: tuple[HandoutAppointment, ...], lang: Language,
                        s: Styles) -> Flowable:
    if not appointments:
        return Paragraph(f"{label('none', lang)} {label('ask_worker', lang)}.", s.body)
    rows = [[Paragraph(label(k, lang), s.table_header)
             for k in ("what", "when", "where", "phone")]]
    for a in appointments:
        what = label(a.what, lang) if a.what in LABELS else escape(a.what)
        if a.with_whom:
            what += f"<br/>{label('with', lang)}: {escape(a.with_whom)}"
        rows.append([Paragraph(what, s.table_cell), Paragraph(when(a.at, lang), s.table_cell),
                     Paragraph(text_or(a.where, ""), s.table_cell),
                     Paragraph(text_or(a.phone, ""), s.table_cell)])
    table = Table(rows, colWidths=("32%", "24%", "28%", "16%"), repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _referrals_table(copy: PersonPlanCopy, s: Styles) -> Table:
    lang = copy.language
    rows = [[Paragraph(label(k, lang), s.table_header)
             for k in ("service", "help_with", "sent", "status")]]
    for r in copy.referrals:
        rows.append([Paragraph(service_cell(r.provider, r.contact, lang, s), s.table_cell),
                     Paragraph(escape(pathway_name(r.pathway_code, r.pathway_name, lang)),
                               s.table_cell),
                     Paragraph(date_or_not_known(r.sent_on, lang), s.table_cell),
                     Paragraph(escape(word(REFERRAL_STATUS[r.status], lang)), s.table_cell)])
    table = Table(rows, colWidths=("40%", "21%", "20%", "19%"), repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _agreement(copy: PersonPlanCopy, s: Styles) -> list[Flowable]:
    lang = copy.language
    if copy.person_agrees is None or copy.agreed_on is None:
        text = label("agreement_missing", lang)
    else:
        key = "agreed" if copy.person_agrees else "disagreed"
        text = label(key, lang).format(date=date_or_not_known(copy.agreed_on, lang))
    parts: list[Flowable] = [Paragraph(text, s.body)]
    if copy.person_comments and copy.person_comments.strip():
        parts.append(details([(label("your_comments", lang),
                               escape(copy.person_comments.strip()))], s))
    line = "_" * 38
    parts += [Spacer(1, 14), Paragraph(f"{label('signature', lang)}: {line}&nbsp;&nbsp;&nbsp;"
                                       f"{label('date', lang)}: {'_' * 16}", s.body)]
    return parts
