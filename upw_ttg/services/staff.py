"""Staff accounts: the first administrator, sign-in, adding staff, passwords, disabling."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from upw_ttg.domain.codes import AuditAction, Role
from upw_ttg.domain.passwords import MIN_PASSWORD_LENGTH, password_problem
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import FieldErrors, clean, name_problem, require_complete
from upw_ttg.errors import NotFoundError, SignInError, ValidationError
from upw_ttg.records.staff import AccountRow, NewStaff, StaffMember
from upw_ttg.security import hash_password
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.sign_in import (
    MAX_DELAY_SECONDS,
    check_password,
    clear_failures,
    database_now,
    sign_in_delay,
)
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import Staff

__all__ = ["MAX_DELAY_SECONDS", "MIN_PASSWORD_LENGTH", "AccountRow", "NewStaff",
           "PasswordChangeRequired", "StaffService", "sign_in_delay"]
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _member(row: Staff) -> StaffMember:
    return StaffMember(row.id, row.username, row.full_name, row.role, row.gender, row.office_id,
                       row.active, row.roles, row.version)


class PasswordChangeRequired(SignInError):
    """The password was right, but an administrator reset it: choose a new one to go on."""


def _local(utc: dt.datetime | None) -> dt.datetime | None:
    """A naive UTC time (the database's clock) as naive local time, for showing."""
    if utc is None:
        return None
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _new_password_problem(password: str, username: str) -> None:
    problem = password_problem(password, username)
    if problem:
        raise ValidationError({"password": problem})


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
        errors.check("password", password_problem(new.password, username))
        if new.password_again is not None and new.password_again != new.password:
            errors.check("password_again", "The two passwords are not the same.")
        if errors:
            raise ValidationError(errors)
        return NewStaff(username, full_name or "", new.role, new.gender, new.password,
                        new.office_id, new.all_roles)

    def _insert(self, new: NewStaff, *, must_change_password: bool) -> StaffMember:
        require_complete(new)
        new = self._validate(new)
        hashed = hash_password(new.password)
        try:
            with self._ctx.db.write() as session:
                row = Staff(username=new.username, full_name=new.full_name, role=new.role,
                            roles=new.all_roles, gender=new.gender, office_id=new.office_id,
                            password_hash=hashed, active=True, failed_sign_ins=0,
                            must_change_password=must_change_password,
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
        # The first administrator chose their own password.
        member = self._insert(new, must_change_password=False)
        self._ctx.actor = member
        return member

    def add_staff(self, new: NewStaff) -> StaffMember:
        """A new account; the password the administrator gave must be changed at its first
        sign-in, as after a reset, so only its holder knows the password in use."""
        self._ctx.require(Capability.MANAGE_ACCOUNTS)
        return self._insert(new, must_change_password=True)

    def list_staff(self, role: Role | None = None) -> list[StaffMember]:
        """Colleagues (optionally those holding ``role``), to pick supervisors and workers."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            query = select(Staff).options(selectinload(Staff.grants)).order_by(Staff.full_name)
            if role is not None:
                query = query.where(Staff.holding(role))
            return [_member(r) for r in session.scalars(query)]

    # Signing in, out and back in -------------------------------------------------------------

    def sign_in(self, username: str, password: str,
                new_password: str | None = None) -> StaffMember:
        """Sign in; a wrong password or unknown name gives the same message, after the same time.

        If an administrator reset the password, the right one raises PasswordChangeRequired
        until it is given again with ``new_password``, which then replaces it.
        """
        if new_password is not None:
            _new_password_problem(new_password, (username or "").strip().lower())
            if new_password == password:
                raise ValidationError({"password": "Choose a password different from the one "
                                                   "the administrator gave you."})
        checked = check_password(self._ctx, username, password)
        if not checked.active:
            raise SignInError("This account has been disabled. Ask an administrator.")
        if checked.must_change_password and new_password is None:
            with self._ctx.db.write() as session:
                clear_failures(session, self._ctx, checked.staff_id, signed_in=False)
            raise PasswordChangeRequired("An administrator has reset your password. Choose a "
                                         "new one to go on.")
        with self._ctx.db.write() as session:
            clear_failures(session, self._ctx, checked.staff_id)
            row = session.get(Staff, checked.staff_id)
            assert row is not None
            member = _member(row)
            self._ctx.actor = member
            if checked.must_change_password and new_password is not None:
                self._store_password(session, row, new_password, must_change=False)
            elif checked.rehash:
                # Older (or test) parameters: upgrade now that the password is known.
                row.password_hash = hash_password(password)
            audit.record(session, self._ctx, AuditAction.SIGN_IN, "staff", row.id)
        return member

    def sign_out(self) -> None:
        self._ctx.actor = None

    def unlock(self, password: str) -> StaffMember:
        """Confirm the signed-in user's password after an idle lock (same slow-down)."""
        actor = self._ctx.require(Capability.MANAGE_OWN_ACCOUNT)
        checked = check_password(self._ctx, actor.username, password)
        if not checked.active:
            raise SignInError("This account has been disabled. Ask an administrator.")
        with self._ctx.db.write() as session:
            clear_failures(session, self._ctx, checked.staff_id, signed_in=False)
            audit.record(session, self._ctx, AuditAction.SIGN_IN, "staff", checked.staff_id,
                         after={"unlocked": True})
        return actor

    # Passwords and accounts --------------------------------------------------------------

    def _store_password(self, session: Session, row: Staff, password: str, *,
                        must_change: bool) -> None:
        before = audit.snapshot(row, ("must_change_password", "password_changed_at"))
        row.password_hash = hash_password(password)
        row.must_change_password = must_change
        row.password_changed_at = database_now(session)
        row.failed_sign_ins = 0
        row.sign_in_blocked_until = None
        row.updated_by_id = self._ctx.actor_id
        audit.record(session, self._ctx, AuditAction.UPDATE, "staff", row.id, before=before,
                     after=audit.snapshot(row, ("must_change_password", "password_changed_at")))

    def change_password(self, current: str, new: str) -> None:
        """The signed-in user replaces their own password; the current one is checked first."""
        actor = self._ctx.require(Capability.MANAGE_OWN_ACCOUNT)
        _new_password_problem(new, actor.username)
        if new == current:
            raise ValidationError({"password": "The new password is the same as the old one."})
        try:
            check_password(self._ctx, actor.username, current)
        except SignInError as exc:
            raise ValidationError({"current_password": "Your current password is not right."
                                   if str(exc) == "The user name or password is not right."
                                   else str(exc)}) from None
        with self._ctx.db.write() as session:
            clear_failures(session, self._ctx, actor.id, signed_in=False)
            row = session.get(Staff, actor.id)
            assert row is not None
            self._store_password(session, row, new, must_change=False)

    def list_accounts(self) -> list[AccountRow]:
        """Every account, with its last sign-in, for the administrator."""
        self._ctx.require(Capability.MANAGE_ACCOUNTS)
        with self._ctx.db.read() as session:
            rows = session.scalars(select(Staff).options(selectinload(Staff.grants))
                                   .order_by(Staff.full_name, Staff.id))
            return [AccountRow(_member(r), _local(r.last_sign_in_at),
                               _local(r.password_changed_at), r.must_change_password, r.version)
                    for r in rows]

    def _account(self, session: Session, staff_id: int, version: int) -> Staff:
        row = session.get(Staff, staff_id)
        if row is None:
            raise NotFoundError("That staff account no longer exists.")
        check_version(session, row, version, "staff account")
        return row

    def reset_password(self, staff_id: int, version: int, temporary: str) -> AccountRow:
        """An administrator sets a temporary password that must be changed at next sign-in."""
        self._ctx.require(Capability.MANAGE_ACCOUNTS)
        with self._ctx.db.write() as session:
            row = self._account(session, staff_id, version)
            _new_password_problem(temporary, row.username)
            self._store_password(session, row, temporary, must_change=True)
            flush_versioned(session, row, "staff account", self._ctx.db)
            return AccountRow(_member(row), _local(row.last_sign_in_at),
                              _local(row.password_changed_at), True, row.version)

    def set_active(self, staff_id: int, version: int, active: bool) -> AccountRow:
        """Disable (nobody can sign in as them) or enable an account again; history is kept."""
        actor = self._ctx.require(Capability.MANAGE_ACCOUNTS)
        if not active and staff_id == actor.id:
            raise ValidationError({"active": "You cannot disable your own account: another "
                                             "administrator must do it."})
        with self._ctx.db.write() as session:
            row = self._account(session, staff_id, version)
            if row.active != active:
                before = audit.snapshot(row, ("active",))
                row.active = active
                row.failed_sign_ins = 0
                row.sign_in_blocked_until = None
                row.updated_by_id = actor.id
                flush_versioned(session, row, "staff account", self._ctx.db)
                audit.record(session, self._ctx, AuditAction.UPDATE, "staff", row.id,
                             before=before, after=audit.snapshot(row, ("active",)))
            return AccountRow(_member(row), _local(row.last_sign_in_at),
                              _local(row.password_changed_at), row.must_change_password,
                              row.version)
