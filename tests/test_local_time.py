"""Timestamps are stored in UTC and shown in local time, across the changes to and from BST."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from upw_ttg.domain.local_time import local_date, local_time_text, to_local, to_utc
from upw_ttg.errors import StaleRecordError
from upw_ttg.services.context import ServiceContext


@pytest.fixture(autouse=True)
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(("utc", "local"), [
    # Winter: GMT, the same as UTC.
    (dt.datetime(2026, 1, 15, 16, 28), dt.datetime(2026, 1, 15, 16, 28)),
    # 29 March 2026: at 01:00 UTC the clocks go forward to 02:00 BST.
    (dt.datetime(2026, 3, 29, 0, 59), dt.datetime(2026, 3, 29, 0, 59)),
    (dt.datetime(2026, 3, 29, 1, 0), dt.datetime(2026, 3, 29, 2, 0)),
    # Summer: "changed at 16:28" was saved at 15:28 UTC.
    (dt.datetime(2026, 7, 1, 15, 28), dt.datetime(2026, 7, 1, 16, 28)),
    # Late evening in summer is already the next day in London.
    (dt.datetime(2026, 7, 1, 23, 30), dt.datetime(2026, 7, 2, 0, 30)),
    # 25 October 2026: at 01:00 UTC the clocks go back from 02:00 BST to 01:00 GMT, so
    # 01:30 happens twice; the stored UTC times keep them apart and in order.
    (dt.datetime(2026, 10, 25, 0, 30), dt.datetime(2026, 10, 25, 1, 30)),
    (dt.datetime(2026, 10, 25, 1, 30), dt.datetime(2026, 10, 25, 1, 30)),
])
def test_stored_utc_is_shown_in_london_time(utc, local):
    assert to_local(utc) == local
    assert local_time_text(utc) == local.strftime("%d/%m/%Y %H:%M")


def test_local_time_is_stored_as_utc_on_both_sides_of_the_change():
    assert to_utc(dt.datetime(2026, 7, 1, 16, 28)) == dt.datetime(2026, 7, 1, 15, 28)
    assert to_utc(dt.datetime(2026, 12, 1, 16, 28)) == dt.datetime(2026, 12, 1, 16, 28)
    # The clock alone is asked for: no database is reached.
    ctx = ServiceContext(db=None, now=lambda: dt.datetime(2026, 3, 29, 3, 0))  # type: ignore[arg-type]
    assert ctx.utc_now() == dt.datetime(2026, 3, 29, 2, 0)


def test_the_local_day_of_a_late_summer_evening():
    assert local_date(dt.datetime(2026, 7, 1, 23, 30)) == dt.date(2026, 7, 2)
    assert local_date(dt.datetime(2026, 12, 1, 23, 30)) == dt.date(2026, 12, 1)


def test_the_stale_record_message_shows_local_time():
    error = StaleRecordError("person", "Bob Baker", dt.datetime(2026, 7, 1, 15, 28))
    assert "changed by Bob Baker at 16:28 on 1 Jul 2026 after you opened it" in str(error)
    winter = StaleRecordError("person", None, dt.datetime(2026, 11, 3, 9, 5))
    assert "changed by another user at 09:05 on 3 Nov 2026" in str(winter)


def test_the_screens_show_local_time():
    from ui.formatting import format_datetime

    assert format_datetime(dt.datetime(2026, 7, 1, 15, 28)) == "01/07/2026 16:28"
    assert format_datetime(dt.datetime(2026, 10, 25, 1, 30)) == "25/10/2026 01:30"
    assert format_datetime(None, "—") == "—"


def test_a_custody_date_change_is_stored_in_utc_and_listed_in_local_time(app):
    """The date-change history (an audit view) keeps UTC and shows the wall-clock time."""
    from tests.services.custody_support import episode, humber, make_person
    from ui.formatting import format_datetime

    app.ctx.now = lambda: dt.datetime(2027, 7, 1, 16, 28)  # 16:28 BST on the office clock
    created = app.custody.create(episode(make_person(app), humber(app)))
    edit = created.to_input()
    edit.hdc_approved_date = dt.date(2027, 1, 10)
    edit.change_reason = "HDC approved"
    updated = app.custody.update(created.id, edit)
    change = updated.date_changes[0]
    assert change.changed_at == dt.datetime(2027, 7, 1, 15, 28)
    assert format_datetime(change.changed_at) == "01/07/2027 16:28"
