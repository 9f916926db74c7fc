"""Importing people and orders from an NDelius extract: every row accounted for, nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from upw_ttg.domain.codes import Gender, OrderSubtype, OrderType, Role
from upw_ttg.domain.ndelius import guess_mapping
from upw_ttg.errors import Cancelled, CapabilityDeniedError, ValidationError
from upw_ttg.records.exchange import RowOutcome
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.storage.models import AuditEvent, Person, UpwOrder

from .extracts import HEADERS, make_people, to_csv, to_xlsx

FINAL = {RowOutcome.NEW, RowOutcome.UPDATED, RowOutcome.UNCHANGED, RowOutcome.REJECTED}


def table_counts(app) -> tuple[int, int]:
    with app.db.read() as session:
        return (session.scalar(select(func.count()).select_from(Person)),
                session.scalar(select(func.count()).select_from(UpwOrder)))


def snapshot(app) -> list:
    with app.db.read() as session:
        people = session.execute(select(Person.crn, Person.surname, Person.phone,
                                        Person.version).order_by(Person.crn)).all()
        orders = session.execute(select(UpwOrder.person_id, UpwOrder.hours_ordered,
                                        UpwOrder.version).order_by(UpwOrder.id)).all()
    return [people, orders]


def mapping_for(data: bytes, app, name="extract.csv") -> dict[str, str]:
    return app.people_import.propose_mapping(data, name).mapping


def test_the_mapping_is_guessed_from_ndelius_names():
    mapping = guess_mapping(HEADERS)
    assert mapping["crn"] == "CRN"
    assert mapping["date_of_birth"] == "Date of Birth"
    assert mapping["hours_ordered"] == "Requirement Length"
    assert mapping["office"] == "Office"
    assert mapping["responsible_officer"] == "Offender Manager"
    assert mapping["phone"] == "Mobile Number"


def test_a_realistic_extract_ends_every_row_accounted_for(app):
    """2,000 rows with a BOM and Windows line endings, ISO and dd/mm/yyyy dates, blank and
    malformed cells, a repeated row, and one person already on record with a new phone."""
    made = make_people(2000)
    existing = made.rows[10]
    person = app.people.create(PersonInput(
        crn=existing[0], forename=existing[1], surname=existing[2],
        date_of_birth=_date(existing[3]), gender=Gender.MALE, phone="01904 000000"))
    rows = made.rows + [list(made.rows[20])]       # line 2002 repeats line 22
    data = to_csv(rows)
    mapping = mapping_for(data, app)

    preview = app.people_import.preview(data, "extract.csv", mapping)
    assert len(preview.rows) == 2001
    by_line = {row.line: row for row in preview.rows}
    for line in made.bad_lines:
        assert by_line[line].outcome == RowOutcome.REJECTED
        assert by_line[line].reason
    assert by_line[12].outcome == RowOutcome.UPDATED
    assert "Phone" in {c.label for c in by_line[12].changes}
    assert by_line[2002].outcome == RowOutcome.UNCHANGED
    assert "Repeats line 22" in by_line[2002].reason
    assert table_counts(app) == (1, 0)             # the preview wrote nothing

    result = app.people_import.apply(data, "extract.csv", mapping)
    assert {row.outcome for row in result.rows} <= FINAL
    assert result.counts[RowOutcome.REJECTED] == len(made.bad_lines)
    assert result.counts[RowOutcome.UPDATED] == 1
    assert result.counts[RowOutcome.NEW] == 2000 - 1 - len(made.bad_lines)
    assert app.people.get(person.id).phone == "07700 900123"
    people, orders = table_counts(app)
    assert people == 2000 - len(made.bad_lines)
    assert orders == people - 4                      # four rows carry a person alone

    before = snapshot(app)
    again = app.people_import.apply(data, "extract.csv", mapping)
    assert again.counts[RowOutcome.NEW] == again.counts[RowOutcome.UPDATED] == 0
    assert again.orders_created == again.orders_updated == 0
    assert snapshot(app) == before


def _date(text: str) -> dt.date:
    if "-" in text:
        return dt.date.fromisoformat(text)
    day, month, year = map(int, text.split("/"))
    return dt.date(year, month, day)


def test_the_import_is_audited_with_the_files_hash(app):
    data = to_csv(make_people(20).rows)
    result = app.people_import.apply(data, "x.csv", mapping_for(data, app))
    with app.db.read() as session:
        entity_id, changes = session.execute(select(AuditEvent.entity_id, AuditEvent.changes)
                                             .where(AuditEvent.entity == "import")).one()
        created = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "person"))
    assert entity_id == result.sha256[:40]
    assert result.sha256 in changes
    assert created == result.counts[RowOutcome.NEW]


def test_a_dry_run_writes_nothing_and_reports_what_an_import_would(app):
    data = to_csv(make_people(300).rows)
    mapping = mapping_for(data, app)
    dry = app.people_import.apply(data, "x.csv", mapping, dry_run=True)
    assert dry.dry_run and "Dry run" in dry.describe()
    assert table_counts(app) == (0, 0)
    real = app.people_import.apply(data, "x.csv", mapping)
    assert real.counts == dry.counts
    assert real.orders_created == dry.orders_created


def test_a_cancelled_import_leaves_the_database_as_it_was(app):
    data = to_csv(make_people(600).rows)
    mapping = mapping_for(data, app)
    seen = []

    def progress(done, total, text):
        seen.append(done)

    def cancelled() -> bool:
        # Cancel while writing, after rows have been flushed.
        return len(seen) >= 4

    with pytest.raises(Cancelled):
        app.people_import.apply(data, "x.csv", mapping, progress=progress, cancelled=cancelled)
    assert table_counts(app) == (0, 0)
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity.in_(["person", "import"]))) == 0


def test_a_likely_duplicate_is_created_only_when_confirmed(app):
    app.people.create(PersonInput(crn="A111111", forename="Siân", surname="Jones",
                                  date_of_birth=dt.date(1990, 3, 4), gender=Gender.FEMALE))
    rows = [["B222222", "Sian", "JONES", "04/03/1990", "F", "", "", "", "", "", "", "", "", "",
             "", "", ""],
            ["C333333", "Mary", "Jones", "04/03/1990", "F", "", "", "", "", "", "", "", "", "",
             "", "", ""]]
    data = to_csv(rows)
    mapping = mapping_for(data, app)
    preview = app.people_import.preview(data, "x.csv", mapping)
    first, second = preview.rows
    assert first.outcome == RowOutcome.DUPLICATE and first.resembles_crn == "A111111"
    assert second.outcome == RowOutcome.NEW

    unconfirmed = app.people_import.apply(data, "x.csv", mapping, dry_run=True)
    assert unconfirmed.rows[0].outcome == RowOutcome.REJECTED
    assert "not confirmed" in unconfirmed.rows[0].reason

    confirmed = app.people_import.apply(data, "x.csv", mapping, confirmed_duplicates=[2])
    assert confirmed.rows[0].outcome == RowOutcome.NEW
    assert table_counts(app)[0] == 3


def test_an_order_on_record_is_matched_by_its_sentence_date_and_changed(app):
    person = app.people.create(PersonInput(crn="D444444", forename="Rhys", surname="Evans",
                                           date_of_birth=dt.date(1985, 5, 6),
                                           gender=Gender.MALE))
    order = app.orders.create(OrderInput(person_id=person.id, court="York Magistrates' Court",
                                         sentence_date=dt.date(2026, 9, 1), hours_ordered=100))
    row = ["D444444", "Rhys", "Evans", "06/05/1985", "Male", "", "", "", "", "", "",
           "01/09/2026", "York Magistrates' Court", "Suspended Sentence Order", "Combined",
           "Regular", "120"]
    data = to_csv([row])
    preview = app.people_import.preview(data, "x.csv", mapping_for(data, app))
    (only,) = preview.rows
    assert only.outcome == RowOutcome.UPDATED
    assert {c.label for c in only.changes} == {"Order: order type", "Order: hours ordered",
                                               "Order: standalone or combined"}
    result = app.people_import.apply(data, "x.csv", preview.mapping)
    assert result.orders_updated == 1 and result.orders_created == 0
    changed = app.orders.get(order.id)
    assert (changed.hours_ordered, changed.order_type, changed.standalone) == \
        (120, OrderType.SUSPENDED_SENTENCE_ORDER, False)
    assert changed.subtype == OrderSubtype.REGULAR


def test_a_person_with_two_orders_on_two_lines(app):
    base = ["E555555", "Zoë", "Hughes", "1970-01-02", "F", "", "", "", "", "", "", "",
            "Hull Crown Court", "Community Order", "Y", "Regular", "60"]
    first, second = list(base), list(base)
    first[11], second[11] = "2026-02-01", "2026-06-01"
    data = to_csv([first, second])
    result = app.people_import.apply(data, "x.csv", mapping_for(data, app))
    assert [r.outcome for r in result.rows] == [RowOutcome.NEW, RowOutcome.UPDATED]
    assert table_counts(app) == (1, 2)


def test_a_later_line_that_contradicts_an_earlier_one_is_rejected(app):
    base = ["F666666", "Tom", "Smith", "1970-01-02", "M", "", "", "", "", "", "", "", "", "", "",
            "", ""]
    other = list(base)
    other[3] = "1971-01-02"
    data = to_csv([base, other])
    result = app.people_import.apply(data, "x.csv", mapping_for(data, app))
    assert result.rows[1].outcome == RowOutcome.REJECTED
    assert "also on line 2" in result.rows[1].reason and "date of birth" in result.rows[1].reason


@pytest.mark.parametrize("encoding,delimiter", [("cp1252", ";"), ("utf-8", "\t"),
                                                ("utf-8-sig", ",")])
def test_encodings_and_delimiters_read_the_same(app, encoding, delimiter):
    rows = make_people(30, seed=3).rows
    for row in rows:
        row[2] = "Ćwikła" if encoding != "cp1252" else "Siân"
    data = to_csv(rows, encoding=encoding, delimiter=delimiter, line_ending="\n")
    preview = app.people_import.preview(data, "x.csv", mapping_for(data, app))
    names = {row.name.split()[-1] for row in preview.rows}
    assert names == {"Ćwikła" if encoding != "cp1252" else "Siân"}


def test_an_excel_workbook_imports_like_its_csv(app):
    made = make_people(60, seed=5)
    data = to_xlsx(made.rows)
    mapping = mapping_for(data, app, "extract.xlsx")
    from_xlsx = app.people_import.preview(data, "extract.xlsx", mapping)
    csv_data = to_csv(made.rows)
    from_csv = app.people_import.preview(csv_data, "x.csv", mapping_for(csv_data, app))
    assert [(r.crn, r.outcome) for r in from_xlsx.rows] == \
        [(r.crn, r.outcome) for r in from_csv.rows]


def test_the_confirmed_mapping_is_remembered_for_the_same_layout(app):
    headers = tuple(h.upper() + " " for h in HEADERS)      # odd case and spaces
    data = to_csv(make_people(5).rows, headers=headers)
    proposal = app.people_import.propose_mapping(data, "x.csv")
    assert not proposal.remembered
    mapping = dict(proposal.mapping)
    assert mapping["responsible_officer"] == "OFFENDER MANAGER"
    mapping.pop("phone")                                    # the coordinator leaves it out
    app.people_import.apply(data, "x.csv", mapping)
    later = to_csv(make_people(7, seed=9).rows, headers=headers)
    again = app.people_import.propose_mapping(later, "next week.csv")
    assert again.remembered and again.mapping == mapping


def test_a_mapping_missing_a_required_column_is_refused_in_plain_words(app):
    data = to_csv(make_people(3).rows)
    mapping = mapping_for(data, app)
    del mapping["surname"]
    mapping["phone"] = "No such column"
    with pytest.raises(ValidationError) as caught:
        app.people_import.preview(data, "x.csv", mapping)
    assert caught.value.fields["surname"] == "Choose the column that holds the surname."
    assert caught.value.fields["phone"] == "The file has no column “No such column”."


@pytest.mark.parametrize("content,words", [(b"", "no rows"), (b"\x00\x01\x02binary", "not a text"),
                                           (b"PK\x03\x04broken", "not a readable Excel")])
def test_a_file_that_is_not_an_extract_is_refused_in_plain_words(app, content, words):
    name = "x.xlsx" if content.startswith(b"PK") else "x.csv"
    with pytest.raises(ValidationError) as caught:
        app.people_import.propose_mapping(content, name)
    assert words in caught.value.fields["file"]


def test_only_those_who_work_cases_may_import(signed_in_as):
    data = to_csv(make_people(2).rows)
    for role in (Role.SUPERVISOR, Role.RESETTLEMENT_WORKER, Role.ADMINISTRATOR):
        services = signed_in_as(role)
        with pytest.raises(CapabilityDeniedError):
            services.people_import.propose_mapping(data, "x.csv")
    coordinator = signed_in_as(Role.COORDINATOR)
    assert coordinator.people_import.propose_mapping(data, "x.csv").row_count == 2



def test_a_restricted_case_is_changed_only_by_staff_named_on_it(app, signed_in_as):
    person = app.people.create(PersonInput(crn="G777777", forename="Aled", surname="Price",
                                           date_of_birth=dt.date(1980, 1, 1), gender=Gender.MALE))
    app.restrictions.set_restriction(person.id, True, [app.ctx.actor_id],
                                     version=app.people.get(person.id).version)
    row = ["G777777", "Aled", "Price", "01/01/1980", "Male", "1 New Road"] + [""] * 11
    data = to_csv([row])
    coordinator = signed_in_as(Role.COORDINATOR)
    refused = coordinator.people_import.apply(data, "x.csv", mapping_for(data, coordinator))
    assert refused.rows[0].outcome == RowOutcome.REJECTED
    assert "restricted case" in refused.rows[0].reason
    named = app.people_import.apply(data, "x.csv", mapping_for(data, app))
    assert named.rows[0].outcome == RowOutcome.UPDATED
    assert app.people.get(person.id).address_line1 == "1 New Road"
