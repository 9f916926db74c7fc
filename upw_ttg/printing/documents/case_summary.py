"""The staff case summary: a person's details, their unpaid work orders and custody episodes."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.codes import Gender, Language, OrderStatus, OrderType
from upw_ttg.domain.custody import RELEASE_DATE_FIELDS, RELEASE_TYPE_LABELS
from upw_ttg.domain.records import (
    CUSTODY_DATE_FIELDS,
    CaseSummary,
    CustodyRecord,
    OrderRecord,
    PersonRecord,
)
from upw_ttg.printing.layout import fitted_widths, heading_with
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import (
    Styles,
    data_table_style,
    details_table_style,
    get_styles,
    nested_table_style,
)
from upw_ttg.printing.text import (
    NOT_RECORDED,
    age_on,
    enum_label,
    escape,
    format_date,
    format_minutes,
    or_not_recorded,
)

TITLE = "Case summary"
NONE_RECORDED = "None recorded."

_GENDER_LABELS = {Gender.MALE: "Male", Gender.FEMALE: "Female", Gender.NOT_STATED: "Not stated"}
_LANGUAGE_LABELS = {Language.ENGLISH: "English", Language.WELSH: "Welsh (Cymraeg)"}
_ORDER_TYPE_LABELS = {
    OrderType.COMMUNITY_ORDER: "Community order",
    OrderType.SUSPENDED_SENTENCE_ORDER: "Suspended sentence order",
}
_STATUS_LABELS = {OrderStatus.AWAITING_FIRST_SESSION: "Awaiting first session"}

# Column widths as fractions of the frame so the tables also fit a landscape page; the
# portrait sizes are just wide enough for "Remaining" and "30 Nov 2026" on one line.
_ORDER_COLUMNS = ("28%", "10%", "10.5%", "11%", "12.5%", "14.5%", "13.5%")
_CUSTODY_COLUMNS = ("17%", "12.5%", "13.5%", "18.5%", "38.5%")
_OTHER_DATE_COLUMNS = ("64%", "36%")
_DETAIL_COLUMNS = ("22.5%", "27.5%", "22.5%", "27.5%")
# Room for a heading, a table header and two rows; less than this left on a page, the
# section starts on the next one.


def document_reference(summary: CaseSummary) -> str:
    """The reference printed on every page: the CRN and the print time."""
    return f"CS-{summary.person.crn}-{summary.printed_at:%Y%m%d-%H%M}"


def build_case_summary(summary: CaseSummary) -> list[Flowable]:
    """The case summary's story; pure, so it can be tested without a database."""
    s = get_styles()
    person = summary.person
    story: list[Flowable] = [
        Paragraph(TITLE, s.title),
        Paragraph(f"{escape(_full_name(person))}&nbsp;&nbsp;·&nbsp;&nbsp;"
                  f"CRN {escape(person.crn)}", s.subtitle),
        Paragraph("For staff use only. Contains personal information: keep it secure and "
                  "shred it when no longer needed.", s.note),
        *_section("Personal details", [_details_table(_person_details(summary), s)], s),
    ]
    if summary.orders:
        orders: list[Flowable] = [
            Paragraph("Hours are shown as hours:minutes.", s.small),
            _orders_table(summary.orders, s)]
    else:
        orders = [Paragraph(NONE_RECORDED, s.body)]
    custody: list[Flowable] = ([_custody_table(summary.custody, s)] if summary.custody
                               else [Paragraph(NONE_RECORDED, s.body)])
    sections = [(f"Unpaid work orders ({len(summary.orders)})", orders, not summary.orders),
                (f"Custody episodes ({len(summary.custody)})", custody, not summary.custody)]
    # Empty sections come first, under the personal details: one line each, they can never
    # be left on a page of their own after a long table.
    for title, content, _empty in sorted(sections, key=lambda section: not section[2]):
        story += _section(title, content, s)
    if summary.extra:
        extra = [(escape(label), or_not_recorded(value)) for label, value in summary.extra.items()]
        story += _section("Other information", [_details_table(extra, s)], s)
    story.append(Spacer(1, 6))
    return story


