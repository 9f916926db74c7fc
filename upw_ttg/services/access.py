"""Row-level access beside the permission table: supervisors' own sessions, restricted cases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError, PermissionDeniedError, RestrictedCaseError
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import Person, PersonAccess, SessionSupervisor, UpwSession

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


def supervised_by(staff_id: int):
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

def named_on(staff_id: int | None):
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


def check_case_of(session: Session, ctx: ServiceContext, model: Any, row_id: int) -> None:
    """``check_case`` for the person that ``model`` row ``row_id`` belongs to (an order, a
    custody episode, an appointment, an assessment, a warrant: each has ``person_id``)."""
    person_id = session.scalar(select(model.person_id).where(model.id == row_id))
    if person_id is not None:
        check_case(session, ctx, person_id)
