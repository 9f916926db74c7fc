"""The completion deadline in force: one definition, used by every screen and service."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from upw_ttg.domain.orders import effective_deadline

days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))


@given(days, st.lists(days, max_size=4))
def test_the_latest_of_the_deadline_and_its_extensions_is_in_force(deadline, extensions):
    found = effective_deadline(deadline, extensions)
    assert found == max([deadline, *extensions])
    assert found is not None and found >= deadline


@given(st.lists(days, max_size=4))
def test_no_deadline_means_none_whatever_was_extended(extensions):
    assert effective_deadline(None, extensions) is None


def test_an_order_never_extended_keeps_its_own():
    assert effective_deadline(dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    assert effective_deadline(dt.date(2027, 3, 1), [dt.date(2027, 9, 1), dt.date(2027, 6, 1)]) \
        == dt.date(2027, 9, 1)
