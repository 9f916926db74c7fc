"""Rule TTG-8: the review and the handover count as done only with their essentials."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.plan_progress import handover_missing, review_missing

DAY = dt.date(2026, 11, 20)


def test_a_review_with_only_its_date_is_not_yet_held():
    assert review_missing(DAY, None, None) == [
        "whether accommodation is found for the first night",
        "the date and time of the first appointment"]
    assert review_missing(DAY, False, dt.datetime(2027, 1, 4, 10)) == [], \
        "no address is an answer: the dashboard lists it separately"
    assert len(review_missing(None, None, None)) == 3


def test_a_handover_needs_a_reachable_officer_a_contact_and_the_risk_shared():
    assert handover_missing("Pat Officer", None, "01482 000000", 1, True) == []
    assert handover_missing("Pat Officer", " ", None, 1, True) == [
        "an email address or phone number for the officer"]
    assert handover_missing(None, None, None, 2, False) == [
        "the responsible officer's name", "an email address or phone number for the officer",
        "that the risk information was shared"]
