"""What every service shares: the database, who is signed in, and the clock."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, select

from upw_ttg.domain.codes import Role
from upw_ttg.domain.local_time import to_utc
from upw_ttg.domain.permissions import Capability, allows, denied_message
from upw_ttg.errors import CapabilityDeniedError, PermissionDeniedError
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.database import Database
from upw_ttg.storage.models import Staff, StaffRole

# Built once: this runs before every service call, so it should cost one indexed lookup only.
_CURRENT_ROLES = (select(Staff.active, Staff.role, StaffRole.role.label("granted"))
                  .outerjoin(StaffRole, StaffRole.staff_id == Staff.id)
                  .where(Staff.id == bindparam("staff_id")))


def _system_now() -> dt.datetime:
    return dt.datetime.now()


@dataclass
class ServiceContext:
    """Passed to every service; ``actor`` is set by sign-in and read by the audit trail."""

    db: Database
    actor: StaffMember | None = None
    now: Callable[[], dt.datetime] = field(default=_system_now)
    # When this user last had each sensitive record logged as opened (the access log's
    # repeat-view window); monotonic seconds by (staff id, kind, record id).
    recent_views: dict[tuple[int | None, str, str], float] = field(
        default_factory=dict, repr=False, compare=False)

    def today(self) -> dt.date:
        return self.now().date()

    def utc_now(self) -> dt.datetime:
        """This clock's now in UTC (naive), for the timestamps written to the database."""
        return to_utc(self.now())

    @property
    def actor_id(self) -> int | None:
        return self.actor.id if self.actor else None

    def require_signed_in(self) -> StaffMember:
        if self.actor is None:
            raise PermissionDeniedError("Sign in first.")
        return self.actor

    def refresh_actor(self, connection: Connection | None = None) -> StaffMember:
        """The signed-in member as the database has them now: roles changed by an
        administrator, or an account disabled, take effect at the member's next action.
        Read on ``connection`` if given (a caller with a statement of its own to send)."""
        actor = self.require_signed_in()
        if connection is None:
            with self.db.lone_read() as connection:
                rows = connection.execute(_CURRENT_ROLES, {"staff_id": actor.id}).all()
        else:
            rows = connection.execute(_CURRENT_ROLES, {"staff_id": actor.id}).all()
        if not rows or not rows[0].active:
            self.actor = None
            raise PermissionDeniedError("This account is no longer active. Ask an "
                                        "administrator if you need it.")
        roles = frozenset(Role(r.granted) for r in rows if r.granted is not None)
        main = Role(rows[0].role)
        if roles != actor.roles or main != actor.role:
            actor = dataclasses.replace(actor, role=main, roles=roles)
            if self.actor is not None:
                self.actor = actor
        if self.actor is None:
            # Signed out on the screen's thread while this worker was checking.
            raise PermissionDeniedError("Sign in first.")
        return actor

    def require(self, capability: Capability, connection: Connection | None = None
                ) -> StaffMember:
        """The signed-in member, if their current roles allow ``capability``; checked by every
        public service method before it touches data (rule ACC-1)."""
        actor = self.refresh_actor(connection)
        if not allows(actor.roles, capability):
            raise CapabilityDeniedError(capability, denied_message(capability))
        return actor

    def may(self, capability: Capability) -> bool:
        """Whether the signed-in member's roles, as last read, allow ``capability``."""
        return self.actor is not None and self.actor.may(capability)

    def require_role(self, *roles: Role) -> StaffMember:
        """Older form of ``require``: one of ``roles`` held now. Prefer ``require``."""
        actor = self.refresh_actor()
        if not actor.roles & set(roles):
            raise PermissionDeniedError(
                "Your role does not allow this. Ask an administrator if you need it.")
        return actor
