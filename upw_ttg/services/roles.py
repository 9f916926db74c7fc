"""Roles of staff: an administrator changes a member's job and the roles they hold."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, Role
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.staff import StaffMember
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import Staff, StaffRole
from upw_ttg.storage.models.base import utc_now


def _roles_snapshot(row: Staff) -> dict[str, str | list[str]]:
    return {"role": row.role.value, "roles": sorted(r.value for r in row.roles)}


class RoleService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def set_roles(self, staff_id: int, role: Role, roles: Iterable[Role],
                  version: int) -> StaffMember:
        """Give a member of staff their job (``role``) and every role they hold; the change
        takes effect at their next action, also if they are signed in now."""
        actor = self._ctx.require(Capability.MANAGE_ACCOUNTS)
        granted = frozenset(Role(r) for r in roles) | {Role(role)}
        with self._ctx.db.write() as session:
            row = session.get(Staff, staff_id)
            if row is None:
                raise NotFoundError("That member of staff no longer exists.")
            check_version(session, row, version, "member of staff")
            if row.id == actor.id and Role.ADMINISTRATOR in row.roles \
                    and Role.ADMINISTRATOR not in granted and _last_administrator(session):
                raise ValidationError({"roles": "You are the only administrator: give another "
                                                "member of staff the administrator role first."})
            before = _roles_snapshot(row)
            row.role = Role(role)
            kept = [g for g in row.grants if Role(g.role) in granted]
            row.grants = kept + [StaffRole(role=r) for r in sorted(granted - row.roles)]
            row.updated_by_id = self._ctx.actor_id
            row.updated_at = utc_now()  # a change of roles alone must still move the version
            flush_versioned(session, row, "member of staff", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "staff", row.id, before=before,
                         after=_roles_snapshot(row))
            return StaffMember(row.id, row.username, row.full_name, row.role, row.gender,
                               row.office_id, row.active, row.roles, row.version)


def _last_administrator(session: Session) -> bool:
    count = session.scalar(select(func.count()).select_from(Staff).where(
        Staff.holding(Role.ADMINISTRATOR), Staff.active.is_(True))) or 0
    return count <= 1
