"""Risk changes that reach everyone (rule UPW-RISKSHARE): what changed, who to tell, when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from upw_ttg.domain.working_days import WorkingCalendar

# The assessment's answers that say how risky a person is, or who may supervise them, with
# the words the notice uses for each.
RISK_FIELDS: dict[str, str] = {
    "risk_level": "Risk of harm",
    "risk_sexual_offending": "Sexual offending",
    "risk_to_children": "Risk to children",
    "risk_to_vulnerable_adults": "Risk to vulnerable adults",
    "risk_violence": "Violence",
    "risk_hate_behaviour": "Hate-motivated behaviour",
    "risk_serious_group_offending": "Serious group offending",
    "no_female_supervisor": "No female supervisor",
    "no_male_supervisor": "No male supervisor",
    "close_supervision": "Close supervision",
}


class ContactKind(StrEnum):
    SUPERVISOR = "supervisor"
    BENEFICIARY = "beneficiary"
    PROVIDER = "provider"
    RESPONSIBLE_OFFICER = "responsible_officer"


CONTACT_KIND_LABELS = {ContactKind.SUPERVISOR: "Supervisor",
                       ContactKind.BENEFICIARY: "Placement contact",
                       ContactKind.PROVIDER: "Referral provider",
                       ContactKind.RESPONSIBLE_OFFICER: "Responsible officer"}


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone with upcoming contact with the person, to be told of a risk change."""

    kind: ContactKind
    name: str
    detail: str
    staff_id: int | None = None


def _shown(value: object) -> str:
    if value is None:
        return "not recorded"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value)).replace("_", " ")


def risk_changes(before: Mapping[str, object], after: Mapping[str, object]) -> tuple[str, ...]:
    """Each change to the risk level, a risk flag or a supervisor restriction, in words
    (rule UPW-RISKSHARE); empty when none of them changed.

    Source: HMIP 2019 (risk changes "not systematically shared" with partners, who "had to
    chase").
    """
    changes = []
    for field, label in RISK_FIELDS.items():
        old, new = before.get(field), after.get(field)
        if old == new or (not old and not new and field != "risk_level"):
            continue
        if isinstance(new, bool) or isinstance(old, bool):
            changes.append(f"{label}: {'now applies' if new else 'no longer applies'}")
        else:
            changes.append(f"{label}: {_shown(old)} → {_shown(new)}")
    return tuple(changes)


def first_assessment_risks(after: Mapping[str, object]) -> tuple[str, ...]:
    """What a person's first completed assessment records of risk, in words, when it records
    a risk flag, a supervisor restriction or a risk level above low (rule UPW-RISKSHARE):
    the level first, then each flag and restriction that applies; empty otherwise."""
    flags = tuple(f"{label}: applies" for field, label in RISK_FIELDS.items()
                  if field != "risk_level" and after.get(field))
    level = after.get("risk_level")
    raised = level is not None and _shown(level) != "low"
    if not flags and not raised:
        return ()
    return ((f"Risk of harm: {_shown(level)}",) if level is not None else ()) + flags


def distinct_contacts(contacts: Iterable[Contact]) -> list[Contact]:
    """Each person to tell once, in the order first met (a supervisor of several sessions,
    a provider of several referrals): the first detail is kept."""
    seen: dict[tuple[ContactKind, int | str], Contact] = {}
    for contact in contacts:
        key = (contact.kind, contact.staff_id if contact.staff_id is not None
               else contact.name.strip().casefold())
        seen.setdefault(key, contact)
    return list(seen.values())


def confirm_by(calendar: WorkingCalendar, day: dt.date, working_days: int) -> dt.date:
    """The day by which a contact told of a change on ``day`` should have confirmed it
    (rule UPW-RISKSHARE, *setting* ``upw.risk_confirm_working_days``), counted in working
    days (rule DAYS-1); after it they are chased."""
    return calendar.add_working_days(day, working_days)


def chase_due(confirm_by_day: dt.date, confirmed_on: dt.date | None, today: dt.date) -> bool:
    """Whether a contact is to be chased: not confirmed and past the day they should have."""
    return confirmed_on is None and today > confirm_by_day
