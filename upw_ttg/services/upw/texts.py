"""Text reminders through GOV.UK Notify (rule UPW-TEXTS): choose, queue, send, follow up."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from typing import Any, Protocol, cast

from sqlalchemy import Row, Select, exists, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, CustodyStatus, Language, OrderStatus, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.texts import (
    NOTIFY_STATUSES,
    Candidate,
    MessageKind,
    MessageStatus,
    choose_texts,
    number_problems,
    template_setting,
)
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.printing.glossary import long_date
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.records.texts import (
    AutoRunResult,
    KeyState,
    MessageRow,
    NotTexted,
    NumberToFix,
    QueueResult,
    SendResult,
)
from upw_ttg.services import audit
from upw_ttg.services.access import mask_restricted
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.paging import check_page, paged
from upw_ttg.services.settings import read_setting
from upw_ttg.storage.models import (
    Appointment,
    CustodyEpisode,
    DeliveryUnit,
    Office,
    Person,
    TextMessage,
    UpwOrder,
    UpwSession,
)
from upw_ttg.storage.models.base import utc_now

# The operating system's credential store keeps the keys: never the database or the logs.
KEYRING_SERVICE = "upw-ttg GOV.UK Notify"
LIVE_KEY, TEST_KEY = "live key", "test key"
NOTIFY_URL = "https://api.notifications.service.gov.uk"
# A Notify API key ends with the service id and the secret, two UUIDs joined by a hyphen.
_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_\-]*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                          r"[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                          r"[0-9a-f]{12}$")
_HOURS_LEFT = (OrderStatus.AWAITING_FIRST_SESSION, OrderStatus.ACTIVE,
               OrderStatus.DEADLINE_PASSED, OrderStatus.IN_BREACH)
NO_TEMPLATE = "none"
# A text claimed for sending by a run that is still waiting for Notify's answer is left alone
# by any other run for this long (Notify's client gives up after 20 seconds).
CLAIM_HOLD = dt.timedelta(minutes=2)
_TIMER_SETTINGS = ("texts.auto_send", "texts.auto_queue_hour", "texts.auto_send_minutes")


def read_settings(session: Session, *keys: str) -> dict[str, int | bool | str]:
    """Several settings, typed (the attendance services' reader would load their package)."""
    return {key: read_setting(session, key) for key in keys}


def notify_url() -> str:
    """Where Notify is: its public address unless ``UPW_TTG_NOTIFY_URL`` says otherwise."""
    return os.environ.get("UPW_TTG_NOTIFY_URL", NOTIFY_URL)


NO_STORE = ("This computer has no credential store for the GOV.UK Notify key: ask IT to "
            "enable the Windows Credential Manager, macOS Keychain or Secret Service.")


def _read_key(name: str) -> str | None:
    """A key from the credential store; None when unset or when there is no store."""
    import keyring  # imported only when texts are used
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, name)
    except KeyringError:
        return None


def _write_key(name: str, key: str | None) -> None:
    """Keep (or with None remove) a key, in plain words if the store cannot."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if key is None:
            with contextlib.suppress(PasswordDeleteError):  # nothing was kept
                keyring.delete_password(KEYRING_SERVICE, name)
        else:
            keyring.set_password(KEYRING_SERVICE, name, key)
    except KeyringError:
        raise UpwError(NO_STORE) from None


class NotifyClient(Protocol):
    """What is asked of GOV.UK Notify's client, whose own methods declare no types; its
    answers are Notify's JSON."""

    def send_sms_notification(self, phone_number: str, template_id: str,
                              personalisation: dict[str, str] | None = None,
                              reference: str | None = None) -> dict[str, Any]: ...

    def get_all_notifications(self, status: str | None = None,
                              template_type: str | None = None,
                              reference: str | None = None) -> dict[str, Any]: ...

    def get_notification_by_id(self, notification_id: str) -> dict[str, Any]: ...


def _client(key: str) -> NotifyClient:
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(key, base_url=notify_url(), timeout=20)


