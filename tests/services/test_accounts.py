"""Accounts: the password policy, the sign-in slow-down on the database's clock, changing and
resetting passwords, disabling accounts, and the scrypt parameters."""

from __future__ import annotations

import datetime as dt
import re
import statistics
import threading
import time

import pytest
from sqlalchemy import select, update

from upw_ttg.domain.codes import AuditAction, Role
from upw_ttg.domain.passwords import common_passwords, password_problem
from upw_ttg.errors import PermissionDeniedError, SignInError, StaleRecordError, ValidationError
from upw_ttg.security import hash_password, needs_rehash, unknown_name_key, verify_password
from upw_ttg.services import sign_in as sign_in_module
from upw_ttg.services.staff import PasswordChangeRequired
from upw_ttg.storage.models import AuditEvent, Staff, UnknownNameSignIn

from tests.conftest import TEST_PASSWORD
from tests.narrowing import present

GOOD = "marble orbit lantern"


# The policy ---------------------------------------------------------------------------------

@pytest.mark.parametrize("password", ["password12", "1234567890", " " * 10, " " * 14,
                                      "password1234", "qwerty123456", "1234567890123",
                                      "aaaaaaaaaaaaaa", "Password1234!", "iloveyou2024!!"])
def test_short_common_and_trivial_passwords_are_refused(password):
    assert password_problem(password, "jsmith") is not None


def test_a_password_containing_the_user_name_is_refused_whatever_the_case():
    assert "user name" in present(password_problem("my JSmith password", "jsmith"))
    assert password_problem("my jsmit password", "jsmith") is None


def test_three_random_words_are_accepted_and_the_list_has_thousands():
    assert password_problem(GOOD, "jsmith") is None
    assert password_problem("correct horse battery staple", "jsmith") is None
    blocked = common_passwords()
    assert len(blocked) > 5000 and "password" in blocked and "qwerty123456" in blocked


def test_adding_staff_applies_the_policy(app):
    from upw_ttg.records.staff import NewStaff

    with pytest.raises(ValidationError, match="user name"):
        app.staff.add_staff(NewStaff("sam", "Sam Smith", password="sam-the-supervisor"))
    with pytest.raises(ValidationError, match="attackers try first"):
        app.staff.add_staff(NewStaff("sam", "Sam Smith", password="qwertyuiop123"))


# Hashes -------------------------------------------------------------------------------------

def test_new_hashes_use_the_lower_memory_parameters_and_old_ones_upgrade_at_sign_in(app):
    assert hash_password("x").startswith("scrypt$32768$8$3$")
    legacy = _legacy_hash(TEST_PASSWORD)
    with app.db.write() as session:
        session.execute(update(Staff).values(password_hash=legacy))
    app.staff.sign_in("admin", TEST_PASSWORD)
    with app.db.read() as session:
        stored = session.scalar(select(Staff.password_hash))
    assert stored.startswith("scrypt$32768$8$3$") and not needs_rehash(stored)
    assert app.staff.sign_in("admin", TEST_PASSWORD).username == "admin"


def _legacy_hash(password: str) -> str:
    """A hash made with the earlier parameters (N=2^17, r=8, p=1)."""
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**17, r=8, p=1,
                            maxmem=256 * 1024 * 1024, dklen=32)
    return "$".join(["scrypt", "131072", "8", "1", base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()])


def test_the_cheap_test_hash_still_verifies(app, fast_hash):
    assert fast_hash.startswith("scrypt$1024$") and needs_rehash(fast_hash)
    assert app.staff.sign_in("admin", TEST_PASSWORD).username == "admin"


# The slow-down ------------------------------------------------------------------------------

def _fail(app, times: int, password: str = "wrong password") -> None:
    for _ in range(times):
        with pytest.raises(SignInError, match="not right"):
            app.staff.sign_in("admin", password)


