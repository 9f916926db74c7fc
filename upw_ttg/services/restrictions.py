"""Restricted cases: marking a person's case restricted and naming the staff who may see it."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.restrictions import CaseAccess, StaffName
from upw_ttg.services import audit
from upw_ttg.services.access import may_open_case
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import Person, PersonAccess, Staff
from upw_ttg.storage.models.base import utc_now


class RestrictionService:
    """Like the national case system's limited-access cases: staff not named on a restricted
    case see only its name and CRN, and cannot open, print or place it."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def case_access(self, person_id: int) -> CaseAccess:
        """Name, CRN and whether the signed-in member may open the case."""
        actor = self._ctx.require(Capability.FIND_PERSON)
        with self._ctx.db.read() as session:
            row = session.get(Person, person_id)
            if row is None:
                raise NotFoundError("That person is no longer on record.")
            allowed = self._allowed(session, person_id) \
                if actor.may(Capability.RESTRICT_CASES) else ()
            return CaseAccess(row.id, row.crn, f"{row.surname.upper()}, {row.forename}",
                              row.restricted, may_open_case(session, self._ctx, person_id)
                              and actor.may(Capability.READ_PERSON), allowed, row.version)

    def set_restriction(self, person_id: int, restricted: bool, staff_ids: Iterable[int],
                        version: int) -> CaseAccess:
        """Restrict the case to ``staff_ids`` (at least one), or lift the restriction."""
        self._ctx.require(Capability.RESTRICT_CASES)
        wanted = set(staff_ids) if restricted else set()
        if restricted and not wanted:
            raise ValidationError({"allowed": "Name at least one member of staff who may see "
                                              "a restricted case."})
        with self._ctx.db.write() as session:
            row = session.get(Person, person_id)
            if row is None:
                raise NotFoundError("That person is no longer on record.")
            check_version(session, row, version, "person")
            found = set(session.scalars(select(Staff.id).where(Staff.id.in_(wanted),
                                                               Staff.active.is_(True))))
            if found != wanted:
                raise ValidationError({"allowed": "A member of staff named is no longer "
                                                  "active; choose again."})
            before = {"restricted": row.restricted,
                      "allowed_staff_ids": sorted(s.id for s in self._allowed(session, row.id))}
            current = set(session.scalars(select(PersonAccess.staff_id)
                                          .where(PersonAccess.person_id == row.id)))
            for staff_id in current - wanted:
                session.delete(session.get(PersonAccess, (row.id, staff_id)))
            for staff_id in sorted(wanted - current):
                session.add(PersonAccess(person_id=row.id, staff_id=staff_id))
            row.restricted = restricted
            row.updated_by_id = self._ctx.actor_id
            row.updated_at = utc_now()  # naming staff alone must still move the version
            flush_versioned(session, row, "person", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "person", row.id,
                         before=before, after={"restricted": restricted,
                                               "allowed_staff_ids": sorted(wanted)})
            return CaseAccess(row.id, row.crn, f"{row.surname.upper()}, {row.forename}",
                              row.restricted, may_open_case(session, self._ctx, row.id),
                              self._allowed(session, row.id), row.version)

    @staticmethod
    def _allowed(session: Session, person_id: int) -> tuple[StaffName, ...]:
        rows = session.execute(select(Staff.id, Staff.full_name)
                               .join(PersonAccess, PersonAccess.staff_id == Staff.id)
                               .where(PersonAccess.person_id == person_id)
                               .order_by(Staff.full_name))
        return tuple(StaffName(*r) for r in rows)
