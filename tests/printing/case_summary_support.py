"""A realistic case summary to print (Welsh and other non-ASCII names), and a PDF's pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from upw_ttg.domain.codes import (
    Gender,
    Language,
    OrderStatus,
    OrderSubtype,
    OrderType,
    ReleaseDateType,
)
from upw_ttg.records.case_summary import CaseSummary
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS, CustodyRecord
from upw_ttg.records.orders import OrderExtensionRow, OrderRecord
from upw_ttg.records.people import PersonRecord

PRINTED_AT = dt.datetime(2026, 11, 26, 14, 5)
WELSH_NAME = "Gwenllïan Ŵyn-Ŷnys"


def make_person(**changes: Any) -> PersonRecord:
    person = PersonRecord(
        id=1, crn="X123456", forename="Gwenllïan", surname="Ŵyn-Ŷnys",
        date_of_birth=dt.date(1990, 12, 3), gender=Gender.FEMALE, middle_names=None,
        preferred_name="Gwen", gender_identity=None, address_line1="12 Heol ŵyn",
        address_line2="Tŷ Newydd", town="Scarborough", postcode="YO11 1HT",
        phone="07700 900123", emergency_contact_name="Zoë Łukasz-Siobhán Öß",
        emergency_contact_phone="07700 900456", preferred_language=Language.WELSH,
        other_language=None, interpreter_needed=False, office_id=2,
        office_name="Scarborough", responsible_officer="Siobhán Ní Bhriain", version=1,
        updated_at=PRINTED_AT, updated_by="coordinator")
    return dataclasses.replace(person, **changes)


def make_order(index: int = 0, **changes: Any) -> OrderRecord:
    order = OrderRecord(
        id=index + 1, person_id=1, court="York Magistrates' Court",
        sentence_date=dt.date(2026, 1, 5) + dt.timedelta(days=index),
        order_type=OrderType.COMMUNITY_ORDER, subtype=OrderSubtype.REGULAR,
        hours_ordered=120, standalone=True, ete_allowed=False, travel_time_eligible=True,
        status=OrderStatus.ACTIVE, deadline=dt.date(2027, 1, 4), minutes_credited=2730,
        minutes_adjusted=90, extensions=(), version=1)
    return dataclasses.replace(order, **changes)


def make_custody(**changes: Any) -> CustodyRecord:
    dates: dict[str, dt.date | None] = {field: None for field, _ in CUSTODY_DATE_FIELDS}
    dates.update(sentence_start_date=dt.date(2025, 6, 2),
                 conditional_release_date=dt.date(2026, 12, 1),
                 hdc_eligibility_date=dt.date(2026, 9, 15),
                 licence_expiry_date=dt.date(2027, 6, 1))
    episode = CustodyRecord(
        id=1, person_id=1, prison_id=2, prison_code="HLI", prison_name="HMP Hull",
        prison_number="A1234BC", reception_date=dt.date(2025, 6, 2), sentence_length_days=730,
        screening_date=dt.date(2025, 6, 5), dates=dates,
        expected_release_date=dt.date(2026, 12, 1),
        expected_release_type=ReleaseDateType.CRD, status="in_custody", date_changes=(),
        version=1)
    return dataclasses.replace(episode, **changes)


def sample_case_summary(order_count: int = 2, **changes: Any) -> CaseSummary:
    """A realistic summary: Welsh and other non-ASCII names, an extended order, custody."""
    extended = make_order(
        1, court="Hull Crown Court", order_type=OrderType.SUSPENDED_SENTENCE_ORDER,
        subtype=OrderSubtype.ADDITIONAL_HOURS, hours_ordered=200, standalone=False,
        minutes_credited=600, minutes_adjusted=-30, deadline=dt.date(2026, 6, 30),
        extensions=(OrderExtensionRow(dt.date(2026, 6, 1), "Hull Crown Court",
                                      dt.date(2026, 11, 30), "Illness"),))
    orders = (make_order(0), extended, *(make_order(i) for i in range(2, order_count)))
    summary = CaseSummary(
        person=make_person(), orders=orders[:order_count], custody=(make_custody(),),
        printed_by="Łukasz Nowak", printed_at=PRINTED_AT, office_name="Scarborough")
    return dataclasses.replace(summary, **changes)