def queue_event_text(session: Session, ctx: ServiceContext, appointment_id: int,
                     kind: MessageKind) -> TextMessage | None:
    """A text that a place was booked, moved or stood down (rule UPW-TEXTS), queued in the
    caller's unit of work when that text's template is named, the session is still to come
    and the person may be texted; None otherwise. A stand-down's own outcome does not stop
    its text."""
    english, welsh = template_setting(kind, False), template_setting(kind, True)
    templates = read_settings(session, english, welsh)
    if templates[english] == NO_TEMPLATE:
        return None
    today = ctx.today()
    in_custody = exists().where(CustodyEpisode.person_id == Person.id,
                                CustodyEpisode.status == CustodyStatus.IN_CUSTODY)
    found = session.execute(
        select(Appointment.person_id, Person.phone, in_custody, Person.texts_opted_out,
               UpwOrder.status, Appointment.outcome_code, UpwSession.session_date,
               Person.preferred_language)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(Person, Person.id == Appointment.person_id)
        .join(UpwOrder, UpwOrder.id == Appointment.order_id)
        .where(Appointment.id == appointment_id)).first()
    if found is None or found.session_date < today:
        return None
    candidate = Candidate(appointment_id, found.person_id, found.phone, bool(found[2]),
                          bool(found.texts_opted_out), found.status in _HOURS_LEFT,
                          found.outcome_code is not None and kind != MessageKind.STOOD_DOWN)
    chosen_list, _excluded = choose_texts(
        [candidate], numbers_texted=session.scalars(select(TextMessage.phone).where(
            TextMessage.send_on == today)))
    if not chosen_list:
        return None
    _candidate, number = chosen_list[0]
    in_welsh = found.preferred_language == Language.WELSH and templates[welsh] != NO_TEMPLATE
    row = TextMessage(person_id=found.person_id, appointment_id=appointment_id, kind=kind,
                      phone=number, welsh=in_welsh,
                      template_id=str(templates[welsh if in_welsh else english]),
                      send_on=today, session_date=found.session_date,
                      reference=(f"upw-{kind.value}-{appointment_id}-"
                                 f"{found.session_date:%Y%m%d}-{today:%Y%m%d}"),
                      queued_by_id=ctx.actor_id)
    session.add(row)
    session.flush()
    return row


