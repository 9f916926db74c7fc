"""Outcomes exported for the national record: per day and unit, sent once, corrections marked."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.errors import CapabilityDeniedError
from upw_ttg.storage.models import AccessEvent, Appointment, AuditEvent, DeliveryUnit, Person

from tests.services.attendance.attendance_data import World

DAY = dt.date(2026, 11, 24)


def unit_id(app, code: str = "YNY") -> int:
    with app.db.read() as session:
        return session.scalar(select(DeliveryUnit.id).where(DeliveryUnit.code == code))


def read_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def keyed(app):
    """Two people keyed on a York session on DAY (attended, unacceptable absence) and one
    booked but not keyed; one person keyed in Hull (another unit)."""
    world = World(app)
    project = world.project()
    session = world.session(project, DAY)
    attended = world.book(session, world.order(world.person("Siân", "Jones")))
    absent = world.book(session, world.order(world.person("Tom", "Hughes")))
    world.book(session, world.order(world.person("Aled", "Price")))
    world.key(session, attended, "ATTC")
    world.key(session, absent, "UAAB", start_time=None, end_time=None)
    hull = world.session(world.project(office="HUL"), DAY)
    world.key(hull, world.book(hull, world.order(world.person("Kwame", "Mensah"))), "ATTC")
    return world, session, attended, absent


def test_a_days_outcomes_are_exported_in_ndelius_terms(app, keyed):
    """Only York's unit, only keyed appointments: Hull's outcome and the unkeyed place stay out."""
    export = app.national_export.export_outcomes(DAY, unit_id(app))
    rows = read_rows(export.content)
    assert export.rows == len(rows) == 2
    by_code = {row["Outcome Code"]: row for row in rows}
    assert set(by_code) == {"ATTC", "UAAB"}
    attended = by_code["ATTC"]
    assert attended["Contact Date"] == "24/11/2026"
    assert attended["Hours Credited"] != "0:00" and attended["Correction"] == "N"
    assert by_code["UAAB"]["Enforceable"] == "Y"
    assert export.file_name.startswith("upw-outcomes-YNY-2026-11-24-")
    assert "Jones" not in export.file_name


def test_nothing_is_sent_twice_and_a_correction_is_marked(app, keyed):
    world, session, attended, absent = keyed
    first = app.national_export.export_outcomes(DAY, unit_id(app))
    assert first.rows == 2
    again = app.national_export.export_outcomes(DAY, unit_id(app))
    assert again.rows == 0 and again.already_sent == 2
    assert read_rows(again.content) == []

    world.key(session, absent, "AAME", start_time=None, end_time=None)   # corrected
    corrected = app.national_export.export_outcomes(DAY, unit_id(app))
    (row,) = read_rows(corrected.content)
    assert row["Outcome Code"] == "AAME" and row["Correction"] == "Y"
    assert corrected.corrections == 1 and corrected.already_sent == 1


def test_a_dry_run_marks_nothing(app, keyed):
    dry = app.national_export.export_outcomes(DAY, unit_id(app), dry_run=True)
    assert dry.rows == 2 and dry.describe().startswith("Dry run")
    assert app.national_export.export_outcomes(DAY, unit_id(app)).rows == 2


def test_the_export_is_audited_and_logged_without_names(app, keyed):
    export = app.national_export.export_outcomes(DAY, unit_id(app))
    with app.db.read() as session:
        audited = session.scalars(select(AuditEvent.changes)
                                  .where(AuditEvent.entity == "national_export")).all()
        logged = session.execute(select(AccessEvent.document, AccessEvent.recipient,
                                        AccessEvent.action)).all()
    assert len(audited) == 1 and '"rows": 2' in audited[0]
    assert len(logged) == 2 and {r.recipient for r in logged} == {"national_record"}
    assert export.rows == 2


def test_restricted_cases_wait_for_staff_named_on_them(app, keyed, signed_in_as):
    world, session, attended, absent = keyed
    coordinator = signed_in_as(Role.COORDINATOR)
    with app.db.read() as s:
        person_id = s.scalar(select(Appointment.person_id).where(Appointment.id == absent))
        version = s.scalar(select(Person.version).where(Person.id == person_id))
    app.restrictions.set_restriction(person_id, True, [app.ctx.actor_id], version=version)
    export = coordinator.national_export.export_outcomes(DAY, unit_id(app))
    assert export.rows == 1 and export.restricted_left_out == 1
    named = app.national_export.export_outcomes(DAY, unit_id(app))
    assert named.rows == 1


def test_only_those_who_key_registers_export(app, keyed, signed_in_as):
    for role in (Role.SUPERVISOR, Role.RESETTLEMENT_WORKER, Role.ADMINISTRATOR):
        with pytest.raises(CapabilityDeniedError):
            signed_in_as(role).national_export.export_outcomes(DAY, unit_id(app))