def test_a_client_clock_set_ahead_does_not_skip_the_wait(app):
    app.ctx.actor = None
    _fail(app, 3)
    app.ctx.now = lambda: dt.datetime(2030, 1, 1)
    with pytest.raises(SignInError, match="Wait 2 seconds"):
        app.staff.sign_in("admin", TEST_PASSWORD)


def test_wrong_passwords_during_the_wait_neither_count_nor_lengthen_it(app):
    app.ctx.actor = None
    _fail(app, 3)
    for _ in range(5):
        with pytest.raises(SignInError, match="Wait"):
            app.staff.sign_in("admin", "still wrong")
    with app.db.read() as session:
        assert session.scalar(select(Staff.failed_sign_ins)) == 3
    time.sleep(2.1)
    assert app.staff.sign_in("admin", TEST_PASSWORD).username == "admin"
    with app.db.read() as session:
        row = session.execute(select(Staff.failed_sign_ins, Staff.sign_in_blocked_until)).one()
    assert tuple(row) == (0, None)


def test_parallel_attempts_during_a_wait_get_no_password_check(app, monkeypatch):
    app.ctx.actor = None
    _fail(app, 2)
    checks: list[str] = []
    real_verify = verify_password

    def counting(password: str, stored: str) -> bool:
        checks.append(password)
        return real_verify(password, stored)

    monkeypatch.setattr(sign_in_module, "verify_password", counting)
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def attempt(number: int) -> None:
        barrier.wait()
        try:
            app.staff.sign_in("admin", f"guess {number}")
        except SignInError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Two wrong passwords allowed three checks; the third set a wait the others ran into.
    assert len(checks) == 1
    assert sum("not right" in text for text in outcomes) == 1
    assert sum("Wait" in text for text in outcomes) == 5


def test_an_unknown_name_costs_the_same_time_and_gets_the_same_message(app):
    row = next(r for r in app.settings.list_settings()
               if r.key == "security.sign_in_delay_after")
    app.settings.update(row.key, "20", row.version)
    with app.db.write() as session:
        session.execute(update(Staff).values(password_hash=hash_password(TEST_PASSWORD)))
    app.ctx.actor = None

    def timed(username: str) -> tuple[float, str]:
        started = time.perf_counter()
        with pytest.raises(SignInError) as caught:
            app.staff.sign_in(username, "wrong password")
        return time.perf_counter() - started, str(caught.value)

    known, unknown = [], []
    for _ in range(4):  # alternated, so load on the machine falls on both alike
        known.append(timed("admin"))
        unknown.append(timed("nobody-here"))
    assert {message for _t, message in known + unknown} == {
        "The user name or password is not right."}
    known_median = statistics.median(t for t, _m in known)
    unknown_median = statistics.median(t for t, _m in unknown)
    assert 0.75 < unknown_median / known_median < 1.33, (known_median, unknown_median)


def _attempts(app, username: str) -> list[str]:
    """Six wrong passwords, the wait made to end, then two more: the messages given."""
    messages = []

    def attempt() -> None:
        with pytest.raises(SignInError) as caught:
            app.staff.sign_in(username, "wrong password")
        messages.append(str(caught.value))

    for _ in range(6):
        attempt()
    past = dt.datetime(2000, 1, 1)
    with app.db.write() as session:
        session.execute(update(Staff).values(sign_in_blocked_until=past))
        session.execute(update(UnknownNameSignIn).values(sign_in_blocked_until=past))
    for _ in range(2):
        attempt()
    return messages


def _seconds(message: str) -> int:
    found = re.search(r"Wait (\d+) second", message)
    return int(found.group(1)) if found else 0


def _without_seconds(message: str) -> str:
    return re.sub(r"Wait \d+ seconds?", "Wait", message)


