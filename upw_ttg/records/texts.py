"""Plain data objects of text messages (rule UPW-TEXTS)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.texts import Exclusion, MessageKind, MessageStatus


@dataclass(frozen=True, slots=True)
class MessageRow:
    id: int
    person_id: int
    crn: str
    name: str
    kind: MessageKind
    status: MessageStatus
    phone: str
    welsh: bool
    template_id: str
    send_on: dt.date
    session_date: dt.date | None
    sent_at: dt.datetime | None
    attempts: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class NotTexted:
    """Someone a text was not queued for, and why."""

    person_id: int
    crn: str
    name: str
    reason: Exclusion


@dataclass(frozen=True, slots=True)
class QueueResult:
    session_date: dt.date
    queued: int
    not_texted: tuple[NotTexted, ...]


@dataclass(frozen=True, slots=True)
class SendResult:
    sent: int
    failed: int
    waiting: int           # still queued: no network, rate limited or Notify unavailable
    stopped_because: str | None = None


@dataclass(frozen=True, slots=True)
class AutoRunResult:
    """One run of the texts' timer: whether it ran (or why not), the reminders it queued
    (or why it could not), what it sent, and the minutes until the next run."""

    ran: bool
    next_in_minutes: int
    skipped_because: str | None = None
    queued: QueueResult | None = None
    queue_problem: str | None = None
    sent: SendResult | None = None


@dataclass(frozen=True, slots=True)
class KeyState:
    """Whether texts can be sent (which keys are set, never the keys) and whether the timer
    sends them: every ``auto_send_minutes``, queueing the day's reminders from
    ``auto_queue_hour`` o'clock."""

    live_key_set: bool
    test_key_set: bool
    test_mode: bool
    auto_send: bool = False
    auto_send_minutes: int = 0
    auto_queue_hour: int = 0

    @property
    def sending_on(self) -> bool:
        return self.test_key_set if self.test_mode else self.live_key_set


@dataclass(frozen=True, slots=True)
class NumberToFix:
    """Someone with hours to work whose mobile number cannot be texted as it stands."""

    person_id: int
    crn: str
    name: str
    phone: str | None
    problem: str
    delivery_unit_code: str | None
