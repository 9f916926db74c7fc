"""The sentencers' availability sheet: one dated page for the courts, in English or Welsh."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from upw_ttg.domain.availability import OfferKind
from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary
from upw_ttg.printing.documents.letter_text import hours_text
from upw_ttg.printing.layout import FRAME_WIDTH, heading_with
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import MARGIN_BOTTOM, MARGIN_TOP, data_table_style, get_styles
from upw_ttg.printing.text import escape
from upw_ttg.records.availability import PlacementOffer, SentencersSheet

# Shares of the page's width: the placement, days, times, free places, first free day.
_SHARES = (0.40, 0.15, 0.14, 0.17, 0.14)
# The placements of a kind printed, soonest first; the rest are counted in a line, so a
# unit with many projects still gets a page a sentencer can read.
MOST_PER_KIND = 5


def _t(key: str, language: Language, **values: object) -> str:
    return glossary.phrase(f"sheet.{key}", language, **values)


def _days(count: int, language: Language) -> str:
    return _t("day" if count == 1 else "days", language, count=count)


def _sessions(count: int, language: Language) -> str:
    return _t("session" if count == 1 else "sessions", language, count=count)


def build_sentencers_sheet(sheet: SentencersSheet, language: Language) -> list[Flowable]:
    """The wait, the placements with free places by kind, travel support and ETE, on one
    page: a long list shrinks to fit rather than spill onto a second."""
    s = get_styles()
    language = language.printed
    story: list[Flowable] = [
        Paragraph(_t("title", language), s.title),
        Paragraph(_t("intro", language, unit=escape(f"{sheet.unit_name} ({sheet.unit_code})"),
                     date=glossary.short_date(sheet.generated_at.date(), language),
                     start=glossary.short_date(sheet.window_from, language),
                     end=glossary.short_date(sheet.window_to, language)), s.body)]
    if sheet.offices:
        story.append(Paragraph(_t("offices", language,
                                  offices=escape(", ".join(sheet.offices))), s.small))
    story += _wait(sheet, language)
    story += heading_with(Paragraph(_t("places_heading", language), s.heading),
                          _kind(sheet, OfferKind.GROUP, language))
    for kind in (OfferKind.INDIVIDUAL, OfferKind.FEMALE_ONLY, OfferKind.ETE):
        story += _kind(sheet, kind, language)
    story.append(Paragraph(_t("ete_cap", language, percent=sheet.ete_cap_percent), s.small))
    story += _travel(sheet, language)
    if sheet.contact_phone:
        story += [Spacer(1, 2 * mm),
                  Paragraph(_t("contact", language, phone=escape(sheet.contact_phone)),
                            s.body)]
    width = FRAME_WIDTH
    height = A4[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * mm
    return [KeepInFrame(width, height, story, mode="shrink")]


def _wait(sheet: SentencersSheet, language: Language) -> list[Flowable]:
    s = get_styles()
    wait = sheet.wait
    lines = []
    if wait.orders and wait.median_days is not None:
        lines.append(_t("wait_count", language, count=wait.orders) + " " + _t(
            "wait_text", language, median=f"<b>{_days(wait.median_days, language)}</b>",
            shortest=_days(wait.shortest_days or 0, language),
            longest=_days(wait.longest_days or 0, language)))
    else:
        lines.append(_t("wait_none", language))
    if wait.still_waiting:
        lines.append(_t("waiting", language, count=wait.still_waiting,
                        days=_days(wait.longest_waiting_days or 0, language)))
    else:
        lines.append(_t("waiting_none", language))
    lines.append(_t("target", language, days=sheet.first_session_working_days))
    return heading_with(Paragraph(_t("wait_heading", language), s.heading),
                        [Paragraph(line, s.body) for line in lines])


def _kind(sheet: SentencersSheet, kind: OfferKind, language: Language) -> list[Flowable]:
    s = get_styles()
    title = Paragraph(f"<b>{_t(f'kind.{kind.value}', language)}</b>", s.body)
    offers = sheet.offers_of(kind)
    if not offers:
        return [title, Paragraph(_t("none_free", language), s.small), Spacer(1, 1.5 * mm)]
    header = [Paragraph(_t(f"col.{key}", language), s.table_header)
              for key in ("project", "days", "times", "free", "first")]
    rows = [header] + [_row(offer, language) for offer in offers[:MOST_PER_KIND]]
    table = Table(rows, colWidths=[share * FRAME_WIDTH for share in _SHARES], repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(data_table_style())
    story: list[Flowable] = [title, table]
    if len(offers) > MOST_PER_KIND:
        story.append(Paragraph(_t("more", language, count=len(offers) - MOST_PER_KIND),
                               s.small))
    return story + [Spacer(1, 2 * mm)]


def _row(offer: PlacementOffer, language: Language) -> list[Paragraph]:
    s = get_styles()
    where = escape(offer.project)
    if offer.pickup_points:
        where += (f"<br/><font size='7'>{_t('col.pickup', language)}: "
                  f"{escape(', '.join(offer.pickup_points))}</font>")
    days = ", ".join(_t(f"weekday.{d}", language) for d in offer.weekdays)
    times = f"{offer.start_time:%H:%M}–{offer.end_time:%H:%M}"
    free = _t("free_text", language, places=offer.free_places,
              sessions=_sessions(offer.sessions, language))
    return [Paragraph(where, s.table_cell), Paragraph(days, s.table_cell),
            Paragraph(times, s.table_cell), Paragraph(free, s.table_cell),
            Paragraph(f"{offer.first_free.day} {glossary.month(offer.first_free, language)}",
                      s.table_cell)]


def _travel(sheet: SentencersSheet, language: Language) -> list[Flowable]:
    s = get_styles()
    content: list[Flowable] = []
    if sheet.pickups:
        content.append(Paragraph(_t("pickups", language), s.body))
        content += [Paragraph(f"• {escape(p.name)}, {escape(p.address)}: "
                              f"{_sessions(p.sessions, language)}", s.small)
                    for p in sheet.pickups]
    else:
        content.append(Paragraph(_t("no_pickups", language), s.body))
    content.append(Paragraph(_t("warrants", language), s.body))
    content.append(Paragraph(
        _t("travel_time", language, time=hours_text(sheet.travel_time_minutes, language))
        if sheet.travel_time_minutes else _t("no_travel_time", language), s.body))
    return heading_with(Paragraph(_t("travel_heading", language), s.heading), content)


def render_sentencers_sheet(sheet: SentencersSheet, *, language: Language,
                            printed_by: str | None, invariant: bool = False) -> bytes:
    """The sheet as PDF bytes on one portrait page; it names nobody, so it carries no
    protective marking."""
    language = language.printed
    return render_pdf(build_sentencers_sheet(sheet, language), title=_t("title", language),
                      reference=f"AV-{sheet.unit_code}-{sheet.generated_at:%Y%m%d}",
                      printed_at=sheet.generated_at, printed_by=printed_by, staff_only=False,
                      invariant=invariant, language=language)
