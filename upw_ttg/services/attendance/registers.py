"""Keying in a session's register: rows in sheet order, MoJ validation, one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import cast

from sqlalchemy import ColumnElement, Row, Table, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from upw_ttg.domain.access import AccessedRecord
from upw_ttg.domain.codes import (
    OUTCOME_CODES,
    OUTCOMES_BY_CODE,
    AdjustmentKind,
    AuditAction,
    Rating,
    SessionStatus,
)
from upw_ttg.domain.crediting import (
    credit_minutes,
    credit_problem,
    is_attended,
    is_enforceable,
    minutes_between,
)
from upw_ttg.domain.enforcement import (
    DECISION_CODES,
    EVIDENCE_CODES,
    FUTURE_ALLOWED_CODES,
    enforcement_due,
    evidence_due,
)
from upw_ttg.domain.names import display_name
from upw_ttg.domain.oversight import ReviewKind
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import Listed, Subject, listed, set_aside
from upw_ttg.domain.text import fold
from upw_ttg.domain.validation import MAX_LONG_TEXT, FieldErrors, clean, text_problem
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import NotFoundError, StaleRecordError, ValidationError
from upw_ttg.records.attendance import (
    MissingOutcomeRow,
    ProjectBacklog,
    Register,
    RegisterEntry,
    RegisterRow,
    RegisterSaveResult,
)
from upw_ttg.services import audit
from upw_ttg.services.access import (
    RESTRICTED_MESSAGE,
    check_own_session,
    hidden_cases,
    mask_lists_of,
    mask_restricted,
)
from upw_ttg.services.access_log import log_views
from upw_ttg.services.attendance.common import (
    assign_sheet_rows,
    full_name,
    load_calendar,
    read_settings,
    session_start,
    sheet_id,
)
from upw_ttg.services.attendance.ledger import (
    CREDIT_SETTINGS,
    OrderSums,
    lock_orders,
    order_sums,
    refresh_orders,
    sync_travel_task,
)
from upw_ttg.services.attendance.oversight import queue_for_review
from upw_ttg.services.case_reviews import review_if_second_failure
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.paging import paged
from upw_ttg.services.versioning import check_version
from upw_ttg.storage.models import (
    Adjustment,
    Appointment,
    DeliveryUnit,
    EnforcementAction,
    Office,
    Person,
    PickupPoint,
    Project,
    SessionPickup,
    Staff,
    UpwOrder,
    UpwSession,
)
from upw_ttg.storage.models.base import ColumnValues, utc_now
from upw_ttg.storage.order_months import mark_appointments
from upw_ttg.time_text import format_minutes

CLOCK_SETTINGS = ("upw.evidence_working_days", "upw.enforcement_decision_working_days")
# What the person keyed in; a change to any of these needs the version the screen loaded.
USER_FIELDS = ("outcome_code", "start_time", "end_time", "penalty_minutes", "work_quality",
               "behaviour", "hi_vis_worn", "notes", "notes_sensitive")
DERIVED_FIELDS = ("minutes_credited", "evidence_due", "evidence_received_on", "enforcement_due")
_FUTURE_CHOICES = tuple(o for o in OUTCOME_CODES if o.code in FUTURE_ALLOWED_CODES)


def apply_bulk_outcome(register: Register, appointment_ids: Iterable[int],
                       outcome_code: str) -> list[RegisterEntry]:
    """Entries for the selected rows with one outcome; attended rows get the session times."""
    wanted = set(appointment_ids)
    entries = []
    for row in register.rows:
        if row.appointment_id not in wanted:
            continue
        entry = row.to_entry()
        entry.outcome_code = outcome_code
        if is_attended(outcome_code):
            entry.start_time = entry.start_time or register.start_time
            entry.end_time = entry.end_time or register.end_time
        else:
            entry.penalty_minutes = 0
        entries.append(entry)
    return entries


class RegisterService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def load_register(self, session_id: int) -> Register:
        actor = self._ctx.require(Capability.READ_REGISTERS)
        with self._ctx.db.read() as session:
            check_own_session(session, self._ctx, session_id)
            register = mask_lists_of(session, self._ctx, self._build(session, session_id))
        if actor.may(Capability.READ_SENSITIVE_NOTES):
            # Notes marked sensitive are shown with the register: each opening is logged.
            log_views(self._ctx, AccessedRecord.SENSITIVE_NOTES,
                      [(row.appointment_id, row.person_id) for row in register.rows
                       if row.notes_sensitive and row.notes])
            return register
        # The row still says a sensitive note exists, so nobody keys over it unknowingly.
        return dataclasses.replace(register, rows=tuple(
            dataclasses.replace(r, notes=None) if r.notes_sensitive else r
            for r in register.rows))

    def save_register(self, session_id: int, entries: Sequence[RegisterEntry]
                      ) -> RegisterSaveResult:
        """Save every row in one transaction; rows the same as stored are left alone, so
        saving the same register twice has no further effect."""
        self._ctx.require(Capability.KEY_REGISTERS)
        with self._ctx.db.write() as session:
            sess = session.get(UpwSession, session_id)
            if sess is None:
                raise NotFoundError("That session is no longer on record.")
            project = session.get(Project, sess.project_id)
            assert project is not None
            appointments = {a.id: a for a in session.scalars(
                select(Appointment).where(Appointment.session_id == session_id))}
            labels = self._labels(session, appointments)
            errors = FieldErrors()
            seen: set[int] = set()
            for entry in entries:
                if entry.appointment_id not in appointments:
                    errors.check(f"{entry.appointment_id}:appointment_id",
                                 "That person is no longer on this session; reload the register.")
                elif entry.appointment_id in seen:
                    errors.check(f"{entry.appointment_id}:appointment_id",
                                 f"{labels[entry.appointment_id]} is entered twice.")
                seen.add(entry.appointment_id)
            if errors:
                raise ValidationError(errors)
            entries, notices = self._open_rows(session, entries, appointments, labels)
            chosen = [appointments[e.appointment_id] for e in entries]
            orders = lock_orders(session, [a.order_id for a in chosen])
            settings = read_settings(session, *CREDIT_SETTINGS, *CLOCK_SETTINGS)
            sums = order_sums(session, orders, int(settings["upw.ete_cap_percent"]))
            decided = self._decided(session, [a.id for a in chosen])
            targets: dict[int, ColumnValues] = {}
            for entry in entries:
                row = appointments[entry.appointment_id]
                values = self._validated(entry, row, sess, errors, labels[row.id],
                                         row.id in decided)
                if values is not None:
                    targets[row.id] = values
            if errors:
                raise ValidationError(errors)
            calendar = load_calendar(session)
            travel = {t.appointment_id: t for t in session.scalars(select(Adjustment).where(
                Adjustment.appointment_id.in_(list(targets)),
                Adjustment.kind == AdjustmentKind.TRAVEL_TIME))}
            writes: list[tuple[Appointment, ColumnValues]] = []
            for entry in entries:
                row = appointments[entry.appointment_id]
                values = targets[row.id]
                total = sums[row.order_id]
                ete = project.project_type == "ete"
                notice = self._credit(values, row, total, ete, project.break_minutes)
                if notice:
                    notices.append(f"{labels[row.id]}: {notice}")
                self._clock(values, row, sess.session_date, calendar, settings)
                user_changed = any(getattr(row, f) != values[f] for f in USER_FIELDS)
                if not user_changed and all(getattr(row, f) == values[f]
                                            for f in DERIVED_FIELDS):
                    continue
                if user_changed:
                    check_version(session, row, entry.version, "register row")
                total.credited += values["minutes_credited"] - row.minutes_credited
                if ete:
                    total.ete_used += values["minutes_credited"] - row.minutes_credited
                writes.append((row, values))
            if writes:
                was = {row.id: row.outcome_code for row, _ in writes}
                self._write(session, writes)
                for row, values in writes:
                    # Rule UPW-OVERSIGHT: an absence newly accepted goes to a manager's check.
                    if values["outcome_code"] in EVIDENCE_CODES \
                            and values["outcome_code"] != was[row.id]:
                        queue_for_review(session, self._ctx, ReviewKind.ABSENCE,
                                         appointment_id=row.id, order_id=row.order_id,
                                         code=values["outcome_code"],
                                         decided_on=self._ctx.today())
                # Rule TTG-REVIEWDUE: a second failure to comply makes a review due.
                review_if_second_failure(session, self._ctx, [
                    (row.order_id, row.person_id, was[row.id], values["outcome_code"],
                     sess.session_date) for row, values in writes])
                for row, _values in writes:
                    sync_travel_task(session, self._ctx, row, orders[row.order_id],
                                     project.project_type, settings, travel.get(row.id))
                touched = {row.order_id for row, _ in writes}
                sums.update(refresh_orders(session, self._ctx,
                                           {oid: orders[oid] for oid in sorted(touched)},
                                           settings))
            known = (sums, decided) if len(chosen) == len(appointments) else None
            return RegisterSaveResult(
                mask_lists_of(session, self._ctx, self._build(session, session_id, known)),
                tuple(row.id for row, _ in writes), tuple(notices))

    def _open_rows(self, session: Session, entries: Sequence[RegisterEntry],
                   appointments: dict[int, Appointment], labels: dict[int, str]
                   ) -> tuple[list[RegisterEntry], list[str]]:
        """The entries this member may key, and a notice for each row of a restricted case
        they are not named on that was keyed all the same (it is not saved; the rest are)."""
        hidden = hidden_cases(session, self._ctx,
                              {appointments[e.appointment_id].person_id for e in entries})
        kept, notices = [], []
        for entry in entries:
            if appointments[entry.appointment_id].person_id not in hidden:
                kept.append(entry)
            elif entry != RegisterEntry(entry.appointment_id, version=entry.version):
                # The screen shows such a row blank; anything typed into it is refused.
                notices.append(f"{labels[entry.appointment_id]}: not saved. {RESTRICTED_MESSAGE}")
        return kept, notices

    def _credit(self, values: ColumnValues, row: Appointment, total: OrderSums, ete: bool,
                break_minutes: int) -> str | None:
        """Rule UPW-12 (and rule UPW-14 on ETE projects) into ``values``; a notice if capped."""
        owed = total.base + row.minutes_credited
        if ete:
            owed = min(owed, total.ete_cap - total.ete_used + row.minutes_credited)
        worked = {"outcome_code": values["outcome_code"], "start": values["start_time"],
                  "end": values["end_time"], "penalty_minutes": values["penalty_minutes"],
                  "break_minutes": break_minutes}
        values["minutes_credited"] = credit_minutes(**worked, owed_minutes=max(0, owed))
        uncapped = credit_minutes(**worked, owed_minutes=10**9)
        if uncapped <= values["minutes_credited"]:
            return None
        return (f"{format_minutes(values['minutes_credited'])} credited, not "
                f"{format_minutes(uncapped)}: " + ("that is all the ETE allowance left."
                                                   if ete else "that is all that was still owed."))

    def _write(self, session: Session, writes: list[tuple[Appointment, ColumnValues]]) -> None:
        """All changed rows in one UPDATE, each guarded by its version, then audited.

        The ORM sends versioned rows one statement at a time, which on PostgreSQL is most of
        a register's save; one executemany with ``WHERE version = :loaded`` keeps the same
        protection against a racing save.
        """
        table = cast(Table, Appointment.__table__)
        names = [*USER_FIELDS, *DERIVED_FIELDS]
        now = utc_now()
        statement = (table.update()
                     .where(table.c.id == bindparam("b_id"),
                            table.c.version == bindparam("b_version"))
                     .values({**{table.c[n]: bindparam(f"v_{n}") for n in names},
                              table.c.version: bindparam("v_version"),
                              table.c.updated_at: bindparam("v_updated_at"),
                              table.c.updated_by_id: bindparam("v_updated_by_id")}))
        params = [{"b_id": row.id, "b_version": row.version,
                   **{f"v_{n}": values[n] for n in names}, "v_version": row.version + 1,
                   "v_updated_at": now, "v_updated_by_id": self._ctx.actor_id}
                  for row, values in writes]
        befores = [audit.snapshot(row) for row, _ in writes]
        done = session.connection().execute(statement, params).rowcount
        if done != len(params):
            raise self._stale(session, writes)
        mark_appointments(session, ((row.order_id, row.session_id) for row, _ in writes))
        for (row, values), before in zip(writes, befores, strict=True):
            for name, value in {**values, "version": row.version + 1, "updated_at": now,
                                "updated_by_id": self._ctx.actor_id}.items():
                set_committed_value(row, name, value)
            audit.record(session, self._ctx, AuditAction.UPDATE, "appointment", row.id,
                         before=before, after=audit.snapshot(row))

    def _stale(self, session: Session, writes: list[tuple[Appointment, ColumnValues]]
               ) -> StaleRecordError:
        """Who changed a row under this save (asked in a fresh transaction)."""
        loaded = {row.id: row.version for row, _ in writes}
        with self._ctx.db.read() as fresh:
            for aid, version, when, who in fresh.execute(
                    select(Appointment.id, Appointment.version, Appointment.updated_at,
                           Staff.full_name)
                    .outerjoin(Staff, Staff.id == Appointment.updated_by_id)
                    .where(Appointment.id.in_(list(loaded)))):
                if version != loaded[aid]:
                    return StaleRecordError("register row", who, when)
        return StaleRecordError("register row", None, None)

    def save_bulk_outcome(self, session_id: int, appointment_ids: Iterable[int],
                          outcome_code: str) -> RegisterSaveResult:
        """One outcome for the selected rows (MoJ "bulk update"), saved like any register."""
        self._ctx.require(Capability.KEY_REGISTERS)
        register = self.load_register(session_id)
        return self.save_register(session_id,
                                  apply_bulk_outcome(register, appointment_ids, outcome_code))

    def outstanding_outcomes(self, *, delivery_unit_id: int | None = None,
                             project_id: int | None = None, limit: int | None = None,
                             offset: int = 0) -> Listed[MissingOutcomeRow]:
        """Rule UPW-17: appointments whose session has ended without an outcome, oldest first;
        one that cannot be worked out is in ``to_check``.

        ``limit`` and ``offset`` give one page of the list (the screen asks for what it shows
        and fetches more as the user scrolls); the order is total, so pages never overlap.
        """
        self._ctx.require(Capability.KEY_REGISTERS)
        now = self._ctx.now()
        today = now.date()
        # The appointments awaiting an outcome first, from their index: asked for a page in
        # date order, PostgreSQL otherwise walked every past session in date order instead.
        awaiting = (select(Appointment.id, Appointment.session_id, Appointment.person_id,
                           Appointment.sheet_row)
                    .where(Appointment.outcome_code.is_(None)).cte("awaiting")
                    .prefix_with("MATERIALIZED", dialect="postgresql"))
        query = (select(awaiting.c.id, UpwSession.id, UpwSession.session_date,
                        UpwSession.start_time, UpwSession.end_time, Project.id, Project.code,
                        Project.name, DeliveryUnit.code, Person.id, Person.crn,
                        Person.forename, Person.surname)
                 .select_from(awaiting)
                 .join(UpwSession, UpwSession.id == awaiting.c.session_id)
                 .join(Project, Project.id == UpwSession.project_id)
                 .join(Office, Office.id == Project.office_id)
                 .join(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                 .join(Person, Person.id == awaiting.c.person_id)
                 .where(self._ended(today, now.time()))
                 .order_by(UpwSession.session_date, UpwSession.start_time, Project.code,
                           awaiting.c.sheet_row, awaiting.c.id))
        if delivery_unit_id is not None:
            query = query.where(Office.delivery_unit_id == delivery_unit_id)
        if project_id is not None:
            query = query.where(Project.id == project_id)
        query = paged(query, limit, offset)
        with self._ctx.db.read() as session:
            found = session.execute(query).all()
            return mask_restricted(session, self._ctx, listed(
                # The row's first eleven columns are the record's first eleven fields (the
                # type checker cannot count a slice's items, hence the ignore).
                found, lambda r: MissingOutcomeRow(  # type: ignore[call-arg]
                    *r[:11], full_name(r[11], r[12]), (today - r[2]).days),
                lambda r: Subject(r[10], full_name(r[11], r[12]), f"appointment at {r[7]}",
                                  {"session date": r[2]}, r[9])))

    def outstanding_by_project(self, *, delivery_unit_id: int | None = None
                               ) -> list[ProjectBacklog]:
        """Missing outcomes counted per project, the oldest backlog first (NDelius stats)."""
        self._ctx.require(Capability.KEY_REGISTERS)
        now = self._ctx.now()
        # Counted per session from the index of appointments awaiting an outcome first: joined
        # the other way round, every past session's appointments were read (1.3 s national).
        waiting = (select(Appointment.session_id, func.count().label("missing"))
                   .where(Appointment.outcome_code.is_(None))
                   .group_by(Appointment.session_id).subquery())
        query = (select(Project.id, Project.code, Project.name, DeliveryUnit.code,
                        func.sum(waiting.c.missing), func.min(UpwSession.session_date))
                 .select_from(waiting)
                 .join(UpwSession, UpwSession.id == waiting.c.session_id)
                 .join(Project, Project.id == UpwSession.project_id)
                 .join(Office, Office.id == Project.office_id)
                 .join(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                 .where(self._ended(now.date(), now.time()))
                 .group_by(Project.id, Project.code, Project.name, DeliveryUnit.code)
                 .order_by(func.min(UpwSession.session_date), Project.code))
        if delivery_unit_id is not None:
            query = query.where(Office.delivery_unit_id == delivery_unit_id)
        with self._ctx.db.read() as session:
            return [ProjectBacklog(pid, code, name, unit, int(count), oldest)
                    for pid, code, name, unit, count, oldest in session.execute(query)]

    @staticmethod
    def _ended(today: dt.date, time_now: dt.time) -> ColumnElement[bool]:
        return or_(UpwSession.session_date < today,
                   and_(UpwSession.session_date == today, UpwSession.end_time <= time_now))

    def _validated(self, entry: RegisterEntry, row: Appointment, sess: UpwSession,
                   errors: FieldErrors, label: str, decided: bool) -> ColumnValues | None:
        """The row's new stored values, or None with the problems added to ``errors``."""
        now = self._ctx.now()
        started = now >= session_start(sess.session_date, sess.start_time)
        ended = now >= session_start(sess.session_date, sess.end_time)
        key = f"{row.id}:"
        problems = FieldErrors()
        code = entry.outcome_code or None
        if code is not None and code not in OUTCOMES_BY_CODE:
            problems.check("outcome_code", f"{label}: {code} is not an outcome code.")
        elif decided and code != row.outcome_code:
            problems.check("outcome_code", f"{label}: a warning or breach referral is recorded "
                                           "for this failure, so its outcome cannot change.")
        elif code is None and ended:
            problems.check("outcome_code", f"{label}: enter an outcome; the session has taken "
                                           "place.")
        elif code is not None and not started and code not in FUTURE_ALLOWED_CODES:
            problems.check("outcome_code", f"{label}: before the session only an acceptable "
                                           "absence or a reschedule can be recorded.")
        attended = is_attended(code)
        length = minutes_between(sess.start_time, sess.end_time)
        penalty = entry.penalty_minutes
        if not isinstance(penalty, int) or isinstance(penalty, bool) or penalty < 0:
            problems.check("penalty_minutes", f"{label}: penalty minutes must be a whole "
                                              "number, 0 or more.")
        elif penalty > length:
            problems.check("penalty_minutes", f"{label}: the penalty cannot be longer than the "
                                              f"session ({length} minutes).")
        elif penalty and not attended:
            problems.check("penalty_minutes", f"{label}: penalty minutes apply only to someone "
                                              "who attended.")
        start, end = (entry.start_time, entry.end_time) if attended else (None, None)
        if attended:
            if start is None or end is None:
                problems.check("start_time", f"{label}: enter the start and end times.")
            elif end <= start:
                problems.check("end_time", f"{label}: the end time must be after the start.")
            elif start < sess.start_time or end > sess.end_time:
                problems.check("start_time", f"{label}: the times must be within the session, "
                               f"{sess.start_time:%H:%M} to {sess.end_time:%H:%M}.")
        ratings = {}
        for name in ("work_quality", "behaviour"):
            value = getattr(entry, name) if attended else None
            try:
                ratings[name] = None if value is None else Rating(value)
            except ValueError:
                problems.check(name, f"{label}: {value} is not a rating.")
        notes = clean(entry.notes)
        problems.check("notes", text_problem("notes", notes, max_length=MAX_LONG_TEXT))
        if row.notes_sensitive and not entry.notes_sensitive:
            problems.check("notes_sensitive", f"{label}: a note marked sensitive cannot be "
                                              "unmarked.")
        if entry.hi_vis_worn not in (None, True, False):
            problems.check("hi_vis_worn", f"{label}: hi-vis worn is yes, no or blank.")
        for name, message in problems.items():
            errors.check(key + name, message)
        if problems:
            return None
        return {"outcome_code": code, "start_time": start, "end_time": end,
                "penalty_minutes": penalty if attended else 0, **ratings,
                "hi_vis_worn": entry.hi_vis_worn if attended else None, "notes": notes,
                "notes_sensitive": bool(entry.notes_sensitive)}

    @staticmethod
    def _clock(values: ColumnValues, row: Appointment, day: dt.date, calendar: WorkingCalendar,
               settings: Mapping[str, int | bool | str]) -> None:
        """Rules UPW-18 and UPW-19: evidence and decision due dates, kept while the outcome's kind
        stays."""
        code = values["outcome_code"]
        if is_enforceable(code):
            keep = is_enforceable(row.outcome_code) and row.enforcement_due is not None
            values["enforcement_due"] = row.enforcement_due if keep else enforcement_due(
                calendar, day, int(settings["upw.enforcement_decision_working_days"]))
        else:
            values["enforcement_due"] = None
        if code in EVIDENCE_CODES:
            keep = row.outcome_code in EVIDENCE_CODES and row.evidence_due is not None
            values["evidence_due"] = row.evidence_due if keep else evidence_due(
                calendar, day, int(settings["upw.evidence_working_days"]))
            values["evidence_received_on"] = row.evidence_received_on if keep else None
        else:
            values["evidence_due"] = values["evidence_received_on"] = None

    @staticmethod
    def _decided(session: Session, appointment_ids: list[int]) -> set[int]:
        if not appointment_ids:
            return set()
        return set(session.scalars(select(EnforcementAction.appointment_id).where(
            EnforcementAction.appointment_id.in_(appointment_ids),
            EnforcementAction.action_code.in_(DECISION_CODES),
            EnforcementAction.overturned_at.is_(None))))

    @staticmethod
    def _labels(session: Session, appointments: dict[int, Appointment]) -> dict[int, str]:
        people = {pid: (forename, surname, preferred)
                  for pid, forename, surname, preferred in session.execute(
                      select(Person.id, Person.forename, Person.surname, Person.preferred_name)
                      .where(Person.id.in_({a.person_id for a in appointments.values()})))}
        numbers = assign_sheet_rows([
            (a.id, a.sheet_row, (fold(people[a.person_id][1]), fold(people[a.person_id][0])))
            for a in appointments.values()])
        return {aid: f"Row {numbers[aid]}, {display_name(*people[a.person_id])}"
                for aid, a in appointments.items()}

    def _build(self, session: Session, session_id: int,
               known: tuple[dict[int, OrderSums], set[int]] | None = None) -> Register:
        """The register; ``known`` is the orders' totals and decided appointments when the
        caller already has them for every row (a save of the whole register)."""
        found = session.execute(
            select(UpwSession, Project, Staff.full_name)
            .join(Project, Project.id == UpwSession.project_id)
            .outerjoin(Staff, Staff.id == UpwSession.supervisor_id)
            .where(UpwSession.id == session_id)).first()
        if found is None:
            raise NotFoundError("That session is no longer on record.")
        sess, project, supervisor = found
        rows = session.execute(
            select(Appointment, Person.forename, Person.surname, Person.crn, PickupPoint.name,
                   SessionPickup.pickup_time, UpwOrder.sentence_date, UpwOrder.deadline,
                   Person.preferred_name)
            .join(Person, Person.id == Appointment.person_id)
            .join(UpwOrder, UpwOrder.id == Appointment.order_id)
            .outerjoin(SessionPickup, SessionPickup.id == Appointment.session_pickup_id)
            .outerjoin(PickupPoint, PickupPoint.id == SessionPickup.pickup_point_id)
            .where(Appointment.session_id == session_id)).all()
        numbers = assign_sheet_rows([(a.id, a.sheet_row, (fold(surname), fold(forename)))
                                     for a, forename, surname, *_ in rows])
        if known is not None:
            sums, decided = known
        else:
            settings = read_settings(session, "upw.ete_cap_percent")
            order_rows = {o.id: o for o in session.scalars(
                select(UpwOrder).where(UpwOrder.id.in_({a.order_id for a, *_ in rows})))}
            sums = order_sums(session, order_rows, int(settings["upw.ete_cap_percent"]))
            decided = self._decided(session, [a.id for a, *_ in rows])
        now = self._ctx.now()
        started = now >= session_start(sess.session_date, sess.start_time)

        # The pick-up point and time are None where the person makes their own way.
        def register_row(row: Row[Appointment, str, str, str, str | None, dt.time | None,
                                  dt.date, dt.date | None, str | None]) -> RegisterRow:
            a, forename, surname, crn, point, pickup_time, _sentenced, _deadline, preferred = row
            pickup = f"{point} {pickup_time:%H:%M}" if point else None
            filled = a.outcome_code is None
            return RegisterRow(
                appointment_id=a.id, row_number=numbers[a.id], person_id=a.person_id,
                order_id=a.order_id, crn=crn, name=display_name(forename, surname, preferred),
                pickup=pickup,
                outcome_code=a.outcome_code,
                start_time=a.start_time or (sess.start_time if filled else None),
                end_time=a.end_time or (sess.end_time if filled else None),
                penalty_minutes=a.penalty_minutes, minutes_credited=a.minutes_credited,
                work_quality=a.work_quality, behaviour=a.behaviour, hi_vis_worn=a.hi_vis_worn,
                notes=a.notes, notes_sensitive=a.notes_sensitive,
                minutes_owed=max(0, sums[a.order_id].base + a.minutes_credited),
                decided=a.id in decided, version=a.version)

        longest = minutes_between(sess.start_time, sess.end_time)
        register_rows, to_check = set_aside(rows, register_row, lambda r: Subject(
            r[3], display_name(r[1], r[2], r[8]), "Unpaid Work order",
            {"sentence date": r[6], "deadline": r[7]}, r[0].person_id,
            credit_problem(r[0].minutes_credited, longest)))
        register_rows.sort(key=lambda r: r.row_number)
        return Register(
            session_id=sess.id, sheet_id=sheet_id(sess.id, sess.session_date),
            project_id=project.id, project_code=project.code, project_name=project.name,
            project_type=project.project_type, session_date=sess.session_date,
            start_time=sess.start_time, end_time=sess.end_time,
            break_minutes=project.break_minutes, hi_vis_required=project.hi_vis_required,
            supervisor=supervisor, stood_down=sess.status == SessionStatus.STOOD_DOWN,
            has_started=started,
            has_ended=now >= session_start(sess.session_date, sess.end_time),
            sheet_printed=bool(rows) and all(a.sheet_row is not None for a, *_ in rows),
            rows=tuple(register_rows),
            outcome_choices=OUTCOME_CODES if started else _FUTURE_CHOICES,
            to_check=tuple(to_check))

