"""The staff case summary: a person's details, their unpaid work orders and custody episodes."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table

from upw_ttg.domain.codes import Language
from upw_ttg.domain.custody import RELEASE_DATE_FIELDS
from upw_ttg.printing.layout import fitted_widths, heading_with
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import (
    Styles,
    data_table_style,
    details_table_style,
    get_styles,
    nested_table_style,
)
from upw_ttg.printing.text import age_on, enum_label, escape
from upw_ttg.printing.words import Words
from upw_ttg.records.case_summary import CaseSummary
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS, CustodyRecord
from upw_ttg.records.orders import OrderRecord
from upw_ttg.records.people import PersonRecord
from upw_ttg.time_text import format_minutes

TITLE = "Case summary"
NONE_RECORDED = "None recorded."

# Column widths as fractions of the frame so the tables also fit a landscape page; the
# portrait sizes are just wide enough for "Remaining" and "30 Nov 2026" on one line.
_ORDER_COLUMNS = ("28%", "10%", "10.5%", "11%", "12.5%", "14.5%", "13.5%")
_CUSTODY_COLUMNS = ("17%", "12.5%", "13.5%", "18.5%", "38.5%")
_OTHER_DATE_COLUMNS = ("64%", "36%")
# Welsh months are written in full ("30 Gorffennaf 2026"): date columns take the room of the
# longest on one line, from the court's column and the short "Ar ôl".
_ORDER_COLUMNS_CY = ("27%", "9.5%", "9.5%", "9.5%", "8%", "15.5%", "21%")
_CUSTODY_COLUMNS_CY = ("13%", "10%", "17%", "19%", "41%")
_OTHER_DATE_COLUMNS_CY = ("50%", "50%")
_DETAIL_COLUMNS = ("22.5%", "27.5%", "22.5%", "27.5%")
# Room for a heading, a table header and two rows; less than this left on a page, the
# section starts on the next one.


def document_reference(summary: CaseSummary) -> str:
    """The reference printed on every page: the CRN and the print time."""
    return f"CS-{summary.person.crn}-{summary.printed_at:%Y%m%d-%H%M}"


def _words(summary: CaseSummary) -> Words:
    return Words(summary.language, "case_summary")


def build_case_summary(summary: CaseSummary) -> list[Flowable]:
    """The case summary's story; pure, so it can be tested without a database."""
    s = get_styles()
    w = _words(summary)
    person = summary.person
    story: list[Flowable] = [
        Paragraph(w("title"), s.title),
        Paragraph(f"{escape(_full_name(person))}&nbsp;&nbsp;·&nbsp;&nbsp;"
                  f"{w('crn')} {escape(person.crn)}", s.subtitle),
        Paragraph(w("staff_only"), s.note),
        *_section(w("section_details"), [_details_table(_person_details(summary, w), s)], s),
    ]
    if summary.orders:
        orders: list[Flowable] = [
            Paragraph(w("hours_note"), s.small),
            _orders_table(summary.orders, s, w)]
    else:
        orders = [Paragraph(w("none_recorded"), s.body)]
    custody: list[Flowable] = ([_custody_table(summary.custody, s, w)] if summary.custody
                               else [Paragraph(w("none_recorded"), s.body)])
    sections = [(w("section_orders", count=len(summary.orders)), orders, not summary.orders),
                (w("section_custody", count=len(summary.custody)), custody,
                 not summary.custody)]
    # Empty sections come first, under the personal details: one line each, they can never
    # be left on a page of their own after a long table.
    for title, content, _empty in sorted(sections, key=lambda section: not section[2]):
        story += _section(title, content, s)
    if summary.extra:
        extra = [(escape(label), _or_not_recorded(value, w))
                 for label, value in summary.extra.items()]
        story += _section(w("section_other"), [_details_table(extra, s)], s)
    # Nothing after the last table: a trailing space that does not fit would start a blank
    # page of its own.
    return story


def render_case_summary(summary: CaseSummary, *, invariant: bool = False) -> bytes:
    """The case summary as PDF bytes, marked for staff only, in the summary's language."""
    w = _words(summary)
    return render_pdf(build_case_summary(summary),
                      title=f"{w.text('title')}: {summary.person.crn}",
                      reference=document_reference(summary), printed_at=summary.printed_at,
                      printed_by=summary.printed_by, staff_only=True, invariant=invariant,
                      language=w.language)


