"""Sign-in, the first administrator, slowing wrong passwords, roles, and policy settings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import AuditAction, Gender, Role
from upw_ttg.domain.settings import SETTINGS
from upw_ttg.errors import PermissionDeniedError, SignInError, StaleRecordError, ValidationError
from upw_ttg.records.staff import NewStaff
from upw_ttg.services.staff import sign_in_delay
from upw_ttg.storage.models import AuditEvent, Staff

from tests.conftest import TEST_PASSWORD


def test_the_first_administrator_is_asked_for_once(make_services):
    services = make_services()
    assert services.staff.needs_first_administrator()
    admin = services.staff.create_first_administrator(NewStaff(
        "Ada", "Ada Lovelace", Role.COORDINATOR, Gender.FEMALE, "a long password"))
    assert admin.role == Role.ADMINISTRATOR and admin.username == "ada"
    assert not services.staff.needs_first_administrator()
    with pytest.raises(SignInError):
        services.staff.create_first_administrator(NewStaff("x", "X Y", password="p" * 12))


def test_passwords_are_stored_hashed_and_never_audited(make_services):
    services = make_services()
    services.staff.create_first_administrator(NewStaff("ada", "Ada Lovelace",
                                                       password="secret-words-here"))
    with services.db.read() as session:
        stored = session.scalar(select(Staff.password_hash))
        changes = " ".join(e.changes or "" for e in session.scalars(select(AuditEvent)))
    assert stored.startswith("scrypt$32768$8$3$") and "secret-words-here" not in stored
    assert "secret-words-here" not in changes and "password_hash" not in changes


def test_a_short_password_is_refused(make_services):
    with pytest.raises(ValidationError) as caught:
        make_services().staff.create_first_administrator(NewStaff("ada", "Ada", password="short"))
    assert "at least 12 characters" in caught.value.fields["password"]


def test_sign_in_with_the_right_and_wrong_password(app):
    app.ctx.actor = None
    with pytest.raises(SignInError, match="not right"):
        app.staff.sign_in("admin", "wrong password")
    with pytest.raises(SignInError, match="not right"):
        app.staff.sign_in("nobody", TEST_PASSWORD)
    member = app.staff.sign_in("ADMIN ", TEST_PASSWORD)
    assert member.full_name == "Ada Admin" and app.ctx.actor == member
    with app.db.read() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == [AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_IN_FAILED,
                       AuditAction.SIGN_IN]


@pytest.mark.parametrize(("failures", "seconds"), [(0, 0), (2, 0), (3, 2), (4, 4), (5, 8),
                                                   (30, 300)])
def test_the_delay_doubles_with_each_wrong_password_up_to_five_minutes(failures, seconds):
    assert sign_in_delay(failures, 3) == seconds


def test_only_an_administrator_adds_staff(app, add_staff):
    added = app.staff.add_staff(NewStaff("sam", "Sam Supervisor", Role.SUPERVISOR, Gender.MALE,
                                         "a good long password"))
    assert added.gender == Gender.MALE
    with pytest.raises(ValidationError, match="taken"):
        app.staff.add_staff(NewStaff("sam", "Sam Other", Role.SUPERVISOR, Gender.MALE,
                                     "a good long password"))
    app.ctx.actor = add_staff("cath", Role.COORDINATOR)
    with pytest.raises(PermissionDeniedError):
        app.staff.add_staff(NewStaff("tom", "Tom", Role.SUPERVISOR, Gender.MALE, "p" * 12))


def test_every_setting_is_listed_with_its_default(app):
    rows = {r.key: r for r in app.settings.list_settings()}
    assert set(rows) == {s.key for s in SETTINGS}
    assert rows["upw.people_per_supervisor"].value == "6"
    assert rows["upw.first_session_working_days"].default_value == "10"
    assert rows["upw.ete_cap_percent"].value == "30"
    assert rows["ttg.plan_working_days"].value == "5"
    assert all(r.is_default for r in rows.values())


def test_an_administrator_changes_a_setting_with_validation_and_audit(app, add_staff):
    row = next(r for r in app.settings.list_settings() if r.key == "upw.weekly_offer_hours")
    with pytest.raises(ValidationError, match="at most 28"):
        app.settings.update(row.key, "40", row.version)
    with pytest.raises(ValidationError, match="whole number"):
        app.settings.update(row.key, "seven", row.version)
    changed = app.settings.update(row.key, " 8 ", row.version)
    assert changed.value == "8" and not changed.is_default
    assert app.settings.value(row.key) == 8
    with pytest.raises(StaleRecordError, match="Ada Admin"):
        app.settings.update(row.key, "9", row.version)
    event = app.audit.events_for("setting", row.key)[-1]
    assert event.changes == {"value": ["7", "8"]}
    assert app.settings.reset(row.key, changed.version).value == "7"
    app.ctx.actor = add_staff("cath", Role.COORDINATOR)
    with pytest.raises(PermissionDeniedError):
        app.settings.update(row.key, "9", changed.version + 1)
