"""Checking a password against the sign-in slow-down, on the database's clock.

Every password check first claims the right to be made, in one UPDATE that counts the attempt
as a failure and, past the allowed number, sets the time before which no further check is
made. The statement compares against the database's clock (UTC), so neither a client's clock
nor parallel attempts can skip the wait: only the attempts whose UPDATE matched get a check.
An attempt refused because of the wait is not counted and does not lengthen it, so nobody can
keep an account locked by typing wrong passwords: the right password after the wait works.
A success clears the count.

A user name without an account is counted the same way, in its own table keyed by a hash of
the name, so the same attempts give the same messages and the same waits whether or not the
name exists.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select, text
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.errors import SignInError
from upw_ttg.security import (
    needs_rehash,
    unknown_name_key,
    verify_nothing,
    verify_password,
)
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.storage.models import Staff

MAX_DELAY_SECONDS = 300
REFUSED = "The user name or password is not right."
# The doubling reaches MAX_DELAY_SECONDS after this many failures past the allowed number.
_DOUBLINGS_TO_MAX = math.ceil(math.log2(MAX_DELAY_SECONDS)) - 1


def sign_in_delay(failures: int, allowed: int) -> int:
    """Seconds a user must wait after ``failures`` wrong passwords in a row."""
    if failures < allowed:
        return 0
    return min(MAX_DELAY_SECONDS, int(2 ** (failures - allowed + 1)))


def _now_sql(dialect: str, plus_seconds: str | None = None) -> str:
    """The database's clock in UTC, as stored in a DateTime column, optionally moved on."""
    if dialect == "sqlite":
        # Six fractional digits, the form SQLAlchemy stores, so the text compares in order.
        if plus_seconds is None:
            return "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '000')"
        return (f"(strftime('%Y-%m-%d %H:%M:%f', 'now', '+' || ({plus_seconds}) || "
                "' seconds') || '000')")
    if plus_seconds is None:
        return "(now() AT TIME ZONE 'UTC')"
    return f"((now() AT TIME ZONE 'UTC') + make_interval(secs => ({plus_seconds})))"


# Where failures are counted: an account's row, or an unknown name's row keyed by its hash.
_ACCOUNTS = ("staff", "id")
_UNKNOWN_NAMES = ("unknown_name_sign_in", "name_hash")


def _seconds_left_sql(dialect: str) -> str:
    if dialect == "sqlite":
        return "((julianday(sign_in_blocked_until) - julianday('now')) * 86400.0)"
    return ("EXTRACT(EPOCH FROM (sign_in_blocked_until - (now() AT TIME ZONE 'UTC')))")


def _claim_sql(dialect: str, table: str, key_column: str) -> str:
    """One UPDATE: count the attempt, set the wait it earns, only if no wait is running."""
    failures = "(failed_sign_ins + 1)"
    past = f"({failures} - :allowed)"
    delay = (f"(CASE WHEN {past} < 0 THEN 0 WHEN {past} >= {_DOUBLINGS_TO_MAX} "
             f"THEN {MAX_DELAY_SECONDS} ELSE (1 << ({past} + 1)) END)")
    now = _now_sql(dialect)
    return (f"UPDATE {table} SET failed_sign_ins = {failures}, last_failed_at = {now}, "
            f"sign_in_blocked_until = CASE WHEN {delay} = 0 THEN NULL "
            f"ELSE {_now_sql(dialect, delay)} END "
            f"WHERE {key_column} = :key AND (sign_in_blocked_until IS NULL "
            f"OR sign_in_blocked_until <= {now})")


@dataclass(frozen=True, slots=True)
class CheckedAccount:
    """A password that was checked and found right, with what sign-in needs next."""

    staff_id: int
    active: bool
    must_change_password: bool
    rehash: bool


def _wait_message(seconds: float) -> SignInError:
    whole = max(1, math.ceil(seconds))
    return SignInError(f"Too many wrong passwords. Wait {whole} second{'s' if whole != 1 else ''}"
                       ", then try again.")