def test_an_unknown_name_gets_the_same_messages_and_waits_as_a_real_one(app):
    app.ctx.actor = None
    known = _attempts(app, "admin")
    unknown = _attempts(app, "Nobody-Here")
    refused = "The user name or password is not right."
    # The wait counts down on the database's clock while the test runs, so a slow machine may
    # see one second less; the messages and the full waits are the same for both names.
    expected = [refused] * 3 + ["Too many wrong passwords. Wait 2 seconds, then try again."] \
        * 3 + [refused, "Too many wrong passwords. Wait 4 seconds, then try again."]
    for messages in (known, unknown):
        assert [_without_seconds(m) for m in messages] == [_without_seconds(m) for m in expected]
        assert all(0 <= _seconds(e) - _seconds(m) <= 1
                   for m, e in zip(messages, expected, strict=True))
    with app.db.read() as session:
        keys = list(session.scalars(select(UnknownNameSignIn.name_hash)))
        counted = session.scalar(select(UnknownNameSignIn.failed_sign_ins))
    # Counted under a hash of the name, whatever its case; the name itself is not stored.
    assert keys == [unknown_name_key("nobody-here")] and counted == 4
    assert all("nobody" not in key for key in keys)


def test_an_unknown_name_waiting_gets_no_password_check(app, monkeypatch):
    app.ctx.actor = None
    for _ in range(3):
        with pytest.raises(SignInError, match="not right"):
            app.staff.sign_in("nobody-here", "wrong password")
    checks: list[str] = []
    monkeypatch.setattr(sign_in_module, "verify_nothing", checks.append)
    with pytest.raises(SignInError, match="Wait"):
        app.staff.sign_in("nobody-here", "wrong password")
    assert checks == []
    with pytest.raises(SignInError, match="not right"):
        app.staff.sign_in("someone-else", "wrong password")
    assert checks == ["wrong password"]


