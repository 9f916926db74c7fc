"""Logs hold no personal data: exception messages and SQL parameters stay out of them."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy.exc import IntegrityError

from upw_ttg.domain.codes import Gender
from upw_ttg.logs import configure_logging
from upw_ttg.records.people import PersonInput
from upw_ttg.storage.models import Person

CANARY = "Canaryson"


@pytest.fixture
def log_file(tmp_path):
    path = configure_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_upw_ttg", False):
            root.removeHandler(handler)
            handler.close()


def test_a_logged_exception_keeps_its_stack_but_not_its_message(log_file):
    message = " ".join(["could not save", CANARY, "born", "01/02/1990"])
    try:
        raise ValueError(message)
    except ValueError:
        logging.getLogger("ui.crash").exception("Unexpected error, incident %s", "AB12")
    text = log_file.read_text()
    assert "incident AB12" in text and "ValueError" in text and "test_logging_privacy" in text
    assert CANARY not in text and "01/02/1990" not in text


def test_a_database_error_in_the_log_carries_no_values(app, log_file):
    app.people.create(PersonInput(crn="X555555", forename="Ann", surname=CANARY,
                                  date_of_birth=dt.date(1990, 1, 1), gender=Gender.FEMALE))
    try:
        with app.db.write() as session:
            session.add(Person(crn="X555555", forename="Ann", surname=CANARY,
                               date_of_birth=dt.date(1990, 1, 1), gender=Gender.FEMALE,
                               search_surname="canaryson", search_forename="ann"))
    except IntegrityError as exc:
        assert CANARY not in str(exc)
        logging.getLogger("test").error("save failed", exc_info=True)
    else:
        pytest.fail("the duplicate CRN was stored")
    assert CANARY not in log_file.read_text()