def _section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    """``title`` is already escaped. An empty section needs the room of its heading and one
    line, not a whole block: it never sits alone on a page of its own."""
    return heading_with(Paragraph(title, s.heading), content)


def _or_not_recorded(value: object | None, w: Words) -> str:
    if value is None or not str(value).strip():
        return w("not_recorded")
    return escape(str(value).strip())


def _coded(w: Words, group: str, value: object) -> str:
    """A code's words from the glossary; a code the glossary lacks, as the code reads."""
    key = f"{group}.{getattr(value, 'value', value)}"
    return w(key) if w.has(key) else escape(enum_label(value))


def _full_name(person: PersonRecord) -> str:
    parts = [person.forename, person.middle_names, person.surname]
    return " ".join(p.strip() for p in parts if p and p.strip())


def _person_details(summary: CaseSummary, w: Words) -> list[tuple[str, str]]:
    """(label, markup) pairs; every value is already escaped."""
    person = summary.person
    name = escape(_full_name(person))
    if person.preferred_name and person.preferred_name.strip():
        name += "<br/>" + w("known_as", name=person.preferred_name.strip())
    age = age_on(person.date_of_birth, summary.printed_at.date())
    gender = _coded(w, "case_summary.gender", person.gender)
    if person.gender_identity and person.gender_identity.strip():
        gender += "<br/>" + w("gender_identity", identity=person.gender_identity.strip())
    address_lines = [person.address_line1, person.address_line2, person.town, person.postcode]
    address = "<br/>".join(escape(x.strip()) for x in address_lines if x and x.strip())
    contact_parts = [person.emergency_contact_name, person.emergency_contact_phone]
    contact = "<br/>".join(escape(x.strip()) for x in contact_parts if x and x.strip())
    if person.preferred_language is Language.OTHER:
        language = _or_not_recorded(person.other_language, w)
    else:
        language = _coded(w, "case_summary.language", person.preferred_language)
    interpreter = (f"<b>{w('interpreter_needed')}</b>" if person.interpreter_needed
                   else w("interpreter_not_needed"))
    return [
        (w("name"), name),
        (w("crn"), escape(person.crn)),
        (w("date_of_birth"), w("age", date=w.date(person.date_of_birth), age=age)),
        (w("gender"), gender),
        (w("address"), address or w("not_recorded")),
        (w("phone"), _or_not_recorded(person.phone, w)),
        (w("emergency_contact"), contact or w("not_recorded")),
        (w("preferred_language"), language),
        (w("interpreter"), interpreter),
        (w("office"), _or_not_recorded(person.office_name or summary.office_name, w)),
        (w("officer"), _or_not_recorded(person.responsible_officer, w)),
    ]


def _details_table(pairs: list[tuple[str, str]], s: Styles) -> Table:
    """Label/value pairs (both already markup) laid out two to a row, reading left to right."""
    cells: list[list[Any]] = [[Paragraph(label, s.label), Paragraph(value, s.value)]
             for label, value in pairs]
    if len(cells) % 2:
        cells.append(["", ""])
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=_DETAIL_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    return table


def _orders_table(orders: tuple[OrderRecord, ...], s: Styles,
                  w: Words | None = None) -> Table:
    w = w or Words(Language.ENGLISH, "case_summary")
    headers = ("order", "ordered", "credited", "adjusted", "remaining", "status", "deadline")
    numeric = {1, 2, 3, 4}
    rows: list[list[Flowable]] = [[
        Paragraph(w(f"col_{key}"), s.table_header_right if i in numeric else s.table_header)
        for i, key in enumerate(headers)]]
    for order in orders:
        rows.append([
            Paragraph(_order_description(order, s, w), s.table_cell),
            Paragraph(format_minutes(order.minutes_ordered), s.table_cell_right),
            Paragraph(format_minutes(order.minutes_credited), s.table_cell_right),
            Paragraph(format_minutes(order.minutes_adjusted, signed=True), s.table_cell_right),
            Paragraph(f"<b>{format_minutes(order.minutes_remaining)}</b>", s.table_cell_right),
            Paragraph(_coded(w, "case_summary.status", order.status), s.table_cell),
            Paragraph(_deadline(order, s, w), s.table_cell),
        ])
    columns = _ORDER_COLUMNS_CY if w.welsh else _ORDER_COLUMNS
    table = Table(rows, colWidths=fitted_widths(rows, columns), repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style(spaced_columns=(5,)))
    return table


