"""Dates are typed the ways staff write them: one parser, in the one formatting module."""

from __future__ import annotations

import datetime as dt

import pytest

from ui.formatting import parse_date
from ui.widgets.date_field import DateField

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("text, expected", [
    ("31/12/2026", dt.date(2026, 12, 31)), ("31122026", dt.date(2026, 12, 31)),
    ("31/12/26", dt.date(2026, 12, 31)), ("311226", dt.date(2026, 12, 31)),
    ("31.12.2026", dt.date(2026, 12, 31)), ("1 5 90", dt.date(1990, 5, 1)),
    ("17/05/90", dt.date(1990, 5, 17)), ("2026-12-31", dt.date(2026, 12, 31)),
    ("today", TODAY), ("Tomorrow", dt.date(2026, 11, 27)), ("yesterday", dt.date(2026, 11, 25)),
    ("+7", dt.date(2026, 12, 3)), ("-3", dt.date(2026, 11, 23)), ("  ", None),
])
def test_the_ways_a_date_is_typed(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "32122026", "next week", "12/2026", "+"])
def test_what_is_not_a_date_says_how_to_type_one(text):
    with pytest.raises(ValueError, match="day/month/year|not a real date"):
        parse_date(text, TODAY)


def test_the_field_shows_what_was_meant_once_typing_is_done(qtbot, monkeypatch):
    monkeypatch.setattr("ui.formatting.today_source", lambda: TODAY)
    field = DateField()
    qtbot.addWidget(field)
    field.setText("tomorrow")
    field.editingFinished.emit()
    assert field.text() == "27/11/2026" and field.date() == dt.date(2026, 11, 27)
    field.setText("31/02/2026")
    field.editingFinished.emit()
    assert field.text() == "31/02/2026", "a wrong date is kept as typed"


def test_a_sentence_is_entered_in_years_months_and_days(qtbot, services, person):
    from upw_ttg.domain.custody import sentence_days, sentence_parts

    from ui.dialogs.custody_dialog import CustodyDialog

    start = dt.date(2027, 3, 1)
    assert sentence_days(start, 1, 0, 0) == 366, "2028 is a leap year"
    assert sentence_parts(start, sentence_days(start, 2, 6, 3)) == (2, 6, 3)
    episode = services.custody.for_person(person.id)[0]
    form = CustodyDialog(services.custody, person.id, "Siân Jones", episode, None, [])
    qtbot.addWidget(form)
    form.sentence_length.years.setValue(2)
    form.sentence_length.months.setValue(6)
    data = form.collect()
    received = episode.dates["sentence_start_date"] or episode.reception_date
    assert data.sentence_length_days == sentence_days(received, 2, 6, 0)
    again = CustodyDialog(services.custody, person.id, "Siân Jones",
                          services.custody.update(episode.id, data), None, [])
    qtbot.addWidget(again)
    shown = again.sentence_length
    assert (shown.years.value(), shown.months.value(), shown.days_box.value()) == (2, 6, 0)
