"""Skills practised and shown, the completion certificate, and the people awaiting induction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import Language


@dataclass(frozen=True, slots=True)
class SkillInput:
    name: str = ""
    name_cy: str | None = None
    active: bool = True
    version: int | None = None


@dataclass(frozen=True, slots=True)
class SkillRecord:
    id: int
    name: str
    name_cy: str | None
    active: bool
    version: int
    # Projects that practise it and sessions where someone showed it.
    projects: int = 0
    shown: int = 0

    def to_input(self) -> SkillInput:
        return SkillInput(self.name, self.name_cy, self.active, self.version)


@dataclass(frozen=True, slots=True)
class RegisterSkills:
    """What a register's skill picker offers, and what each person has shown so far."""

    session_id: int
    project_name: str
    # The project's own skills first, then the rest of the active list.
    project_skill_ids: tuple[int, ...]
    choices: tuple[SkillRecord, ...]
    shown: dict[int, tuple[int, ...]]  # appointment id -> skill ids

    def names(self, appointment_id: int) -> tuple[str, ...]:
        names = {s.id: s.name for s in self.choices}
        return tuple(names[i] for i in self.shown.get(appointment_id, ()) if i in names)


@dataclass(frozen=True, slots=True)
class CompletionCertificate:
    """What the person's certificate says; no field can hold risk, health or offence
    information (rule DOC-1): the hours worked, the skills and the places, nothing else."""

    language: Language
    person_name: str
    crn: str
    first_day: dt.date | None
    completed_on: dt.date
    minutes_worked: int
    # Shown at attended sessions, as the registers record them; then the other skills the
    # placements worked at practise.
    skills_shown: tuple[str, ...]
    skills_practised: tuple[str, ...]
    projects: tuple[str, ...]
    office: str | None
    issued_on: dt.date
    signatory: str | None


@dataclass(frozen=True, slots=True)
class CertificateState:
    """Whether an order's certificate can be printed now, and if not, why in plain words."""

    order_id: int
    ready: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class AwaitingInduction:
    """A live order whose person has not yet attended a first session (rule UPW-INDUCTION)."""

    order_id: int
    person_id: int
    crn: str
    name: str
    office_name: str | None
    delivery_unit_id: int | None
    sentence_date: dt.date
    working_days_since: int
    due_by: dt.date
    # Working days left before the deadline (negative: overdue by that many).
    working_days_left: int
    induction_booked: dt.date | None

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0


@dataclass(frozen=True, slots=True)
class InductionSession:
    session_id: int
    project_id: int
    project_name: str
    office_name: str
    delivery_unit_id: int
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    female_only: bool
    booked: int
    places: int

    @property
    def free(self) -> int:
        return max(0, self.places - self.booked)
