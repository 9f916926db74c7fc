"""Text reminders (rule UPW-TEXTS): valid UK mobiles, who is texted, who is not, and why."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class MessageKind(StrEnum):
    REMINDER = "reminder"      # two days (setting) before a session
    BOOKED = "booked"
    MOVED = "moved"
    STOOD_DOWN = "stood_down"


class MessageStatus(StrEnum):
    QUEUED = "queued"          # waiting to go (no network, or not yet sent)
    SENDING = "sending"        # handed to Notify; its answer not yet recorded
    SENT = "sent"              # accepted by Notify
    DELIVERED = "delivered"
    FAILED = "failed"          # Notify refused it or could not deliver it


class Exclusion(StrEnum):
    IN_CUSTODY = "in custody"
    OPTED_OUT = "opted out of texts"
    NO_MOBILE = "no valid UK mobile number"
    NO_HOURS_LEFT = "no hours left to work"
    HAS_OUTCOME = "the appointment already has an outcome"
    NUMBER_TEXTED_TODAY = "that number is already texted today"
    ALREADY_SENT = "already texted about this session"


# Notify's statuses (GOV.UK Notify API, "Get the status of one message"), as ours.
NOTIFY_STATUSES = {
    "created": MessageStatus.SENT, "sending": MessageStatus.SENT,
    "pending": MessageStatus.SENT, "sent": MessageStatus.SENT,
    "delivered": MessageStatus.DELIVERED, "permanent-failure": MessageStatus.FAILED,
    "temporary-failure": MessageStatus.FAILED, "technical-failure": MessageStatus.FAILED,
}

_SEPARATORS = re.compile(r"[\s\-().]")


def uk_mobile(raw: str | None) -> str | None:
    """``raw`` as a UK mobile number, 07 and nine digits, or None if it is not one.

    Accepts the forms people write (+44 7…, 0044 7…, 44 7…, 07…) with spaces, dashes, dots
    and brackets; Notify sends to UK mobiles only (Ofcom: UK mobile numbers begin 07).
    """
    if not raw:
        return None
    # "+44 (0)7700 …": the bracketed trunk zero is dropped after a country code.
    text = _SEPARATORS.sub("", raw.replace("(0)", ""))
    for prefix in ("+44", "0044", "44"):
        if text.startswith(prefix):
            text = "0" + text[len(prefix):]
            break
    return text if re.fullmatch(r"07\d{9}", text) else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person's appointment that a text could be about."""

    appointment_id: int
    person_id: int
    phone: str | None
    in_custody: bool
    opted_out: bool
    hours_left: bool
    has_outcome: bool


def choose_texts(candidates: Iterable[Candidate], *, numbers_texted: Iterable[str] = (),
                 appointments_texted: Iterable[int] = ()
                 ) -> tuple[list[tuple[Candidate, str]], list[tuple[Candidate, Exclusion]]]:
    """Who is texted, with their number, and who is not, with the reason (rule UPW-TEXTS).

    Nobody is texted who is in custody, has opted out, has no valid UK mobile, has no hours
    left or whose appointment already has an outcome; one text per number per day
    (``numbers_texted`` are those already texted that day); one text per appointment
    (``appointments_texted`` have had theirs).
    Source: HMPPS Community Payback service (reminders two days before each session); Ofcom
    numbering for UK mobiles.
    """
    numbers = set(numbers_texted)
    texted = set(appointments_texted)
    chosen: list[tuple[Candidate, str]] = []
    excluded: list[tuple[Candidate, Exclusion]] = []
    for candidate in candidates:
        number = uk_mobile(candidate.phone)
        reason = (Exclusion.ALREADY_SENT if candidate.appointment_id in texted
                  else Exclusion.HAS_OUTCOME if candidate.has_outcome
                  else Exclusion.IN_CUSTODY if candidate.in_custody
                  else Exclusion.OPTED_OUT if candidate.opted_out
                  else Exclusion.NO_HOURS_LEFT if not candidate.hours_left
                  else Exclusion.NO_MOBILE if number is None
                  else Exclusion.NUMBER_TEXTED_TODAY if number in numbers else None)
        if reason is not None:
            excluded.append((candidate, reason))
            continue
        assert number is not None
        numbers.add(number)
        texted.add(candidate.appointment_id)
        chosen.append((candidate, number))
    return chosen, excluded


def template_setting(kind: MessageKind, welsh: bool) -> str:
    """The setting naming the Notify template of ``kind`` in the person's language."""
    return f"texts.template_{kind.value}{'_cy' if welsh else ''}"


def number_problems(numbers: dict[int, str | None]) -> dict[int, str]:
    """For each person (by id) whose number cannot be texted, why: missing, not a UK
    mobile, or shared with someone else (one text per number per day would leave one of
    them without their reminder)."""
    problems: dict[int, str] = {}
    holders: dict[str, list[int]] = {}
    for person_id, raw in numbers.items():
        number = uk_mobile(raw)
        if not raw or not raw.strip():
            problems[person_id] = "No mobile number"
        elif number is None:
            problems[person_id] = "Not a UK mobile number"
        else:
            holders.setdefault(number, []).append(person_id)
    for people in holders.values():
        for person_id in people if len(people) > 1 else ():
            others = len(people) - 1
            problems[person_id] = f"Shared with {others} other{'s' if others != 1 else ''}"
    return problems
