"""Figures for managers: the inspection's questions counted per month, unit and worker, over
the last 12 months, with the cases behind every number (rules FIG-1 to FIG-15)."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from upw_ttg.collector import collector_paused
from upw_ttg.domain.codes import Language
from upw_ttg.domain.figures import (
    DEFINITIONS_BY_KEY,
    LOWER_IS_BETTER,
    FigureGroup,
    month_end,
    month_of,
    months_window,
)
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import require_calendar_dates
from upw_ttg.errors import ValidationError
from upw_ttg.records.figures import UNKNOWN, WHOLE_SERVICE, FigureCase, Figures
from upw_ttg.services.access import mask_restricted
from upw_ttg.services.attendance.common import read_settings
from upw_ttg.services.calendar import CalendarService
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.figures.common import Fact, Scope, Tallies
from upw_ttg.services.figures.ttg import ttg_facts
from upw_ttg.services.figures.upw import upw_facts
from upw_ttg.services.figures.upw_common import UPW_SETTINGS
from upw_ttg.storage.models import AuditEvent, DeliveryUnit, Person, Prison, Staff

UNIT_LABELS = {FigureGroup.UPW: "Delivery unit", FigureGroup.TTG: "Prison"}
# Figures read lately, by what was asked and the newest change in the audit trail: every change
# is audited in its own transaction (rule ACC-3), so a figure is read again only when something
# changed, and switching between groups, units and the printed summary costs nothing. They name
# nobody, so one member's reading may serve another's.
CACHED_READINGS = 16
_NEWEST_CHANGE = select(func.max(AuditEvent.id))


class FiguresService:
    def __init__(self, ctx: ServiceContext, calendar: CalendarService):
        self._ctx = ctx
        self._calendar = calendar
        # By what was asked: group, unit, worker, day and the newest audit event.
        self._readings: OrderedDict[tuple[FigureGroup, int | None, int | None, dt.date,
                                          int | None], Figures] = OrderedDict()
        # The screen reads on worker threads: a print and a reload may overlap.
        self._readings_lock = threading.Lock()

    def figures(self, group: FigureGroup | str, *, unit_id: int | None = None,
                worker_id: int | None = None) -> Figures:
        """Every figure of ``group`` for the last 12 months, this month last, split by month,
        by unit (delivery unit or prison) and by worker; kept to a unit or worker if asked."""
        today = self._ctx.today()
        # The member's roles and the newest change, each read alone, before any unit of
        # work: a reading taken after it is at least as new, and one kept from before serves
        # again at the cost of these two statements (on PostgreSQL without a transaction's
        # round trips).
        with self._ctx.db.lone_read() as connection:
            self._ctx.require(Capability.READ_FIGURES, connection)
            latest = connection.execute(_NEWEST_CHANGE).scalar()
        group = _group(group)
        asked = (group, unit_id, worker_id, today, latest)
        with self._readings_lock:
            if asked in self._readings:
                self._readings.move_to_end(asked)
                return self._readings[asked]
        months = months_window(today)
        tallies = Tallies(months)
        with self._ctx.db.read() as session:
            scope = self._scope(session, today, months[0], today, unit_id, worker_id)
            # A year's reading makes tens of thousands of short-lived rows: a full pass of the
            # collector over the application in the middle of it cost a sixth of the time.
            with collector_paused():
                for fact in self._facts(group, scope):
                    tallies.add(fact)
            units, workers = self._names(session, group)
            where = [units.get(unit_id, UNKNOWN)] if unit_id is not None else []
            if worker_id is not None:
                where.append(workers.get(worker_id, UNKNOWN))
        figures = tallies.figures(group, today, UNIT_LABELS[group],
                                  ", ".join(where) or WHOLE_SERVICE, units, workers)
        with self._readings_lock:
            self._readings[asked] = figures
            while len(self._readings) > CACHED_READINGS:
                self._readings.popitem(last=False)
        return figures

    def cases(self, key: str, *, month: dt.date | None = None, unit_id: int | None = None,
              worker_id: int | None = None) -> tuple[FigureCase, ...]:
        """The cases behind one figure: in ``month`` (else the last 12 months), kept to a unit
        or worker if asked; those that missed the standard first."""
        self._ctx.require(Capability.READ_FIGURES)
        definition = DEFINITIONS_BY_KEY.get(key) if isinstance(key, str) else None
        if definition is None:
            raise ValidationError({"key": "Choose one of the figures shown."})
        require_calendar_dates(month=month)
        today = self._ctx.today()
        start, end = months_window(today)[0], today
        if month is not None:
            start, end = month_of(month), min(month_end(month_of(month)), today)
        with self._ctx.db.read() as session:
            scope = self._scope(session, today, start, end, unit_id, worker_id)
            scope.detail, scope.only = True, key
            with collector_paused():
                facts = [f for f in self._facts(definition.group, scope) if f.key == key
                         and start <= f.day <= end]
            units, workers = self._names(session, definition.group)
            people: dict[int | None, tuple[str, str]] = {}
            ids = sorted({f.person_id for f in facts if f.person_id is not None})
            for batch in range(0, len(ids), 900):
                people.update({pid: (f"{forename} {surname}", crn) for pid, forename, surname, crn
                               in session.execute(select(Person.id, Person.forename,
                                                         Person.surname, Person.crn)
                                                  .where(Person.id.in_(ids[batch:batch + 900])))})
            rows = [FigureCase(
                person_id=f.person_id, person_name=people.get(f.person_id, ("", ""))[0],
                crn=people.get(f.person_id, ("", ""))[1],
                unit_name=_named(units, f.unit_id), worker_name=_named(workers, f.worker_id),
                month=month_of(f.day),
                date=f.day, met=f.met, note=str(f.note or ""), minutes=f.minutes,
                missed=not f.minutes and f.met == (key in LOWER_IS_BETTER)) for f in facts]
            rows.sort(key=lambda c: (not c.missed, c.date or dt.date.min, c.person_name))
            return tuple(mask_restricted(session, self._ctx, rows))

    def summary_pdf(self, group: FigureGroup | str, *, unit_id: int | None = None,
                    worker_id: int | None = None,
                    language: Language = Language.ENGLISH) -> bytes:
        """The figures of ``group`` on one printable landscape page (no person is named), its
        fixed words in ``language`` (its reader's)."""
        self._ctx.require(Capability.READ_FIGURES)
        from upw_ttg.printing.documents.figures_summary import render_figures_summary

        figures = self.figures(group, unit_id=unit_id, worker_id=worker_id)
        actor = self._ctx.actor
        return render_figures_summary(figures, printed_at=self._ctx.now(),
                                      printed_by=actor.full_name if actor else None,
                                      language=language)

    def _scope(self, session: Session, today: dt.date, start: dt.date, end: dt.date,
               unit_id: int | None, worker_id: int | None) -> Scope:
        return Scope(session, today, start, end, self._calendar.calendar(),
                     read_settings(session, *UPW_SETTINGS), unit_id, worker_id)

    @staticmethod
    def _facts(group: FigureGroup, scope: Scope) -> Iterator[Fact]:
        return upw_facts(scope) if group == FigureGroup.UPW else ttg_facts(scope)

    @staticmethod
    def _names(session: Session, group: FigureGroup) -> tuple[dict[int, str], dict[int, str]]:
        unit = DeliveryUnit if group == FigureGroup.UPW else Prison
        units = dict(session.execute(select(unit.id, unit.name)).all())
        workers = dict(session.execute(select(Staff.id, Staff.full_name)).all())
        return units, workers


def _group(group: FigureGroup | str) -> FigureGroup:
    try:
        return FigureGroup(group)
    except ValueError:
        raise ValidationError({"group": "Choose Unpaid Work or Through the Gate."}) from None


def _named(names: dict[int, str], key: int | None) -> str:
    return names.get(key, "Not recorded") if key is not None else "Not recorded"