def _record_failure(ctx: ServiceContext, staff_id: int | None, reason: str) -> None:
    # The typed password is never recorded, nor an unknown name (often a password typed in
    # the wrong box).
    with ctx.db.write() as session:
        audit.record(session, ctx, AuditAction.SIGN_IN_FAILED, "staff", staff_id,
                     after={"reason": reason})


def _claim(ctx: ServiceContext, where: tuple[str, str], key: int | str) -> float:
    """Claim a password check; 0 if claimed, else the seconds of the wait still to run."""
    dialect = ctx.db.engine.dialect.name
    table, key_column = where
    with ctx.db.write() as session:
        if where == _UNKNOWN_NAMES:
            # Both SQLite and PostgreSQL: a row for the name unless it has one already.
            session.execute(text(f"INSERT INTO {table} ({key_column}, failed_sign_ins) "
                                 f"VALUES (:key, 0) ON CONFLICT ({key_column}) DO NOTHING"),
                            {"key": key})
        allowed = int(read_setting(session, "security.sign_in_delay_after"))
        claimed = cast(CursorResult[Any], session.execute(
            text(_claim_sql(dialect, table, key_column)),
            {"key": key, "allowed": allowed})).rowcount
        if claimed == 1:
            return 0.0
        left = session.scalar(text(f"SELECT {_seconds_left_sql(dialect)} FROM {table} "
                                   f"WHERE {key_column} = :key"), {"key": key})
    # A wait that ended between the two statements still counts as one more second.
    return max(float(left or 0), 1.0)


def check_password(ctx: ServiceContext, username: str, password: str) -> CheckedAccount:
    """Check ``password`` for ``username`` under the slow-down; SignInError if not right.

    An unknown name costs the same time (a hash of nothing) and gets the same message as a
    wrong password. Every refusal is audited.
    """
    name = (username or "").strip().lower()
    with ctx.db.read() as session:
        row = session.execute(select(Staff.id, Staff.password_hash).where(
            Staff.username == name)).one_or_none()
    if row is None:
        # The same steps as for an account: the same messages, waits and time.
        left = _claim(ctx, _UNKNOWN_NAMES, unknown_name_key(name))
        if left:
            _record_failure(ctx, None, "unknown user name")
            raise _wait_message(left)
        verify_nothing(password)
        _record_failure(ctx, None, "unknown user name")
        raise SignInError(REFUSED)
    staff_id, stored = row
    left = _claim(ctx, _ACCOUNTS, staff_id)
    if left:
        _record_failure(ctx, staff_id, "waiting after wrong passwords")
        raise _wait_message(left)
    if not verify_password(password, stored):
        _record_failure(ctx, staff_id, "wrong password")
        raise SignInError(REFUSED)
    with ctx.db.read() as session:
        active, must_change = session.execute(select(
            Staff.active, Staff.must_change_password).where(Staff.id == staff_id)).one()
    return CheckedAccount(staff_id, active, must_change, needs_rehash(stored))


def clear_failures(session: Session, ctx: ServiceContext, staff_id: int,
                   signed_in: bool = True) -> None:
    """After a right password: no count, no wait, and (if signing in) the time, on the
    database's clock."""
    dialect = ctx.db.engine.dialect.name
    stamp = f", last_sign_in_at = {_now_sql(dialect)}" if signed_in else ""
    session.execute(text(f"UPDATE staff SET failed_sign_ins = 0, sign_in_blocked_until = NULL"
                         f"{stamp} WHERE id = :staff_id"), {"staff_id": staff_id})


def database_now(session: Session) -> dt.datetime:
    """The database's clock in UTC (naive), for times stored beside the sign-in times."""
    dialect = session.get_bind().dialect.name
    value: dt.datetime | str = session.scalar(text(f"SELECT {_now_sql(dialect)}"))
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value
