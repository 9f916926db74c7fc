"""What every service shares: the database, who is signed in, and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from upw_ttg.domain.codes import Role
from upw_ttg.domain.local_time import to_utc
from upw_ttg.domain.records import StaffMember
from upw_ttg.errors import PermissionDeniedError
from upw_ttg.storage.database import Database


def _system_now() -> dt.datetime:
    return dt.datetime.now()


@dataclass
class ServiceContext:
    """Passed to every service; ``actor`` is set by sign-in and read by the audit trail."""

    db: Database
    actor: StaffMember | None = None
    now: Callable[[], dt.datetime] = field(default=_system_now)

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

    def require_role(self, *roles: Role) -> StaffMember:
        actor = self.require_signed_in()
        if actor.role not in roles and actor.role != Role.ADMINISTRATOR:
            raise PermissionDeniedError(
                "Your role does not allow this. Ask an administrator if you need it.")
        return actor