def render_case_summary(summary: CaseSummary, *, invariant: bool = False) -> bytes:
    """The case summary as PDF bytes, marked for staff only."""
    return render_pdf(build_case_summary(summary), title=f"{TITLE}: {summary.person.crn}",
                      reference=document_reference(summary), printed_at=summary.printed_at,
                      printed_by=summary.printed_by, staff_only=True, invariant=invariant)


def _section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    # An empty section needs the room of its heading and one line, not a whole block: it
    # never sits alone on a page of its own.
    return heading_with(Paragraph(title, s.heading), content)



def _full_name(person: PersonRecord) -> str:
    parts = [person.forename, person.middle_names, person.surname]
    return " ".join(p.strip() for p in parts if p and p.strip())


def _person_details(summary: CaseSummary) -> list[tuple[str, str]]:
    """(label, markup) pairs; every value is already escaped."""
    person = summary.person
    name = escape(_full_name(person))
    if person.preferred_name and person.preferred_name.strip():
        name += f"<br/>Known as {escape(person.preferred_name.strip())}"
    age = age_on(person.date_of_birth, summary.printed_at.date())
    gender = _GENDER_LABELS.get(person.gender, enum_label(person.gender))
    if person.gender_identity and person.gender_identity.strip():
        gender += f"<br/>Gender identity: {escape(person.gender_identity.strip())}"
    address_lines = [person.address_line1, person.address_line2, person.town, person.postcode]
    address = "<br/>".join(escape(x.strip()) for x in address_lines if x and x.strip())
    contact_parts = [person.emergency_contact_name, person.emergency_contact_phone]
    contact = "<br/>".join(escape(x.strip()) for x in contact_parts if x and x.strip())
    if person.preferred_language is Language.OTHER:
        language = or_not_recorded(person.other_language)
    else:
        language = _LANGUAGE_LABELS.get(person.preferred_language,
                                        enum_label(person.preferred_language))
    return [
        ("Name", name),
        ("CRN", escape(person.crn)),
        ("Date of birth", f"{format_date(person.date_of_birth)} (age {age})"),
        ("Gender", gender),
        ("Address", address or NOT_RECORDED),
        ("Phone", or_not_recorded(person.phone)),
        ("Emergency contact", contact or NOT_RECORDED),
        ("Preferred language", language),
        ("Interpreter", "<b>Needed</b>" if person.interpreter_needed else "Not needed"),
        ("Office", or_not_recorded(person.office_name or summary.office_name)),
        ("Responsible officer", or_not_recorded(person.responsible_officer)),
    ]


def _details_table(pairs: list[tuple[str, str]], s: Styles) -> Table:
    """Label/value pairs laid out two to a row, reading left to right."""
    cells: list[list[Any]] = [[Paragraph(label, s.label), Paragraph(value, s.value)]
             for label, value in pairs]
    if len(cells) % 2:
        cells.append(["", ""])
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=_DETAIL_COLUMNS, hAlign="LEFT")
    table.setStyle(details_table_style())
    return table


