"""Staff accounts as the administrators see them: a new member's details and an account's row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import Gender, Role
from upw_ttg.domain.permissions import Capability, allows


@dataclass(slots=True)
class NewStaff:
    username: str = ""
    full_name: str = ""
    role: Role = Role.COORDINATOR
    gender: Gender = Gender.NOT_STATED
    password: str = ""
    office_id: int | None = None
    # Further roles held beside ``role`` (the job shown by their name).
    roles: frozenset[Role] = frozenset()
    # The password typed a second time, where a form asks for it (checked with the rest,
    # so every problem of the form is named at once).
    password_again: str | None = None

    @property
    def all_roles(self) -> frozenset[Role]:
        return frozenset(self.roles) | {self.role}


@dataclass(frozen=True, slots=True)
class AccountRow:
    """A staff account as the administrator manages it; times are local to this computer."""

    member: StaffMember
    last_sign_in_at: dt.datetime | None
    password_changed_at: dt.datetime | None
    must_change_password: bool
    version: int

    @property
    def active(self) -> bool:
        return self.member.active


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A member of staff: ``role`` is their job as shown; ``roles`` every role they hold."""

    id: int
    username: str
    full_name: str
    role: Role
    gender: Gender
    office_id: int | None
    active: bool
    roles: frozenset[Role] = frozenset()
    version: int = 0

    def __post_init__(self) -> None:
        # One role given: the member holds just that one.
        if not self.roles:
            object.__setattr__(self, "roles", frozenset({self.role}))

    def may(self, capability: Capability) -> bool:
        """Whether these roles allow ``capability`` (the services check again when used)."""
        return self.active and allows(self.roles, capability)
