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