def _order_description(order: OrderRecord, s: Styles, w: Words) -> str:
    """Court, then type and subtype, then sentence date: the facts that identify an order."""
    order_type = _coded(w, "case_summary.order_type", order.order_type)
    kind = w("standalone") if order.standalone else w("with_others")
    small = s.table_cell_small.fontSize
    return (f"<b>{escape(order.court)}</b><br/>{order_type}<br/>"
            f"<font size='{small}'>{_coded(w, 'case_summary.subtype', order.subtype)}, "
            f"{kind}<br/>"
            f"{w('sentenced', date=w.date(order.sentence_date))}</font>")


def _deadline(order: OrderRecord, s: Styles, w: Words) -> str:
    effective = order.effective_deadline
    if effective is None:
        return w("no_limit")
    text = w.date(effective)
    if order.extensions:
        count = len(order.extensions)
        was = w.date(order.deadline, missing=w.text("no_limit_was"))
        noun = "extension" if count == 1 else "extensions"
        text += (f"<br/><font size='{s.table_cell_small.fontSize}'>"
                 f"{w(noun, count=count, was=was)}</font>")
    return text


def _custody_table(episodes: tuple[CustodyRecord, ...], s: Styles, w: Words) -> Table:
    headers = ("prison", "prison_number", "reception", "release", "other_dates")
    rows: list[list[Flowable]] = [[Paragraph(w(f"col_{key}"), s.table_header)
                                   for key in headers]]
    small = s.table_cell_small.fontSize
    for episode in episodes:
        prison = (f"{escape(episode.prison_name)} ({escape(episode.prison_code)})"
                  f"<br/><font size='{small}'>"
                  f"{_coded(w, 'case_summary.custody_status', episode.status)}</font>")
        if episode.expected_release_date is None:
            release = w("not_known")
        else:
            kind = episode.expected_release_type
            label = _coded(w, "release_type", kind) if kind else ""
            release = f"<b>{w.date(episode.expected_release_date)}</b>"
            if label:
                release += f"<br/><font size='{small}'>{label}</font>"
        rows.append([
            Paragraph(prison, s.table_cell),
            Paragraph(escape(episode.prison_number), s.table_cell),
            Paragraph(w.date(episode.reception_date), s.table_cell),
            Paragraph(release, s.table_cell),
            _other_dates(episode, s, w),
        ])
    columns = _CUSTODY_COLUMNS_CY if w.welsh else _CUSTODY_COLUMNS
    table = Table(rows, colWidths=fitted_widths(rows, columns), repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _other_dates(episode: CustodyRecord, s: Styles, w: Words) -> Flowable:
    """The episode's recorded dates other than the expected release, as a label/date list."""
    skip = (RELEASE_DATE_FIELDS.get(episode.expected_release_type)
            if episode.expected_release_type else None)
    pairs = [(w(f"custody_date.{field}"), w.date(episode.dates[field]))
             for field, _label in CUSTODY_DATE_FIELDS
             if field != skip and episode.dates.get(field) is not None]
    if episode.screening_date is not None:
        pairs.append((w("screening"), w.date(episode.screening_date)))
    if episode.sentence_length_days is not None:
        pairs.append((w("sentence_length"), w("days", days=f"{episode.sentence_length_days:,}")))
    if not pairs:
        return Paragraph(w("none"), s.table_cell)
    rows = [[Paragraph(label, s.table_cell_small), Paragraph(value, s.table_cell)]
            for label, value in pairs]
    table = Table(rows, colWidths=_OTHER_DATE_COLUMNS_CY if w.welsh else _OTHER_DATE_COLUMNS,
                  hAlign="LEFT")
    table.setStyle(nested_table_style())
    return table
