"""Importing custody episodes and release dates from a CSV extract or Prisoner Search JSON.

Each record is matched to a person already on record: by its prison number when an episode has
it, else by CRN, else by name and date of birth when exactly one person has them. A new prison
number opens an episode; a known one has its dates brought up to date, each changed date kept in
the episode's date history with the import as its source, so the deadlines that follow from the
dates move as after any other change (rules TTG-1 and TTG-7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.custody_extract import (
    CUSTODY_FIELDS,
    CUSTODY_FIELDS_BY_NAME,
    DATE_NAMES,
    prisoner_search_extract,
)
from upw_ttg.domain.extract import Extract, cell_date, read_extract
from upw_ttg.domain.ndelius import describe_value
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.text import fold
from upw_ttg.errors import Cancelled, ValidationError
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.exchange import FieldChange, ImportRow, RowOutcome, Written
from upw_ttg.services import audit
from upw_ttg.services.access import may_open_case
from upw_ttg.services.custody import add_episode, change_episode, custody_values
from upw_ttg.services.exchange.base import ExtractImport, report_progress
from upw_ttg.services.upw.common import chunks
from upw_ttg.services.versioning import flush_versioned
from upw_ttg.storage.models import CustodyEpisode, Person, Prison
from upw_ttg.storage.models.base import ColumnValues

KIND = "custody"
_COMPARED = ("prison_id", "reception_date", *DATE_NAMES)


@dataclass(slots=True)
class _Plan:
    row: ImportRow
    person_id: int | None = None
    episode: CustodyEpisode | None = None
    values: ColumnValues | None = None


class CustodyImportService(ExtractImport):
    """Custody episodes and release dates from the prison systems (rule DATA-1)."""

    kind = KIND
    fields = CUSTODY_FIELDS
    capability = Capability.IMPORT_CUSTODY

    def _read(self, data: bytes, file_name: str) -> Extract:
        if Path(file_name).suffix.lower() == ".json":
            return prisoner_search_extract(data, file_name)
        return read_extract(data, file_name)

    def _plan(self, session: Session, extract: Extract, mapping: Mapping[str, str],
              confirmed: frozenset[int], progress: ProgressFn | None,
              cancelled: CancelledFn | None) -> list[_Plan]:
        columns = {name: extract.headers.index(header) for name, header in mapping.items()}
        records = [{name: cells[column].strip() for name, column in columns.items()}
                   for cells in extract.rows]
        known = _Known.read(session, records)
        today = self._ctx.today()
        seen: dict[str, _Plan] = {}
        plans = []
        for done, record in enumerate(records, 1):
            if cancelled is not None and cancelled():
                raise Cancelled
            plans.append(self._plan_row(session, done + 1, record, known, today, seen))
            report_progress(progress, done, len(records), "Checking")
        return plans

    def _plan_row(self, session: Session, line: int, record: dict[str, str], known: _Known,
                  today: dt.date, seen: dict[str, _Plan]) -> _Plan:
        number = record.get("prison_number", "").upper().replace(" ", "")
        name = " ".join(filter(None, (record.get("forename"), record.get("surname"))))
        base = ImportRow(line=line, crn=record.get("crn", "").upper() or number, name=name,
                         outcome=RowOutcome.REJECTED)
        problems: dict[str, str] = {}
        dates: dict[str, dt.date | None] = {}
        for field in ("date_of_birth", "reception_date", *DATE_NAMES):
            try:
                dates[field] = cell_date(record.get(field, ""))
            except ValueError as exc:
                problems[field] = f"{CUSTODY_FIELDS_BY_NAME[field].label}: {exc}."
        prison_text = record.get("prison", "")
        prison_id = known.prisons.get(prison_text.lower())
        if prison_id is None:
            problems["prison"] = (f"Prison: “{prison_text}” is not a prison here; add it under "
                                  "Administration or correct the file." if prison_text
                                  else "Prison: the record names no prison.")
        if problems:
            return _Plan(replace(base, reason=" ".join(problems.values())))
        episode = known.episodes.get(number)
        person_id, why_not = self._person(known, record, dates, episode)
        if person_id is None:
            return _Plan(replace(base, reason=why_not))
        if not may_open_case(session, self._ctx, person_id):
            return _Plan(replace(base, reason="This is a restricted case; only staff named on "
                                              "it can change it."))
        base = replace(base, crn=known.crn_of.get(person_id, base.crn))
        earlier = seen.get(number)
        data = self._input(person_id, number, prison_id, dates, episode)
        try:
            values = custody_values(session, data, today)
        except ValidationError as exc:
            return _Plan(replace(base, reason=" ".join(dict.fromkeys(exc.fields.values()))))
        if earlier is not None:
            if earlier.values is not None and earlier.values != values:
                return _Plan(replace(base, reason=f"Prison number {number} is also on line "
                                                  f"{earlier.row.line} with different dates; "
                                                  "correct the file."))
            return _Plan(replace(base, outcome=RowOutcome.UNCHANGED,
                                 reason=f"Repeats line {earlier.row.line}."))
        plan = _Plan(base, person_id=person_id, episode=episode, values=values)
        seen[number] = plan
        if episode is None:
            plan.row = replace(base, outcome=RowOutcome.NEW)
            return plan
        changes = tuple(
            FieldChange(self._label(field), self._shown(field, getattr(episode, field), known),
                        self._shown(field, values[field], known))
            for field in _COMPARED if getattr(episode, field) != values[field])
        plan.row = replace(base, outcome=RowOutcome.UPDATED if changes else RowOutcome.UNCHANGED,
                           changes=changes)
        if not changes:
            plan.values = None
        return plan

    @staticmethod
    def _person(known: _Known, record: dict[str, str], dates: dict[str, dt.date | None],
                episode: CustodyEpisode | None) -> tuple[int | None, str]:
        crn = record.get("crn", "").upper()
        by_crn = known.by_crn.get(crn) if crn else None
        if episode is not None:
            if crn and by_crn != episode.person_id:
                return None, (f"Prison number {episode.prison_number} belongs to another "
                              f"person on record, not CRN {crn}; check the file.")
            return episode.person_id, ""
        if crn:
            if by_crn is None:
                return None, f"No person on record has CRN {crn}; import or add them first."
            return by_crn, ""
        birth = dates.get("date_of_birth")
        surname, forename = fold(record.get("surname", "")), fold(record.get("forename", ""))
        if birth is None or not surname:
            return None, ("The record gives neither a known prison number nor a CRN, nor a "
                          "name with a date of birth to match.")
        matches = known.by_identity.get((surname, forename, birth), [])
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, ("No person on record has this name and date of birth; add them or "
                          "give their CRN.")
        return None, (f"{len(matches)} people on record have this name and date of birth; give "
                      "the CRN.")

    @staticmethod
    def _input(person_id: int, number: str, prison_id: int | None, dates: dict[str, dt.date | None],
               episode: CustodyEpisode | None) -> CustodyInput:
        """The form input: dates on record kept where the file leaves a cell blank."""
        kept = {}
        if episode is not None:
            kept = {name: getattr(episode, name)
                    for name in ("reception_date", "sentence_length_days", "screening_date",
                                 *DATE_NAMES)}
        values = dict(kept)
        values.update({k: v for k, v in dates.items() if v is not None and k != "date_of_birth"})
        return CustodyInput(person_id=person_id, prison_id=prison_id, prison_number=number,
                            **{k: v for k, v in values.items()
                               if k in CustodyInput.__dataclass_fields__})

    @staticmethod
    def _label(field: str) -> str:
        return "Prison" if field == "prison_id" else CUSTODY_FIELDS_BY_NAME[field].label

    @staticmethod
    def _shown(field: str, value: object, known: _Known) -> str:
        if field == "prison_id":
            return (known.prison_names.get(value, "(none)") if isinstance(value, int)
                    else "(none)")
        return describe_value(value)

    def _write(self, session: Session, extract: Extract, plans: list[_Plan],
               progress: ProgressFn | None, cancelled: CancelledFn | None) -> Written:
        reason = f"Imported from {extract.file_name} ({extract.sha256[:12]})"[:200]
        created = changed = 0
        for done, plan in enumerate(plans, 1):
            if cancelled is not None and cancelled():
                raise Cancelled
            if plan.values is not None and plan.person_id is not None:
                if plan.episode is None:
                    add_episode(session, self._ctx, plan.person_id, plan.values, None)
                    created += 1
                else:
                    row = plan.episode
                    before = audit.snapshot(row)
                    change_episode(session, self._ctx, row, plan.values, reason)
                    row.updated_by_id = self._ctx.actor_id
                    flush_versioned(session, row, "custody episode", self._ctx.db)
                    audit.record(session, self._ctx, AuditAction.UPDATE, "custody_episode",
                                 row.id, before=before, after=audit.snapshot(row))
                    changed += 1
            report_progress(progress, done, len(plans), "Writing")
        return Written([p.row for p in plans],
                       {"episodes_created": created, "episodes_updated": changed})


@dataclass(slots=True)
class _Known:
    """What is on record for the records in the file, read once per plan."""

    prisons: dict[str, int]
    prison_names: dict[int, str]
    episodes: dict[str, CustodyEpisode]
    by_crn: dict[str, int]
    crn_of: dict[int, str]
    by_identity: dict[tuple[str, str, dt.date], list[int]]

    @classmethod
    def read(cls, session: Session, records: list[dict[str, str]]) -> _Known:
        prisons: dict[str, int] = {}
        names: dict[int, str] = {}
        for prison_id, code, name in session.execute(select(Prison.id, Prison.code,
                                                            Prison.name)):
            prisons[code.lower()] = prisons[name.lower()] = prison_id
            names[prison_id] = name
        numbers = sorted({r.get("prison_number", "").upper().replace(" ", "")
                          for r in records} - {""})
        episodes: dict[str, CustodyEpisode] = {}
        for batch in chunks(numbers):
            for episode in session.scalars(select(CustodyEpisode)
                                           .where(CustodyEpisode.prison_number.in_(batch))):
                episodes[episode.prison_number] = episode
        crns = sorted({r.get("crn", "").upper() for r in records} - {""})
        by_crn: dict[str, int] = {}
        for batch in chunks(crns):
            by_crn.update((crn, person_id) for crn, person_id in session.execute(
                select(Person.crn, Person.id).where(Person.crn.in_(batch))))
        births = set()
        for record in records:
            try:
                birth = cell_date(record.get("date_of_birth", ""))
            except ValueError:
                continue
            if birth is not None:
                births.add(birth)
        by_identity: dict[tuple[str, str, dt.date], list[int]] = {}
        person_ids = set(by_crn.values()) | {e.person_id for e in episodes.values()}
        for batch in chunks(sorted(births)):
            for person_id, surname, forename, birth in session.execute(
                    select(Person.id, Person.search_surname, Person.search_forename,
                           Person.date_of_birth).where(Person.date_of_birth.in_(batch))):
                by_identity.setdefault((surname, forename, birth), []).append(person_id)
                person_ids.add(person_id)
        crn_of: dict[int, str] = {}
        for batch in chunks(sorted(person_ids)):
            crn_of.update((person_id, crn) for person_id, crn in session.execute(
                select(Person.id, Person.crn).where(Person.id.in_(batch))))
        return cls(prisons, names, episodes, by_crn, crn_of, by_identity)
