"""Custody episodes and release dates from Prisoner Search JSON or a CSV, matched to people."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from upw_ttg.domain.codes import Gender, Role
from upw_ttg.errors import CapabilityDeniedError
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.exchange import RowOutcome
from upw_ttg.records.people import PersonInput

from .extracts import to_csv


def prisoner(number: str, **fields) -> dict:
    """A Prisoner Search ``Prisoner`` record, with the nested parts the real one has."""
    record = {"prisonerNumber": number, "prisonId": "LII", "firstName": "RHYS",
              "lastName": "EVANS", "dateOfBirth": "1985-05-06", "receptionDate": "2026-03-02",
              "sentenceStartDate": "2026-03-01", "conditionalReleaseDate": "2027-03-01",
              "licenceExpiryDate": "2028-03-01", "sentenceExpiryDate": "2028-03-01",
              "status": "ACTIVE IN", "alerts": [{"alertType": "X"}],
              "currentIncentive": {"level": {"code": "STD"}}}
    record.update(fields)
    return record


def page(*records: dict) -> bytes:
    return json.dumps({"content": list(records), "totalElements": len(records)}).encode()


@pytest.fixture
def rhys(app) -> int:
    return app.people.create(PersonInput(crn="D444444", forename="Rhys", surname="Evans",
                                         date_of_birth=dt.date(1985, 5, 6),
                                         gender=Gender.MALE)).id


def run(app, data: bytes, name: str = "prisoners.json", **apply):
    service = app.custody_import
    mapping = service.propose_mapping(data, name).mapping
    return service.apply(data, name, mapping, **apply)


def test_prisoner_search_json_opens_an_episode_for_the_one_person_who_matches(app, rhys):
    result = run(app, page(prisoner("A1234BC")))
    (row,) = result.rows
    assert row.outcome == RowOutcome.NEW and row.crn == "D444444"
    (episode,) = app.custody.for_person(rhys)
    assert episode.prison_code == "LII" and episode.prison_number == "A1234BC"
    assert episode.dates["conditional_release_date"] == dt.date(2027, 3, 1)
    assert episode.expected_release_date == dt.date(2027, 3, 1)


def test_a_changed_release_date_goes_into_the_history_with_the_import_as_source(app, rhys):
    app.custody.create(CustodyInput(person_id=rhys, prison_id=_prison(app, "LII"),
                                    prison_number="A1234BC", reception_date=dt.date(2026, 3, 2),
                                    sentence_start_date=dt.date(2026, 3, 1),
                                    conditional_release_date=dt.date(2027, 3, 1)))
    data = page(prisoner("A1234BC", conditionalReleaseDate="2027-01-15"))
    preview = app.custody_import.preview(data, "ps.json",
                                         app.custody_import.propose_mapping(data, "ps.json")
                                         .mapping)
    (row,) = preview.rows
    assert row.outcome == RowOutcome.UPDATED
    assert ("Conditional release (CRD)", "01/03/2027", "15/01/2027") in \
        {(c.label, c.before, c.after) for c in row.changes}
    run(app, data, "ps.json")
    (episode,) = app.custody.for_person(rhys)
    assert episode.expected_release_date == dt.date(2027, 1, 15)
    change = next(c for c in episode.date_changes if c.field == "conditional_release_date")
    assert change.old_value == dt.date(2027, 3, 1) and change.new_value == dt.date(2027, 1, 15)
    assert change.reason.startswith("Imported from ps.json (")

    again = run(app, data, "ps.json")
    assert [r.outcome for r in again.rows] == [RowOutcome.UNCHANGED]
    assert len(app.custody.for_person(rhys)[0].date_changes) == len(episode.date_changes)


def test_records_that_cannot_be_matched_are_rejected_with_the_reason(app, rhys):
    app.people.create(PersonInput(crn="E555555", forename="Tom", surname="Smith",
                                  date_of_birth=dt.date(1970, 1, 2), gender=Gender.MALE))
    app.people.create(PersonInput(crn="F666666", forename="Tom", surname="Smith",
                                  date_of_birth=dt.date(1970, 1, 2), gender=Gender.MALE))
    data = page(prisoner("B1111BB", firstName="Nobody", lastName="Known"),
                prisoner("C2222CC", firstName="Tom", lastName="Smith", dateOfBirth="1970-01-02"),
                prisoner("D3333DD", prisonId="ZZI"),
                prisoner("E4444EE", conditionalReleaseDate="2025-13-45"))
    result = run(app, data)
    reasons = [r.reason for r in result.rows]
    assert all(r.outcome == RowOutcome.REJECTED for r in result.rows)
    assert "No person on record has this name" in reasons[0]
    assert "2 people on record" in reasons[1]
    assert "“ZZI” is not a prison here" in reasons[2]
    assert "not a real date" in reasons[3]
    assert app.custody.for_person(rhys) == []


def test_a_csv_with_crns_matches_by_crn(app, rhys):
    headers = ("CRN", "Prison Number", "Prison", "Reception Date", "SSD", "CRD", "LED")
    rows = [["d444444", "a1234bc", "HMP Lincoln", "02/03/2026", "01/03/2026", "01/03/2027",
             "01/03/2028"]]
    result = run(app, to_csv(rows, headers=headers), "custody.csv")
    assert [r.outcome for r in result.rows] == [RowOutcome.NEW]
    assert app.custody.for_person(rhys)[0].prison_number == "A1234BC"


def test_a_cancelled_custody_import_writes_nothing(app, rhys):
    from upw_ttg.errors import Cancelled

    data = page(prisoner("A1234BC"))
    with pytest.raises(Cancelled):
        run(app, data, progress=lambda *a: None, cancelled=lambda: True)
    assert app.custody.for_person(rhys) == []


def test_only_those_who_work_custody_cases_import_them(signed_in_as):
    data = page(prisoner("A1234BC"))
    for role in (Role.COORDINATOR, Role.SUPERVISOR, Role.ADMINISTRATOR):
        with pytest.raises(CapabilityDeniedError):
            signed_in_as(role).custody_import.propose_mapping(data, "p.json")
    worker = signed_in_as(Role.RESETTLEMENT_WORKER)
    assert worker.custody_import.propose_mapping(data, "p.json").row_count == 1


def _prison(app, code: str) -> int:
    return next(p.id for p in app.custody.prisons() if p.code == code)