def test_every_failed_attempt_is_audited_without_the_password(app):
    app.ctx.actor = None
    _fail(app, 3, "my-secret-guess")
    with pytest.raises(SignInError, match="Wait"):
        app.staff.sign_in("admin", "my-secret-guess")
    with pytest.raises(SignInError, match="not right"):
        app.staff.sign_in("someone-else", "my-secret-guess")
    with app.db.read() as session:
        events = [(e.action, e.changes or "")
                  for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert [action for action, _c in events] == [AuditAction.SIGN_IN_FAILED] * 5
    text = " ".join(changes for _a, changes in events)
    assert "my-secret-guess" not in text and "someone-else" not in text
    assert "wrong password" in text and "waiting" in text and "unknown user name" in text


# Changing, resetting, disabling -----------------------------------------------------------

def test_changing_your_own_password(app):
    with pytest.raises(ValidationError) as caught:
        app.staff.change_password("not my password", GOOD)
    assert "not right" in caught.value.fields["current_password"]
    with pytest.raises(ValidationError, match="12 characters"):
        app.staff.change_password(TEST_PASSWORD, "short")
    app.staff.change_password(TEST_PASSWORD, GOOD)
    app.ctx.actor = None
    _fail(app, 1, TEST_PASSWORD)
    assert app.staff.sign_in("admin", GOOD).username == "admin"
    updates = [e for e in app.audit.events_for("staff", app.ctx.actor.id)
               if e.action == AuditAction.UPDATE]
    assert "password_changed_at" in updates[-1].changes


def test_a_reset_password_must_be_changed_at_the_next_sign_in(app, add_staff):
    cath = add_staff("cath", Role.COORDINATOR)
    account = next(a for a in app.staff.list_accounts() if a.member.id == cath.id)
    with pytest.raises(ValidationError, match="user name"):
        app.staff.reset_password(cath.id, account.version, "cath-temporary-1")
    reset = app.staff.reset_password(cath.id, account.version, "plum violin harbour")
    assert reset.must_change_password
    with pytest.raises(StaleRecordError):
        app.staff.reset_password(cath.id, account.version, "plum violin harbour")
    app.ctx.actor = None
    with pytest.raises(PasswordChangeRequired):
        app.staff.sign_in("cath", "plum violin harbour")
    assert app.ctx.actor is None
    with pytest.raises(ValidationError, match="different"):
        app.staff.sign_in("cath", "plum violin harbour", "plum violin harbour")
    with pytest.raises(SignInError, match="not right"):
        app.staff.sign_in("cath", "guessed wrong", GOOD)
    member = app.staff.sign_in("cath", "plum violin harbour", GOOD)
    assert member.username == "cath" and app.ctx.actor == member
    app.ctx.actor = None
    assert app.staff.sign_in("cath", GOOD).username == "cath"


def test_an_added_account_chooses_its_own_password_at_its_first_sign_in(app):
    from upw_ttg.records.staff import NewStaff

    added = app.staff.add_staff(NewStaff("cath", "Cath Coordinator", Role.COORDINATOR,
                                         password="plum violin harbour"))
    assert next(a for a in app.staff.list_accounts()
                if a.member.id == added.id).must_change_password
    app.ctx.actor = None
    with pytest.raises(PasswordChangeRequired):
        app.staff.sign_in("cath", "plum violin harbour")
    assert app.ctx.actor is None
    assert app.staff.sign_in("cath", "plum violin harbour", GOOD).username == "cath"
    app.ctx.actor = None
    assert app.staff.sign_in("cath", GOOD).username == "cath"


def test_the_first_administrator_keeps_the_password_they_chose(make_services):
    from upw_ttg.records.staff import NewStaff

    services = make_services()
    services.staff.create_first_administrator(NewStaff("ada", "Ada Lovelace",
                                                       password=GOOD))
    services.ctx.actor = None
    assert services.staff.sign_in("ada", GOOD).username == "ada"


def test_an_administrator_disables_and_enables_an_account(app, add_staff):
    cath = add_staff("cath", Role.COORDINATOR)
    admin = app.ctx.actor
    version = next(a for a in app.staff.list_accounts() if a.member.id == cath.id).version
    disabled = app.staff.set_active(cath.id, version, False)
    assert not disabled.active
    with pytest.raises(ValidationError, match="your own account"):
        app.staff.set_active(admin.id, 1, False)
    app.ctx.actor = None
    with pytest.raises(SignInError, match="disabled"):
        app.staff.sign_in("cath", TEST_PASSWORD)
    with pytest.raises(SignInError, match="not right"):
        app.staff.sign_in("cath", "wrong password")
    app.ctx.actor = admin
    enabled = app.staff.set_active(cath.id, disabled.version, True)
    assert enabled.active
    app.ctx.actor = None
    assert app.staff.sign_in("cath", TEST_PASSWORD).username == "cath"
    app.ctx.actor = admin
    changes = [e.changes for e in app.audit.events_for("staff", cath.id)
               if e.action == AuditAction.UPDATE]
    assert {"active": [True, False]} in changes and {"active": [False, True]} in changes


def test_only_an_administrator_manages_accounts(app, add_staff):
    cath = add_staff("cath", Role.COORDINATOR)
    app.ctx.actor = cath
    with pytest.raises(PermissionDeniedError):
        app.staff.list_accounts()
    with pytest.raises(PermissionDeniedError):
        app.staff.reset_password(cath.id, 1, "plum violin harbour")
    with pytest.raises(PermissionDeniedError):
        app.staff.set_active(cath.id, 1, False)


def test_the_last_sign_in_is_listed_in_local_time(app):
    app.ctx.actor = None
    before = dt.datetime.now() - dt.timedelta(seconds=5)
    app.staff.sign_in("admin", TEST_PASSWORD)
    account = app.staff.list_accounts()[0]
    assert account.last_sign_in_at is not None
    assert before <= account.last_sign_in_at <= dt.datetime.now() + dt.timedelta(seconds=5)


def test_unlocking_needs_the_signed_in_users_password(app):
    with pytest.raises(SignInError, match="not right"):
        app.staff.unlock("wrong password")
    assert app.staff.unlock(TEST_PASSWORD).username == "admin"
    app.ctx.actor = None
    with pytest.raises(PermissionDeniedError):
        app.staff.unlock(TEST_PASSWORD)