class TextMessageService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        # The day the timer last queued reminders from this application.
        self._timer_queued_on: dt.date | None = None

    # -- the key -------------------------------------------------------------------------

    def key_state(self) -> KeyState:
        """Whether keys are set (never the keys) and whether test mode is on."""
        self._ctx.require(Capability.SEND_TEXTS)
        return self._key_state()

    def _key_state(self) -> KeyState:
        with self._ctx.db.read() as session:
            settings = read_settings(session, "texts.test_mode", *_TIMER_SETTINGS)
        return KeyState(_read_key(LIVE_KEY) is not None, _read_key(TEST_KEY) is not None,
                        bool(settings["texts.test_mode"]), bool(settings["texts.auto_send"]),
                        int(settings["texts.auto_send_minutes"]),
                        int(settings["texts.auto_queue_hour"]))

    def set_key(self, key: str, *, test: bool = False) -> KeyState:
        """Keep a Notify API key in the credential store; an empty key removes it."""
        self._ctx.require(Capability.CHANGE_SETTINGS)
        text = (key or "").strip()
        name = TEST_KEY if test else LIVE_KEY
        if text and not _KEY_PATTERN.fullmatch(text):
            raise ValidationError({"key": "That is not a GOV.UK Notify API key: copy the whole "
                                          "key from Notify's API integration page."})
        with self._ctx.db.write() as session:
            # Which key changed, never the key; undone if the store refuses it.
            audit.record(session, self._ctx, AuditAction.UPDATE, "notify_key", name,
                         after={"set": bool(text)})
            _write_key(name, text or None)
        return self._key_state()

    # -- choosing and queueing -----------------------------------------------------------

    def queue_reminders(self, session_date: dt.date | None = None) -> QueueResult:
        """Queue a reminder for everyone on the sessions of ``session_date`` (the set days
        from today unless given) who may be texted; say who is not, and why."""
        self._ctx.require(Capability.SEND_TEXTS)
        today = self._ctx.today()
        with self._ctx.db.write() as session:
            english, welsh = (template_setting(MessageKind.REMINDER, False),
                              template_setting(MessageKind.REMINDER, True))
            settings = read_settings(session, "texts.reminder_days_before", english, welsh)
            day = session_date or today + dt.timedelta(
                days=int(settings["texts.reminder_days_before"]))
            if day < today:
                raise ValidationError({"session_date": "Reminders are for sessions still "
                                                       "to come."})
            templates = {False: str(settings[english]), True: str(settings[welsh])}
            if templates[False] == NO_TEMPLATE:
                raise ValidationError({"template": "Set the Notify template for reminders in "
                                                   "Settings, Texts, first."})
            rows = self._candidates(session, day)
            chosen, excluded = choose_texts(
                (c for c, *_ in rows),
                numbers_texted=session.scalars(select(TextMessage.phone).where(
                    TextMessage.send_on == today)),
                appointments_texted=session.scalars(select(TextMessage.appointment_id).where(
                    TextMessage.kind == MessageKind.REMINDER,
                    TextMessage.session_date == day)))
            people = {c.appointment_id: rest for c, *rest in rows}
            for candidate, number in chosen:
                _crn, _name, language = people[candidate.appointment_id]
                in_welsh = language == Language.WELSH and templates[True] != NO_TEMPLATE
                session.add(TextMessage(
                    person_id=candidate.person_id, appointment_id=candidate.appointment_id,
                    kind=MessageKind.REMINDER, phone=number, welsh=in_welsh,
                    template_id=templates[in_welsh], send_on=today, session_date=day,
                    reference=f"upw-reminder-{candidate.appointment_id}-{day:%Y%m%d}",
                    queued_by_id=self._ctx.actor_id))
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "text_message",
                         f"reminders {day.isoformat()}",
                         after={"queued": len(chosen), "not texted": len(excluded)})
            not_texted = mask_restricted(session, self._ctx, [
                NotTexted(c.person_id, people[c.appointment_id][0],
                          people[c.appointment_id][1], reason) for c, reason in excluded])
            return QueueResult(day, len(chosen), tuple(not_texted))

    @staticmethod
    def _candidates(session: Session, day: dt.date) -> list[tuple[Candidate, str, str, str]]:
        in_custody = exists().where(CustodyEpisode.person_id == Person.id,
                                    CustodyEpisode.status == CustodyStatus.IN_CUSTODY)
        return [(Candidate(aid, pid, phone, bool(custody), bool(opted), status in _HOURS_LEFT,
                           outcome is not None), crn, f"{forename} {surname}", language)
                for aid, pid, phone, custody, opted, status, outcome, crn, forename, surname,
                language in session.execute(
                    select(Appointment.id, Person.id, Person.phone, in_custody,
                           Person.texts_opted_out, UpwOrder.status, Appointment.outcome_code,
                           Person.crn, Person.forename, Person.surname,
                           Person.preferred_language)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .join(Person, Person.id == Appointment.person_id)
                    .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                    .where(UpwSession.session_date == day,
                           UpwSession.status != SessionStatus.STOOD_DOWN)
                    .order_by(UpwSession.start_time, Appointment.id))]

    # -- sending -------------------------------------------------------------------------

    def send_queued(self, *, progress: ProgressFn | None = None,
                    is_cancelled: CancelledFn | None = None) -> SendResult:
        """Send every queued text due today or earlier, one unit of work each, so a text is
        never sent twice: it is marked as sending before Notify is asked, and a text tried
        before is first looked for at Notify by its reference. With no network, a rate
        limit or Notify unavailable, the rest wait in the queue for the next run."""
        self._ctx.require(Capability.SEND_TEXTS)
        state = self.key_state()
        if not state.sending_on:
            raise ValidationError({"key": "Sending texts is off until the GOV.UK Notify key "
                                          + ("for test mode " if state.test_mode else "")
                                          + "is set (Settings, Texts)."})
        key = _read_key(TEST_KEY if state.test_mode else LIVE_KEY)
        if key is None:
            raise UpwError(NO_STORE)
        client = _client(key)
        today = self._ctx.today()
        with self._ctx.db.read() as session:
            due = list(session.scalars(select(TextMessage.id).where(
                TextMessage.status.in_((MessageStatus.QUEUED, MessageStatus.SENDING)),
                TextMessage.send_on <= today).order_by(TextMessage.id)))
        sent = failed = 0
        stopped: str | None = None
        for done, message_id in enumerate(due):
            if is_cancelled is not None and is_cancelled():
                stopped = "Cancelled; the rest stay in the queue."
                break
            if progress is not None:
                progress(done, len(due), f"Sending text {done + 1} of {len(due)}")
            outcome, stopped = self._send_one(client, message_id)
            sent += outcome == MessageStatus.SENT
            failed += outcome == MessageStatus.FAILED
            if stopped:
                break
        if progress is not None:
            progress(len(due), len(due), "Done")
        return SendResult(sent, failed, len(due) - sent - failed, stopped)

    def run_automatically(self) -> AutoRunResult:
        """One run of the timer: when sending automatically is on and the Notify key is set,
        queue the day's reminders once, from the set hour, then send every queued text. However
        often it runs, and from however many computers, nothing is queued or sent twice."""
        self._ctx.require(Capability.SEND_TEXTS)
        with self._ctx.db.read() as session:
            settings = read_settings(session, *_TIMER_SETTINGS)
        minutes = int(settings["texts.auto_send_minutes"])
        if not settings["texts.auto_send"]:
            return AutoRunResult(False, minutes, "Sending texts automatically is off.")
        if not self._key_state().sending_on:
            return AutoRunResult(False, minutes, "Sending texts is off until the GOV.UK "
                                                 "Notify key is set.")
        now = self._ctx.now()
        queued, problem = None, None
        if now.hour >= int(settings["texts.auto_queue_hour"]) \
                and self._timer_queued_on != now.date():
            try:
                queued = self.queue_reminders()
            except ValidationError as exc:  # no reminder template named
                problem = str(exc)
            except IntegrityError:
                problem = "Another computer was queueing the same reminders; they are queued once."
            self._timer_queued_on = now.date()
        return AutoRunResult(True, minutes, None, queued, problem, self.send_queued())

    def _send_one(self, client: NotifyClient, message_id: int
                  ) -> tuple[MessageStatus | None, str | None]:
        from notifications_python_client.errors import HTTPError

        with self._ctx.db.write() as session:
            row = session.get_one(TextMessage, message_id)
            if row is None or row.status not in (MessageStatus.QUEUED, MessageStatus.SENDING):
                return None, None
            now = utc_now()
            if row.status == MessageStatus.SENDING and row.claimed_at is not None \
                    and now - row.claimed_at < CLAIM_HOLD:
                return None, None  # another run is sending it now
            tried_before = row.attempts > 0 or row.status == MessageStatus.SENDING
            phone, template, reference = row.phone, row.template_id, row.reference
            personalisation = self._personalisation(session, row)
            # Claimed only if no other run claimed it since it was read: one sender per try.
            claimed = cast(CursorResult[Any], session.execute(
                update(TextMessage)
                .where(TextMessage.id == message_id, TextMessage.attempts == row.attempts)
                .values(status=MessageStatus.SENDING, attempts=row.attempts + 1,
                        claimed_at=now)
                .execution_options(synchronize_session=False))).rowcount
            if not claimed:
                return None, None
        try:
            found = None
            if tried_before:
                # Notify may have taken it before the answer was lost: never send it twice.
                found = next(iter(client.get_all_notifications(
                    template_type="sms", reference=reference).get("notifications", [])), None)
            answer = found or client.send_sms_notification(
                phone, template, personalisation=personalisation, reference=reference)
        except HTTPError as exc:
            code = exc.status_code
            permanent = code == 400
            reason = (_error_text(exc) if permanent else
                      "Notify's rate limit was reached" if code == 429 else
                      "GOV.UK Notify refused the key" if code == 403 else
                      "No network, or GOV.UK Notify is unavailable")
            with self._ctx.db.write() as session:
                row = session.get_one(TextMessage, message_id)
                row.status = MessageStatus.FAILED if permanent else MessageStatus.QUEUED
                row.last_error = reason[:200]
            return (MessageStatus.FAILED, None) if permanent else (None, reason + ".")
        with self._ctx.db.write() as session:
            row = session.get_one(TextMessage, message_id)
            row.status = NOTIFY_STATUSES.get(answer.get("status", "created"),
                                             MessageStatus.SENT)
            row.notify_id = str(answer["id"])
            row.sent_at = utc_now()
            row.last_error = None
        return MessageStatus.SENT, None

    @staticmethod
    def _personalisation(session: Session, row: TextMessage) -> dict[str, str]:
        """What the template fills in: the first name, the day and the time; nothing about
        the order, risk or health (rule DOC-1)."""
        forename, language = session.execute(
            select(Person.forename, Person.preferred_language)
            .where(Person.id == row.person_id)).one()
        start = session.scalar(select(UpwSession.start_time).join(
            Appointment, Appointment.session_id == UpwSession.id)
            .where(Appointment.id == row.appointment_id))
        day = row.session_date
        return {"name": forename,
                "date": long_date(day, Language.WELSH if row.welsh else Language.ENGLISH)
                if day else "",
                "time": f"{start:%H:%M}" if start else ""}

    def refresh_statuses(self) -> int:
        """Ask Notify how each text sent but not yet delivered or failed is doing; how many
        changed. With no network the statuses stay as they were."""
        self._ctx.require(Capability.SEND_TEXTS)
        from notifications_python_client.errors import HTTPError

        state = self.key_state()
        if not state.sending_on:
            return 0
        key = _read_key(TEST_KEY if state.test_mode else LIVE_KEY)
        if key is None:
            return 0
        client = _client(key)
        with self._ctx.db.read() as session:
            pending = list(session.execute(select(TextMessage.id, TextMessage.notify_id).where(
                TextMessage.status == MessageStatus.SENT, TextMessage.notify_id.is_not(None))))
        changed = 0
        for message_id, notify_id in pending:
            assert notify_id is not None  # the query keeps only texts Notify has numbered
            try:
                answer = client.get_notification_by_id(notify_id)
            except HTTPError:
                break
            status = NOTIFY_STATUSES.get(answer.get("status", ""), MessageStatus.SENT)
            with self._ctx.db.write() as session:
                row = session.get_one(TextMessage, message_id)
                row.status_checked_at = utc_now()
                if row.status != status:
                    row.status = status
                    changed += 1
        return changed

    # -- reading -------------------------------------------------------------------------

    def messages(self, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 status: MessageStatus | None = None, kind: MessageKind | None = None,
                 template_id: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[MessageRow]:
        """The Messages list, newest first: by the day sent, status and template."""
        self._ctx.require(Capability.SEND_TEXTS)
        check_page(limit, offset)
        query = self._query()
        if date_from is not None:
            query = query.where(TextMessage.send_on >= date_from)
        if date_to is not None:
            query = query.where(TextMessage.send_on <= date_to)
        if status is not None:
            query = query.where(TextMessage.status == status)
        if kind is not None:
            query = query.where(TextMessage.kind == kind)
        if template_id:
            query = query.where(TextMessage.template_id == template_id)
        with self._ctx.db.read() as session:
            rows = [self._row(r) for r in session.execute(paged(
                query.order_by(TextMessage.send_on.desc(), TextMessage.id.desc()),
                limit, offset))]
            return mask_restricted(session, self._ctx, rows)

    def for_person(self, person_id: int) -> list[MessageRow]:
        """The texts to one person, newest first, for their record."""
        self._ctx.require(Capability.SEND_TEXTS)
        with self._ctx.db.read() as session:
            return mask_restricted(session, self._ctx, [self._row(r) for r in session.execute(
                self._query().where(TextMessage.person_id == person_id)
                .order_by(TextMessage.send_on.desc(), TextMessage.id.desc()))])

    def numbers_to_fix(self, *, delivery_unit_id: int | None = None) -> list[NumberToFix]:
        """People with hours to work whose mobile is missing, not a UK mobile or shared, by
        delivery unit and name."""
        self._ctx.require(Capability.SEND_TEXTS)
        with self._ctx.db.read() as session:
            query = (select(Person.id, Person.crn, Person.forename, Person.surname,
                            Person.phone, DeliveryUnit.code)
                     .outerjoin(Office, Office.id == Person.office_id)
                     .outerjoin(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                     .where(Person.texts_opted_out.is_(False),
                            exists().where(UpwOrder.person_id == Person.id,
                                           UpwOrder.status.in_(_HOURS_LEFT))))
            people = list(session.execute(query))
            # Shared numbers count across units: the other holder may be anywhere.
            problems = number_problems({p.id: p.phone for p in people})
            rows = [NumberToFix(p.id, p.crn, f"{p.forename} {p.surname}", p.phone,
                                problems[p.id], p.code)
                    for p in sorted(people, key=lambda p: (p.code or "", p.surname, p.forename))
                    if p.id in problems]
            if delivery_unit_id is not None:
                codes = set(session.scalars(select(DeliveryUnit.code).where(
                    DeliveryUnit.id == delivery_unit_id)))
                rows = [r for r in rows if r.delivery_unit_code in codes]
            return mask_restricted(session, self._ctx, rows)

    def count_queued(self) -> int:
        self._ctx.require(Capability.SEND_TEXTS)
        with self._ctx.db.read() as session:
            return session.scalar(select(func.count()).select_from(TextMessage).where(
                TextMessage.status == MessageStatus.QUEUED)) or 0

    @staticmethod
    def _query() -> Select[TextMessage, str, str, str]:
        return (select(TextMessage, Person.crn, Person.forename, Person.surname)
                .join(Person, Person.id == TextMessage.person_id))

    @staticmethod
    def _row(found: Row[TextMessage, str, str, str]) -> MessageRow:
        m, crn, forename, surname = found
        return MessageRow(m.id, m.person_id, crn, f"{forename} {surname}", m.kind, m.status,
                          m.phone, m.welsh, m.template_id, m.send_on, m.session_date,
                          m.sent_at, m.attempts, m.last_error)


def _error_text(exc: UpwError | Exception) -> str:
    """Notify's reason for refusing a text, in its own words (never the number)."""
    message = getattr(exc, "message", None)
    if isinstance(message, list) and message:
        return "; ".join(str(m.get("message", m)) for m in message if isinstance(m, dict)) \
            or "GOV.UK Notify refused the text"
    return str(message or "GOV.UK Notify refused the text")
