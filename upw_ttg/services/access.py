"""Row-level access beside the permission table: supervisors' own sessions, restricted cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, overload

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

# Re-exported (``x as x`` marks a re-export): the screens show it and talk to services only.
from upw_ttg.domain.access import RESTRICTED_TEXT as RESTRICTED_TEXT
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import Listed
from upw_ttg.errors import NotFoundError, PermissionDeniedError, RestrictedCaseError
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import Person, PersonAccess, SessionSupervisor, UpwSession

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class _AboutPerson(Protocol):
    # A dataclass (what dataclasses.fields needs) about one person.
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    @property
    def person_id(self) -> int | None: ...


RowT = TypeVar("RowT", bound=_AboutPerson)
RecordT = TypeVar("RecordT", bound="DataclassInstance")
# What a masked row shows in a text field that cannot be empty.
# Fields a masked row keeps: who it is about (name and CRN), and the ids and versions the
# screens need to refuse opening it; nothing else about the person.
_KEPT_FIELDS = frozenset({"crn", "name", "person_name", "surname", "forename", "row_number",
                          "id", "version"})
_IN_BATCH = 900  # ids per IN list, within SQLite's oldest limit on bound parameters
RESTRICTED_MESSAGE = ("This is a restricted case: only the staff named on it can see more than "
                      "the name and CRN, print it or place the person. Ask a manager if you "
                      "need access.")


# Supervisors' own sessions ----------------------------------------------------------------

def own_sessions_of(ctx: ServiceContext) -> int | None:
    """The staff id whose sessions are all this member may see, or None for every session
    (a supervisor sees what a work sheet and register need, for their own sessions)."""
    actor = ctx.actor
    if actor is None or actor.may(Capability.READ_SCHEDULE):
        return None
    return actor.id


def supervised_by(staff_id: int) -> ColumnElement[bool]:
    """A WHERE clause on UpwSession: ``staff_id`` leads the session or is an extra supervisor."""
    return or_(UpwSession.supervisor_id == staff_id,
               exists().where(SessionSupervisor.session_id == UpwSession.id,
                              SessionSupervisor.staff_id == staff_id))


def check_own_session(session: Session, ctx: ServiceContext, session_id: int) -> None:
    """Refuse a session this member does not supervise, if they only see their own."""
    staff_id = own_sessions_of(ctx)
    if staff_id is None:
        return
    found = session.scalar(select(UpwSession.id).where(UpwSession.id == session_id))
    if found is None:
        raise NotFoundError("That session is no longer on record.")
    if session.scalar(select(UpwSession.id).where(UpwSession.id == session_id,
                                                  supervised_by(staff_id))) is None:
        raise PermissionDeniedError("You can open the work sheets and registers of the "
                                    "sessions you supervise only.")


# Restricted cases -------------------------------------------------------------------------

def named_on(staff_id: int | None) -> ColumnElement[bool]:
    """A WHERE clause on Person: the case is open to ``staff_id`` (not restricted, or named)."""
    if staff_id is None:
        return Person.restricted.is_(False)
    return or_(Person.restricted.is_(False),
               exists().where(PersonAccess.person_id == Person.id,
                              PersonAccess.staff_id == staff_id))


def may_open_case(session: Session, ctx: ServiceContext, person_id: int) -> bool:
    restricted = session.scalar(select(Person.restricted).where(Person.id == person_id))
    if restricted is None:
        raise NotFoundError("That person is no longer on record.")
    if not restricted:
        return True
    return ctx.actor_id is not None and session.scalar(select(PersonAccess.staff_id).where(
        PersonAccess.person_id == person_id, PersonAccess.staff_id == ctx.actor_id)) is not None


def check_case(session: Session, ctx: ServiceContext, person_id: int) -> None:
    """Refuse a restricted case to staff not named on it (like a limited-access case in the
    national case management system)."""
    if not may_open_case(session, ctx, person_id):
        raise RestrictedCaseError(RESTRICTED_MESSAGE)


def check_case_of(session: Session, ctx: ServiceContext, model: Any, row_id: int,
                  column: str = "person_id") -> None:
    """``check_case`` for the person that ``model`` row ``row_id`` belongs to (an order, a
    custody episode, an appointment, an assessment, a warrant: each has ``person_id``; a
    keep-apart pair names its two people in other columns)."""
    person_id = session.scalar(select(getattr(model, column)).where(model.id == row_id))
    if person_id is not None:
        check_case(session, ctx, person_id)


def hidden_cases(session: Session, ctx: ServiceContext, person_ids: Iterable[int]
                 ) -> frozenset[int]:
    """Of ``person_ids``, the restricted cases this member of staff is not named on."""
    wanted = sorted(set(person_ids))
    hidden: set[int] = set()
    for start in range(0, len(wanted), _IN_BATCH):
        batch = wanted[start:start + _IN_BATCH]
        hidden.update(session.scalars(select(Person.id).where(
            Person.id.in_(batch), Person.restricted.is_(True), ~named_on(ctx.actor_id))))
    return frozenset(hidden)


def _kept(name: str) -> bool:
    return name in _KEPT_FIELDS or name.endswith(("_id", "_version"))


def _blank(annotation: Any) -> Any:
    """The empty value of a field by its annotation: None where allowed, else 0, False, (),
    or ``RESTRICTED_TEXT`` for text; None for dates and codes (the screens show a blank)."""
    text = (annotation.__name__ if isinstance(annotation, type)
            else str(annotation).replace(" ", ""))
    if "None" in text.split("|") or text.startswith("Optional"):
        return None
    return {"bool": False, "int": 0, "str": RESTRICTED_TEXT}.get(
        text, () if text.startswith("tuple") else None)


@cache
def _blanks(row_type: type) -> dict[str, Any]:
    return {f.name: _blank(f.type) for f in dataclasses.fields(row_type) if not _kept(f.name)}


class Restricted:
    """Marks a row that ``mask_restricted`` left with only a name and CRN."""

    __slots__ = ()


@cache
def _masked_type(row_type: type) -> type:
    """``row_type`` marked ``Restricted``: the same fields, so every screen can show it."""
    return type(f"Restricted{row_type.__name__}", (row_type, Restricted), {"__slots__": ()})


def _masked(row: RowT) -> RowT:
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(row)
              if f.init}
    masked: RowT = _masked_type(type(row))(**{**values, **_blanks(type(row))})
    return masked


@overload
def mask_restricted(session: Session, ctx: ServiceContext, rows: Listed[RowT],
                    *, hidden: frozenset[int] | None = None) -> Listed[RowT]: ...


@overload
def mask_restricted(session: Session, ctx: ServiceContext, rows: Sequence[RowT],
                    *, hidden: frozenset[int] | None = None) -> list[RowT]: ...


def mask_restricted(session: Session, ctx: ServiceContext, rows: Sequence[RowT],
                    *, hidden: frozenset[int] | None = None) -> list[RowT]:
    """Rule ACC-2 at the edge of every list: a row about a restricted case this member is not
    named on keeps only the name and CRN (and the ids the screens use to refuse opening it);
    every other field is blank. ``rows`` are data objects with a ``person_id``; ``hidden``
    saves the look-up when the caller already has it (several lists of one screen)."""
    to_check = getattr(rows, "to_check", None)  # a list's records set aside, masked alike
    if hidden is None:
        hidden = hidden_cases(session, ctx, (row.person_id for row in (*rows, *(to_check or ()))
                                             if row.person_id is not None))
    masked = [_masked(row) if row.person_id in hidden else row for row in rows]
    if to_check is None:
        return masked
    return Listed(masked, mask_restricted(session, ctx, to_check, hidden=hidden))


def is_masked(row: object) -> bool:
    """Whether ``row`` is a list row that ``mask_restricted`` left with only a name and CRN."""
    return isinstance(row, Restricted)


def mask_lists_of(session: Session, ctx: ServiceContext, record: RecordT) -> RecordT:
    """``record`` (a screen's data object: a session's detail, a register, a dashboard) with
    ``mask_restricted`` applied to each of its tuples of rows about people."""
    lists = {f.name: rows for f in dataclasses.fields(record)
             if isinstance(rows := getattr(record, f.name), tuple) and rows
             and dataclasses.is_dataclass(rows[0]) and hasattr(rows[0], "person_id")}
    hidden = hidden_cases(session, ctx, (r.person_id for rows in lists.values() for r in rows))
    if not hidden:
        return record
    return dataclasses.replace(record, **{
        name: tuple(mask_restricted(session, ctx, rows, hidden=hidden))
        for name, rows in lists.items()})
