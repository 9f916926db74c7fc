"""The database guard: every value sent to the database fits its column, on SQLite and
PostgreSQL alike, or the write is refused in plain words and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, insert, select

from upw_ttg.domain.validation import (
    control_character_problem,
    field_label,
    require_calendar_dates,
    require_dates,
    require_page,
    require_working_days,
    search_text,
)
from upw_ttg.errors import ValidationError
from upw_ttg.storage.models import ClosureDate, DeliveryUnit, Office, Person


def _add_office(db, **values) -> None:
    with db.write() as session:
        unit_id = session.scalar(select(DeliveryUnit.id).limit(1))
        fields = {"code": "ZZ1", "name": "Test office", "delivery_unit_id": unit_id} | values
        session.add(Office(**fields))


def _offices(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Office))


def _refusal(db, **values) -> dict[str, str]:
    before = _offices(db)
    with pytest.raises(ValidationError) as caught:
        _add_office(db, **values)
    assert _offices(db) == before
    return caught.value.fields


def test_a_text_longer_than_its_column_is_refused_on_every_database(db):
    fields = _refusal(db, name="x" * 101)
    assert fields == {"name": "The name is too long: at most 100 characters."}
    _add_office(db, name="x" * 100)


def test_control_characters_and_lone_surrogates_are_refused(db):
    assert _refusal(db, name="nul\x00inside")["name"] == \
        "The name holds hidden control characters; retype it."
    assert _refusal(db, name="half \ud800")["name"] == \
        "The name holds a character that cannot be stored; retype it."
    assert _refusal(db, town="two\nlines")["town"] == "The town must be on one line."


def test_line_breaks_are_kept_in_multi_line_notes(db):
    with db.write() as session:
        session.add(ClosureDate(closed_on=dt.date(2026, 12, 24), reason="Snow.\nOffice shut.\t"))
    with db.read() as session:
        assert session.scalar(select(ClosureDate.reason)) == "Snow.\nOffice shut.\t"


def test_numbers_beyond_the_column_and_dates_outside_1900_to_2100_are_refused(db):
    assert _refusal(db, delivery_unit_id=2**31)["delivery_unit_id"] == \
        "The delivery unit reference is out of range."
    with pytest.raises(ValidationError) as caught, db.write() as session:
        session.add(ClosureDate(closed_on=dt.date(1, 1, 1), reason="Typed the year wrong"))
    assert caught.value.fields == {
        "closed_on": "The date closed must be between 1900 and 2100; check the year."}


def test_a_missing_required_value_is_named(db):
    assert _refusal(db, name=None) == {"name": "Enter the name."}


def test_bulk_inserts_are_checked_too(db):
    with pytest.raises(ValidationError, match="reason is too long"), db.write() as session:
        session.execute(insert(ClosureDate), [
            {"closed_on": dt.date(2026, 12, 24), "reason": "Fine"},
            {"closed_on": dt.date(2026, 12, 25), "reason": "r" * 201}])
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ClosureDate)) == 0


def test_query_parameters_the_database_cannot_take_are_refused(db):
    with db.read() as session:
        with pytest.raises(ValidationError, match="record reference is out of range"):
            session.execute(select(Person).where(Person.id == 2**31))
        with pytest.raises(ValidationError, match="out of range"):
            session.execute(select(Person).where(Person.id.in_([1, 2**63])))
        with pytest.raises(ValidationError, match="cannot be stored"):
            session.execute(select(Person).where(Person.surname == "\udfff"))
        assert session.execute(select(Person).where(Person.id == 2**31 - 1)).all() == []


def test_field_labels_are_plain_words():
    assert field_label("date_of_birth") == "date of birth"
    assert field_label("person_id_1") == "person reference"
    assert field_label("id") == "record reference"
    assert field_label("acknowledged_on") == "date acknowledged"


def test_non_database_inputs_are_checked_by_the_domain_rules():
    with pytest.raises(ValidationError) as caught:
        require_page(offset=-1, limit=2**40)
    assert caught.value.fields == {"offset": "The starting row must be at least 0.",
                                   "limit": "The number of rows is out of range."}
    require_page(0, 50)
    assert search_text(" Smith\tJohn\x00\ud800\n") == "Smith John"
    assert len(search_text("x" * 5000)) == 200
    assert search_text(None) == ""
    with pytest.raises(ValidationError, match="between 1900 and 2100") as caught:
        require_dates(date_of_birth=dt.date(1899, 12, 31), start=dt.date(2100, 12, 31))
    assert set(caught.value.fields) == {"date_of_birth"}
    with pytest.raises(ValidationError, match="between 1900 and 2099"):
        require_calendar_dates(release_date=dt.date(2100, 6, 1))
    with pytest.raises(ValidationError, match="out of range"):
        require_working_days(261)
    require_working_days(-260)
    assert control_character_problem("note", "a\r\nb", line_breaks=True) is None
