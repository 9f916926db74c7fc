"""Whether the plan's release sections are answered: what each still lacks (rule TTG-8)."""

from __future__ import annotations

import datetime as dt


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def review_missing(review_date: dt.date | None, accommodation_found: bool | None,
                   first_appointment_at: dt.datetime | None) -> list[str]:
    """Rule TTG-8: what the pre-release review still lacks before it counts as held.

    A review is the check that release is ready (HMIP 2019, 4.2.3): when it was held, whether
    there is an address for the first night, and the first appointment in the community.
    """
    missing = []
    if review_date is None:
        missing.append("the date the review was held")
    if accommodation_found is None:
        missing.append("whether accommodation is found for the first night")
    if first_appointment_at is None:
        missing.append("the date and time of the first appointment")
    return missing


def handover_missing(ro_name: str | None, ro_email: str | None, ro_phone: str | None,
                     contacts: int, risk_info_shared: bool) -> list[str]:
    """Rule TTG-8: what the handover still lacks before it counts as done.

    The community responsible officer must be named and reachable, contacted, and given the
    risk information (HMIP 2019, 4.2.3 coordination before and at release).
    """
    missing = []
    if _blank(ro_name):
        missing.append("the responsible officer's name")
    if _blank(ro_email) and _blank(ro_phone):
        missing.append("an email address or phone number for the officer")
    if contacts == 0:
        missing.append("a contact with the officer")
    if not risk_info_shared:
        missing.append("that the risk information was shared")
    return missing
