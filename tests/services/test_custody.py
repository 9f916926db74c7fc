"""Custody episodes: prison numbers, the expected release date and its type, date history."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upw_ttg.domain.codes import ReleaseDateType
from upw_ttg.domain.custody import expected_release
from upw_ttg.errors import ValidationError
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS

from tests.services.custody_support import episode, humber, make_person


@pytest.fixture
def person_id(app) -> int:
    return make_person(app)


@pytest.fixture
def prison_id(app) -> int:
    return humber(app)


def test_the_expected_release_date_is_the_first_present_of_confirmed_hdc_crd_ard(
        app, person_id, prison_id):
    created = app.custody.create(episode(person_id, prison_id))
    assert (created.expected_release_date, created.expected_release_type) == \
        (dt.date(2027, 3, 1), ReleaseDateType.CRD)
    edit = created.to_input()
    edit.hdc_approved_date = dt.date(2027, 1, 10)
    edit.change_reason = "HDC approved by the governor"
    updated = app.custody.update(created.id, edit)
    assert updated.expected_release_type == ReleaseDateType.HDC
    edit = updated.to_input()
    edit.confirmed_release_date = dt.date(2027, 1, 12)
    assert app.custody.update(created.id, edit).expected_release_type == \
        ReleaseDateType.CONFIRMED


def test_only_an_ard_gives_an_ard_release_type(app, person_id, prison_id):
    created = app.custody.create(episode(person_id, prison_id, conditional_release_date=None))
    assert created.expected_release_type == ReleaseDateType.ARD


def test_every_date_change_is_kept_with_who_and_why(app, person_id, prison_id):
    created = app.custody.create(episode(person_id, prison_id))
    edit = created.to_input()
    edit.conditional_release_date = dt.date(2027, 4, 1)
    edit.change_reason = "Added days"
    updated = app.custody.update(created.id, edit)
    change = updated.date_changes[0]
    assert (change.field, change.old_value, change.new_value, change.reason, change.changed_by) \
        == ("conditional_release_date", dt.date(2027, 3, 1), dt.date(2027, 4, 1), "Added days",
            "Ada Admin")


@pytest.mark.parametrize("number", ["A123BC", "1234ABC", "A1234B1", "AA234BC", ""])
def test_a_malformed_prison_number_is_refused(app, person_id, prison_id, number):
    with pytest.raises(ValidationError) as caught:
        app.custody.create(episode(person_id, prison_id, prison_number=number))
    assert "prison_number" in caught.value.fields
    assert app.custody.for_person(person_id) == []


def test_a_prison_number_belongs_to_one_episode(app, person_id, prison_id):
    app.custody.create(episode(person_id, prison_id))
    with pytest.raises(ValidationError, match="already has this prison number"):
        app.custody.create(episode(person_id, prison_id, reception_date=dt.date(2026, 10, 1),
                                   screening_date=None))


def test_release_dates_before_the_sentence_start_are_refused(app, person_id, prison_id):
    with pytest.raises(ValidationError) as caught:
        app.custody.create(episode(person_id, prison_id,
                                   conditional_release_date=dt.date(2026, 8, 1)))
    assert "before the sentence start" in caught.value.fields["conditional_release_date"]


def test_moving_prison_records_a_transfer_event(app, person_id, prison_id):
    created = app.custody.create(episode(person_id, prison_id))
    edit = created.to_input()
    edit.prison_id = next(p.id for p in app.custody.prisons() if p.code == "LII")
    edit.change_reason = "Transfer for a course"
    assert app.custody.update(created.id, edit).prison_code == "LII"


optional_dates = st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2040, 1, 1)))


@given(st.fixed_dictionaries({name: optional_dates for name, _l in CUSTODY_DATE_FIELDS}))
def test_expected_release_follows_the_precedence_for_any_dates(dates):
    value, kind = expected_release(dates)
    order = [("confirmed_release_date", ReleaseDateType.CONFIRMED),
             ("hdc_approved_date", ReleaseDateType.HDC),
             ("conditional_release_date", ReleaseDateType.CRD),
             ("automatic_release_date", ReleaseDateType.ARD)]
    present = [(dates[f], k) for f, k in order if dates[f] is not None]
    assert (value, kind) == (present[0] if present else (None, None))
