"""The van manifest for a driver: pick-up points in order with times, names and phone numbers."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary
from upw_ttg.printing.documents.upw_welsh import clock
from upw_ttg.printing.records_to_check import build_records_to_check
from upw_ttg.printing.render import render_sections
from upw_ttg.printing.styles import ACCENT, Cell, Styles, data_table_style, get_styles
from upw_ttg.printing.template import Section
from upw_ttg.printing.text import escape
from upw_ttg.records.upw_print import VanManifestData

TITLE = glossary.phrase("manifest.title", Language.ENGLISH)
_STOP_COLUMNS = ("11%", "27%", "34%", "20%", "8%")
_DROP_COLUMNS = ("30%", "36%", "14%", "20%")


def manifest_reference(data: VanManifestData) -> str:
    return f"VM-{data.registration}-{data.day:%Y%m%d}"


def build_van_manifest(data: VanManifestData) -> list[Flowable]:
    """Stops in time order, each with its passengers; then where the van drops them."""
    s = get_styles()
    lang = data.language

    def say(key: str, **values: object) -> str:
        return escape(glossary.phrase(f"manifest.{key}", lang, **values))

    seats = say("seats", booked=data.passengers, seats=data.seats)
    phone = data.office.phone
    # The phone number never breaks across lines.
    driver = (say("driver", phone="@PHONE@").replace("@PHONE@", escape(phone).replace(
        " ", "&nbsp;")) if phone else say("driver_no_phone"))
    story: list[Flowable] = [
        Paragraph(say("title"), s.title),
        Paragraph(escape(glossary.long_date(data.day, lang)), s.subtitle),
        Paragraph(f"<b>{escape(data.van_name)}</b>&nbsp;&nbsp;·&nbsp;&nbsp;"
                  f"{say('registration')} <b>{escape(data.registration)}</b>"
                  f"&nbsp;&nbsp;·&nbsp;&nbsp;{seats}", s.body),
        Paragraph(driver, s.body),
        Spacer(1, 2 * mm),
    ]
    if data.stops:
        story.append(_stops_table(data, s))
    else:
        story.append(Paragraph(say("all_to_check") if data.to_check else say("nobody"),
                               s.body))
    if data.drops:
        story += [CondPageBreak(40 * mm), Paragraph(say("drops"), s.heading),
                  _drops_table(data, s)]
    return story + build_records_to_check(data.to_check, what="this manifest", language=lang)


def render_van_manifest(data: VanManifestData, *, invariant: bool = False) -> bytes:
    return render_sections([manifest_section(data)], printed_at=data.printed_at,
                           printed_by=data.printed_by, invariant=invariant)


def manifest_section(data: VanManifestData) -> Section:
    """The manifest as one section of a batch: marked, for staff only."""
    title = glossary.phrase("manifest.title", data.language)
    return Section(f"{title}: {data.van_name}", manifest_reference(data),
                   build_van_manifest(data), staff_only=True, language=data.language)


def _stops_table(data: VanManifestData, s: Styles) -> Table:
    lang = data.language
    headers = ("time", "pickup", "name", "phone", "on")
    rows: list[list[Cell]] = [[Paragraph(escape(glossary.phrase(f"manifest.col_{h}", lang)),
                                   s.table_header) for h in headers]]
    no_phone = glossary.phrase("manifest.no_phone", lang)
    spans: list[tuple[Any, ...]] = []
    # The project under each name matters only when the van serves more than one site.
    several = len(data.drops) > 1
    for stop in data.stops:
        first = len(rows)
        place = f"<b>{escape(stop.name)}</b><br/><font size='8'>{escape(stop.address)}</font>"
        for i, p in enumerate(stop.passengers or ()):
            rows.append([
                Paragraph(f"<b>{clock(stop.time)}</b>" if i == 0 else "", s.table_cell),
                Paragraph(place if i == 0 else "", s.table_cell),
                Paragraph(escape(p.name) + (f"<br/><font size='8'>{escape(p.project_name)}"
                                            "</font>" if several else ""), s.table_cell),
                Paragraph(escape(p.phone or no_phone), s.table_cell),
                Paragraph("<font size='13'>☐</font>", s.table_cell)])
        if len(rows) - first > 1:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
            spans.append(("SPAN", (1, first), (1, len(rows) - 1)))
        spans.append(("LINEABOVE", (0, first), (-1, first), 0.9, ACCENT))
    table = Table(rows, colWidths=_STOP_COLUMNS, repeatRows=1, hAlign="LEFT")
    style = data_table_style(striped=False)
    for command in spans:
        style.add(*command)
    table.setStyle(style)
    return table


def _drops_table(data: VanManifestData, s: Styles) -> Table:
    lang = data.language
    headers = ("project", "site", "work", "supervisor")
    rows: list[list[Cell]] = [[Paragraph(escape(glossary.phrase(f"manifest.col_{h}", lang)),
                                   s.table_header) for h in headers]]
    not_assigned = glossary.phrase("manifest.not_assigned", lang)
    for d in data.drops:
        by_van = escape(glossary.phrase("manifest.by_van", lang, count=d.people))
        rows.append([Paragraph(f"<b>{escape(d.project_name)}</b><br/><font size='8'>"
                               f"{by_van}</font>", s.table_cell),
                     Paragraph(escape(d.site_address), s.table_cell),
                     Paragraph(f"{clock(d.start_time)}–{clock(d.end_time)}", s.table_cell),
                     Paragraph(escape(d.supervisor or not_assigned), s.table_cell)])
    table = Table(rows, colWidths=_DROP_COLUMNS, repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    return table
