"""Staff accounts: the first administrator, sign-in with slowing after wrong passwords, adding staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from upw_ttg.domain.codes import AuditAction, Gender, Role
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records import StaffMember
from upw_ttg.domain.validation import FieldErrors, clean, name_problem, require_complete
from upw_ttg.errors import SignInError, ValidationError
from upw_ttg.security import hash_password, needs_rehash, verify_password
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.storage.models import Staff

MIN_PASSWORD_LENGTH = 10
MAX_DELAY_SECONDS = 300
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


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

    @property
    def all_roles(self) -> frozenset[Role]:
        return frozenset(self.roles) | {self.role}


def _member(row: Staff) -> StaffMember:
    return StaffMember(row.id, row.username, row.full_name, row.role, row.gender, row.office_id,
                       row.active, row.roles, row.version)


def sign_in_delay(failures: int, allowed: int) -> int:
    """Seconds a user must wait after ``failures`` wrong passwords in a row."""
    if failures < allowed:
        return 0
    return min(MAX_DELAY_SECONDS, 2 ** (failures - allowed + 1))


class StaffService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def needs_first_administrator(self) -> bool:
        with self._ctx.db.read() as session:
            return session.scalar(select(func.count()).select_from(Staff)) == 0

    def _validate(self, new: NewStaff) -> NewStaff:
        username = (clean(new.username) or "").lower()
        full_name = clean(new.full_name)
        errors = FieldErrors()
        if not username:
            errors.check("username", "Enter a user name.")
        elif len(username) > 40 or not set(username) <= USERNAME_CHARS:
            errors.check("username", "A user name is up to 40 lower-case letters, digits, "
                                     "dots, hyphens or underscores.")
        errors.check("full_name", name_problem("full name", full_name))
        if len(new.password) < MIN_PASSWORD_LENGTH:
            errors.check("password", f"The password must be at least {MIN_PASSWORD_LENGTH} "
                                     "characters long.")
        elif len(new.password) > 200:
            errors.check("password", "The password is too long: at most 200 characters.")
        if errors:
            raise ValidationError(errors)
        return NewStaff(username, full_name or "", new.role, new.gender, new.password,
                        new.office_id, new.all_roles)

    def _insert(self, new: NewStaff) -> StaffMember:
        require_complete(new)
        new = self._validate(new)
        hashed = hash_password(new.password)
        try:
            with self._ctx.db.write() as session:
                row = Staff(username=new.username, full_name=new.full_name, role=new.role,
                            roles=new.all_roles, gender=new.gender, office_id=new.office_id,
                            password_hash=hashed, active=True, failed_sign_ins=0,
                            updated_by_id=self._ctx.actor_id)
                session.add(row)
                session.flush()
                audit.record(session, self._ctx, AuditAction.CREATE, "staff", row.id,
                             after=audit.snapshot(row) | {"roles": sorted(row.roles)})
                return _member(row)
        except IntegrityError:
            raise ValidationError({"username": f"The user name {new.username} is taken."}) \
                from None

    def create_first_administrator(self, new: NewStaff) -> StaffMember:
        if not self.needs_first_administrator():
            raise SignInError("An administrator already exists; sign in instead.")
        new.role = Role.ADMINISTRATOR
        new.roles = frozenset()
        member = self._insert(new)
        self._ctx.actor = member
        return member

    def add_staff(self, new: NewStaff) -> StaffMember:
        self._ctx.require(Capability.MANAGE_ACCOUNTS)
        self._ctx.require(Capability.MANAGE_ACCOUNTS)
        return self._insert(new)

    def list_staff(self, role: Role | None = None) -> list[StaffMember]:
        """Colleagues (optionally those holding ``role``), to pick supervisors and workers."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            query = select(Staff).options(selectinload(Staff.grants)).order_by(Staff.full_name)
            if role is not None:
                query = query.where(Staff.holding(role))
            return [_member(r) for r in session.scalars(query)]

    def sign_in(self, username: str, password: str) -> StaffMember:
        """Sign in; a wrong password or unknown name gives the same message."""
        username = (username or "").strip().lower()
        refused = SignInError("The user name or password is not right.")
        now = self._ctx.utc_now()
        with self._ctx.db.read() as session:
            allowed = int(read_setting(session, "security.sign_in_delay_after"))
            row = session.scalar(select(Staff).where(Staff.username == username))
            if row is None or not row.active:
                raise refused
            wait = sign_in_delay(row.failed_sign_ins, allowed)
            if wait and row.last_failed_at is not None:
                ready_at = row.last_failed_at + dt.timedelta(seconds=wait)
                if now < ready_at:
                    seconds = int((ready_at - now).total_seconds()) + 1
                    raise SignInError(f"Too many wrong passwords. Wait {seconds} seconds, then "
                                      "try again.")
            good = verify_password(password, row.password_hash)
            staff_id = row.id
        with self._ctx.db.write() as session:
            row = session.get(Staff, staff_id)
            assert row is not None
            if not good:
                row.failed_sign_ins += 1
                row.last_failed_at = now
                audit.record(session, self._ctx, AuditAction.SIGN_IN_FAILED, "staff", row.id)
            else:
                row.failed_sign_ins = 0
                row.last_sign_in_at = now
                if needs_rehash(row.password_hash):
                    row.password_hash = hash_password(password)
                member = _member(row)
                self._ctx.actor = member
                audit.record(session, self._ctx, AuditAction.SIGN_IN, "staff", row.id)
        if not good:
            raise refused
        return member

    def sign_out(self) -> None:
        self._ctx.actor = None