def _orders_table(orders: tuple[OrderRecord, ...], s: Styles) -> Table:
    headers = ("Order", "Ordered", "Credited", "Adjusted", "Remaining", "Status", "Deadline")
    numeric = {1, 2, 3, 4}
    rows: list[list[Flowable]] = [[
        Paragraph(text, s.table_header_right if i in numeric else s.table_header)
        for i, text in enumerate(headers)]]
    for order in orders:
        rows.append([
            Paragraph(_order_description(order, s), s.table_cell),
            Paragraph(format_minutes(order.minutes_ordered), s.table_cell_right),
            Paragraph(format_minutes(order.minutes_credited), s.table_cell_right),
            Paragraph(format_minutes(order.minutes_adjusted, signed=True), s.table_cell_right),
            Paragraph(f"<b>{format_minutes(order.minutes_remaining)}</b>", s.table_cell_right),
            Paragraph(_STATUS_LABELS.get(order.status, enum_label(order.status)), s.table_cell),
            Paragraph(_deadline(order, s), s.table_cell),
        ])
    table = Table(rows, colWidths=fitted_widths(rows, _ORDER_COLUMNS), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(data_table_style(spaced_columns=(5,)))
    return table


def _order_description(order: OrderRecord, s: Styles) -> str:
    """Court, then type and subtype, then sentence date: the facts that identify an order."""
    order_type = _ORDER_TYPE_LABELS.get(order.order_type, enum_label(order.order_type))
    kind = "standalone" if order.standalone else "with other requirements"
    small = s.table_cell_small.fontSize
    return (f"<b>{escape(order.court)}</b><br/>{order_type}<br/>"
            f"<font size='{small}'>{enum_label(order.subtype)}, {kind}<br/>"
            f"Sentenced {format_date(order.sentence_date)}</font>")


def _deadline(order: OrderRecord, s: Styles) -> str:
    effective = order.effective_deadline
    if effective is None:
        return "No limit"
    text = format_date(effective)
    if order.extensions:
        count = len(order.extensions)
        was = format_date(order.deadline, missing="no limit")
        noun = "extension" if count == 1 else "extensions"
        text += (f"<br/><font size='{s.table_cell_small.fontSize}'>"
                 f"{count} {noun}; was {was}</font>")
    return text


def _custody_table(episodes: tuple[CustodyRecord, ...], s: Styles) -> Table:
    headers = ("Prison", "Prison no.", "Reception", "Expected release", "Other dates")
    rows: list[list[Flowable]] = [[Paragraph(text, s.table_header) for text in headers]]
    small = s.table_cell_small.fontSize
    for episode in episodes:
        prison = (f"{escape(episode.prison_name)} ({escape(episode.prison_code)})"
                  f"<br/><font size='{small}'>{escape(enum_label(episode.status))}</font>")
        if episode.expected_release_date is None:
            release = "Not known"
        else:
            label = (RELEASE_TYPE_LABELS.get(episode.expected_release_type, "")
                     if episode.expected_release_type else "")
            release = f"<b>{format_date(episode.expected_release_date)}</b>"
            if label:
                release += f"<br/><font size='{small}'>{escape(label)}</font>"
        rows.append([
            Paragraph(prison, s.table_cell),
            Paragraph(escape(episode.prison_number), s.table_cell),
            Paragraph(format_date(episode.reception_date), s.table_cell),
            Paragraph(release, s.table_cell),
            _other_dates(episode, s),
        ])
    table = Table(rows, colWidths=fitted_widths(rows, _CUSTODY_COLUMNS),
                  repeatRows=1, hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _other_dates(episode: CustodyRecord, s: Styles) -> Flowable:
    """The episode's recorded dates other than the expected release, as a label/date list."""
    skip = (RELEASE_DATE_FIELDS.get(episode.expected_release_type)
            if episode.expected_release_type else None)
    pairs = [(label, format_date(episode.dates[field])) for field, label in CUSTODY_DATE_FIELDS
             if field != skip and episode.dates.get(field) is not None]
    if episode.screening_date is not None:
        pairs.append(("Screening", format_date(episode.screening_date)))
    if episode.sentence_length_days is not None:
        pairs.append(("Sentence length", f"{episode.sentence_length_days:,} days"))
    if not pairs:
        return Paragraph("None recorded", s.table_cell)
    rows = [[Paragraph(escape(label), s.table_cell_small), Paragraph(value, s.table_cell)]
            for label, value in pairs]
    table = Table(rows, colWidths=_OTHER_DATE_COLUMNS, hAlign="LEFT")
    table.setStyle(nested_table_style())
    return table
