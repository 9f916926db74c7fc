"""The demo-data generator: every table filled, seeded, consistent, refusing and cancelling."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from upw_ttg.demo import DEMO_PASSWORD, SCALES, DemoSummary, generate_demo
from upw_ttg.domain.codes import Gender
from upw_ttg.domain.custody import expected_release
from upw_ttg.domain.text import fold
from upw_ttg.errors import Cancelled, UpwError
from upw_ttg.security import verify_password
from upw_ttg.storage.backup import check_sqlite_file
from upw_ttg.storage.chain import check_chains
from upw_ttg.storage.database import Database
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import Base

from tests.narrowing import present

TODAY = dt.date(2026, 11, 26)
PG_URL = os.environ.get("UPW_TTG_TEST_DATABASE_URL")


def _sqlite(path: Path) -> Database:
    db = Database(f"sqlite+pysqlite:///{path}")
    upgrade(db)
    return db


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Iterator[tuple[Database, Path, DemoSummary, list]]:
    """One small demo database shared by the read-only tests below (generating takes ~1 s)."""
    path = tmp_path_factory.mktemp("demo") / "d.db"
    db = _sqlite(path)
    calls: list = []
    summary = generate_demo(db, "small", today=TODAY,
                            progress=lambda done, total, text: calls.append((done, total, text)))
    yield db, path, summary, calls
    db.dispose()


def _scalar(db: Database, sql: str, **params) -> Any:  # raw SQL: a count, share or text
    with db.read() as session:
        return session.execute(text(sql), params).scalar()


def _digest(db: Database) -> str:
    """A digest of people, orders, sessions and appointments in id order."""
    digest = hashlib.sha256()
    with db.read() as session:
        for table in ("person", "upw_order", "upw_session", "appointment", "custody_episode",
                      "travel_warrant"):
            columns = list(Base.metadata.tables[table].columns)
            for row in session.execute(select(*columns).order_by(columns[0])):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_api_names_the_three_scales():
    assert SCALES == ("small", "crc", "national")
    assert DEMO_PASSWORD == "demo-password"


def test_every_table_has_rows(small):
    db, _path, summary, _calls = small
    empty = []
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            if not session.scalar(select(func.count()).select_from(table)):
                empty.append(table.name)
    assert empty == []
    assert summary.scale == "small"
    assert 250 <= summary.counts["person"] <= 350
    assert 2_000 <= summary.counts["appointment"] <= 12_000
    assert 40 <= summary.counts["custody_episode"] <= 100
    assert summary.seconds < 5


def test_a_share_of_plans_and_reviews_point_at_the_directory(small):
    """Fallbacks, actions, first nights, GPs and pharmacies: some from the directory (its
    details print as they are), the rest typed (rule TTG-DIR4)."""
    db, _path, _summary, _calls = small
    shares = {
        "need fallbacks": "SELECT avg(fallback_provider_id IS NOT NULL) FROM plan_need "
                          "WHERE fallback_contact IS NOT NULL",
        "days of release": "SELECT avg(release_fallback_provider_id IS NOT NULL) FROM "
                           "resettlement_plan WHERE release_fallback_contact IS NOT NULL",
        "actions": "SELECT avg(provider_id IS NOT NULL) FROM plan_action",
        "first nights": "SELECT avg(accommodation_provider_id IS NOT NULL) FROM "
                        "pre_release_review WHERE accommodation_found",
        "GPs": "SELECT avg(gp_provider_id IS NOT NULL) FROM pre_release_review "
               "WHERE gp_details IS NOT NULL",
        "pharmacies": "SELECT avg(prescriptions_provider_id IS NOT NULL) FROM "
                      "pre_release_review WHERE prescriptions_arranged",
    }
    for what, sql in shares.items():
        assert 0.1 <= float(_scalar(db, sql)) <= 0.6, what
    # A linked record keeps the provider's name as its text, as a picked one does.
    assert _scalar(db, "SELECT count(*) FROM pre_release_review r JOIN service_provider p "
                       "ON p.id = r.gp_provider_id WHERE r.gp_details <> p.name") == 0
    assert _scalar(db, "SELECT count(*) FROM plan_action a JOIN service_provider p "
                       "ON p.id = a.provider_id WHERE a.owner <> p.name") == 0


def test_progress_is_reported_per_stage(small):
    _db, _path, _summary, calls = small
    assert len(calls) > 10
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert calls[-1][0] == calls[-1][1]


def test_the_file_passes_integrity_and_foreign_key_checks(small):
    db, path, _summary, _calls = small
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    result = check_sqlite_file(path)
    assert result.ok, result.describe()


def test_no_session_is_over_capacity(small):
    db = small[0]
    over = _scalar(db, """
        SELECT count(*) FROM (
          SELECT s.id, count(a.id) AS n, p.capacity AS cap, v.seats AS seats,
                 sum(CASE WHEN a.travels_by_van THEN 1 ELSE 0 END) AS vans,
                 1 + (SELECT count(*) FROM session_supervisor x WHERE x.session_id = s.id) AS sup
          FROM upw_session s JOIN project p ON p.id = s.project_id
          LEFT JOIN van v ON v.id = s.van_id JOIN appointment a ON a.session_id = s.id
          GROUP BY s.id, p.capacity, v.seats) t
        WHERE n > cap OR n > sup * 6 OR (seats IS NOT NULL AND vans > seats)""")
    assert over == 0


def test_placing_rules_hold(small):
    db = small[0]
    checks = {
        "woman on a mixed session": """
            SELECT count(*) FROM appointment a JOIN person p ON p.id = a.person_id
            JOIN upw_session s ON s.id = a.session_id
            WHERE p.gender = 'female' AND NOT s.female_only""",
        "man on a women-only session": """
            SELECT count(*) FROM appointment a JOIN person p ON p.id = a.person_id
            JOIN upw_session s ON s.id = a.session_id
            WHERE p.gender = 'male' AND s.female_only""",
        "one person twice on a day": """
            SELECT count(*) FROM (SELECT a.person_id, s.session_date FROM appointment a
            JOIN upw_session s ON s.id = a.session_id GROUP BY 1, 2 HAVING count(*) > 1) t""",
        "keep-apart pair together": """
            SELECT count(*) FROM keep_apart k
            JOIN appointment a ON a.person_id = k.person_a_id
            JOIN appointment b ON b.person_id = k.person_b_id AND b.session_id = a.session_id""",
        "risk to children at a children's site": """
            SELECT count(*) FROM appointment a JOIN upw_assessment x ON x.order_id = a.order_id
            JOIN upw_session s ON s.id = a.session_id
            JOIN project_tag t ON t.project_id = s.project_id AND t.tag = 'children_present'
            WHERE x.risk_to_children""",
        "supervisor of the wrong gender": """
            SELECT count(*) FROM appointment a JOIN upw_assessment x ON x.order_id = a.order_id
            JOIN upw_session s ON s.id = a.session_id JOIN staff st ON st.id = s.supervisor_id
            WHERE (x.no_female_supervisor AND st.gender = 'female')
               OR (x.no_male_supervisor AND st.gender = 'male')""",
        "session before sentence or after the deadline": """
            SELECT count(*) FROM appointment a JOIN upw_order o ON o.id = a.order_id
            JOIN upw_session s ON s.id = a.session_id
            WHERE s.session_date < o.sentence_date OR s.session_date > coalesce(
              (SELECT max(e.new_deadline) FROM order_extension e WHERE e.order_id = o.id),
              o.deadline)""",
        "supervisor on two sessions a day": """
            SELECT count(*) FROM (SELECT staff_id, d FROM (
              SELECT supervisor_id AS staff_id, session_date AS d FROM upw_session
              UNION ALL SELECT x.staff_id, s.session_date FROM session_supervisor x
              JOIN upw_session s ON s.id = x.session_id) t GROUP BY 1, 2
              HAVING count(*) > 1) u""",
        "outcome on a future session": """
            SELECT count(*) FROM appointment a JOIN upw_session s ON s.id = a.session_id
            WHERE s.session_date >= :today AND a.outcome_code IS NOT NULL""",
        "credit for an absence": """
            SELECT count(*) FROM appointment WHERE minutes_credited > 0
            AND (outcome_code IS NULL OR outcome_code NOT IN ('ATTC', 'AFTC', 'ATSH', 'ATSS'))""",
        "travel time over 180 minutes": """
            SELECT count(*) FROM adjustment WHERE kind = 'travel_time'
            AND (minutes < -180 OR minutes > 0)""",
    }
    with db.read() as session:
        broken = {name: session.execute(text(sql), {"today": TODAY}).scalar()
                  for name, sql in checks.items()}
    assert broken == dict.fromkeys(checks, 0)


def test_balances_never_go_below_zero_and_completed_orders_are_paid_off(small):
    db = small[0]
    with db.read() as session:
        rows = session.execute(text("""
            SELECT o.hours_ordered * 60
                   + coalesce((SELECT sum(j.minutes) FROM adjustment j
                               WHERE j.order_id = o.id AND j.status = 'approved'), 0)
                   - coalesce((SELECT sum(a.minutes_credited) FROM appointment a
                               WHERE a.order_id = o.id), 0),
                   o.completed_on, o.status
            FROM upw_order o""")).all()
    assert all(balance >= 0 for balance, _done, _status in rows)
    assert all(balance == 0 for balance, done, _status in rows if done is not None)
    statuses = {status for _b, _d, status in rows}
    assert {"active", "completed", "closed"} <= statuses


def test_warrant_serials_have_no_gaps_and_next_serial_follows(small):
    db = small[0]
    with db.read() as session:
        serials: dict[int, list[int]] = {}
        for office_id, serial in session.execute(text(
                "SELECT office_id, serial FROM travel_warrant ORDER BY office_id, serial")):
            serials.setdefault(office_id, []).append(serial)
        next_serial = dict(session.execute(text(
            "SELECT office_id, next_serial FROM warrant_serial")).all())
    for office_id, numbers in serials.items():
        assert numbers == list(range(1, len(numbers) + 1))
        assert next_serial[office_id] == len(numbers) + 1


def test_women_in_custody_only_at_askham_grange(small):
    db = small[0]
    with db.read() as session:
        rows = session.execute(text("""
            SELECT p.gender, x.code, count(*) FROM custody_episode e
            JOIN person p ON p.id = e.person_id JOIN prison x ON x.id = e.prison_id
            GROUP BY 1, 2""")).all()
    assert {code for gender, code, _n in rows if gender == "female"} == {"AGI"}
    assert "AGI" not in {code for gender, code, _n in rows if gender == "male"}


def test_expected_release_dates_follow_the_precedence(small):
    db = small[0]
    fields = ["confirmed_release_date", "hdc_approved_date", "conditional_release_date",
              "automatic_release_date"]
    with db.read() as session:
        rows = session.execute(text(
            f"SELECT {', '.join(fields)}, expected_release_date, expected_release_type "
            "FROM custody_episode")).all()
    for row in rows:
        dates = {f: (dt.date.fromisoformat(v) if isinstance(v, str) else v)
                 for f, v in zip(fields, row[:4], strict=True)}
        expected, kind = expected_release(dates)
        found = row[4] if not isinstance(row[4], str) else dt.date.fromisoformat(row[4])
        assert found == expected
        assert row[5] == (kind.value if kind else None)


def test_people_are_searchable_and_names_are_not_all_ascii(small):
    db = small[0]
    with db.read() as session:
        rows = session.execute(text(
            "SELECT crn, surname, forename, search_surname, search_forename FROM person"))
        rows = rows.all()
    assert all(s == fold(surname) and f == fold(forename) for _c, surname, forename, s, f in rows)
    assert any(not (surname + forename).isascii() for _c, surname, forename, _s, _f in rows)
    assert len({crn for crn, *_ in rows}) == len(rows)


def test_demo_accounts_share_the_documented_password(small):
    db = small[0]
    with db.read() as session:
        accounts = session.execute(text("SELECT username, role, password_hash FROM staff"))
        accounts = accounts.all()
    roles = {role for _u, role, _h in accounts}
    assert roles == {"administrator", "coordinator", "supervisor", "resettlement_worker",
                     "manager"}
    assert len({h for _u, _r, h in accounts}) == 1
    admin_hash = next(h for u, _r, h in accounts if u == "admin")
    assert verify_password(DEMO_PASSWORD, admin_hash)


def test_a_second_run_refuses(small):
    db = small[0]
    before = _scalar(db, "SELECT count(*) FROM person")
    with pytest.raises(UpwError, match="already holds people"):
        generate_demo(db, "small", today=TODAY)
    assert _scalar(db, "SELECT count(*) FROM person") == before


def test_an_unknown_scale_is_refused(tmp_path):
    db = _sqlite(tmp_path / "d.db")
    try:
        with pytest.raises(UpwError, match="no demo scale"):
            generate_demo(db, "huge", today=TODAY)
    finally:
        db.dispose()


def test_the_same_seed_gives_the_same_data(tmp_path, small):
    first = small[0]
    second = _sqlite(tmp_path / "again.db")
    try:
        generate_demo(second, "small", today=TODAY)
        assert _digest(first) == _digest(second)
        other = _sqlite(tmp_path / "other.db")
        try:
            generate_demo(other, "small", seed=7, today=TODAY)
            assert _digest(other) != _digest(first)
        finally:
            other.dispose()
    finally:
        second.dispose()


@pytest.mark.parametrize("after_calls", [1, 20])
def test_cancelling_saves_nothing(tmp_path, after_calls):
    db = _sqlite(tmp_path / "d.db")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= after_calls

    try:
        with pytest.raises(Cancelled):
            generate_demo(db, "small", today=TODAY, cancelled=cancelled)
        assert _scalar(db, "SELECT count(*) FROM person") == 0
        assert _scalar(db, "SELECT count(*) FROM staff") == 0
        assert _scalar(db, "SELECT count(*) FROM appointment") == 0
    finally:
        db.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="set UPW_TTG_TEST_DATABASE_URL to run PostgreSQL tests")
def test_postgresql_gets_every_table_and_sequences_move_on():
    db = Database(present(PG_URL))
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade(db)
        summary = generate_demo(db, "small", today=TODAY)
        with db.read() as session:
            empty = [t.name for t in Base.metadata.sorted_tables
                     if not session.scalar(select(func.count()).select_from(t))]
        assert empty == []
        assert summary.counts["person"] == _scalar(db, "SELECT count(*) FROM person")
        with pytest.raises(UpwError):
            generate_demo(db, "small", today=TODAY)
        # The ids were assigned by the generator: the next ordinary insert must not collide.
        with db.engine.connect() as connection:
            for table in ("person", "appointment", "closure_date"):
                highest = connection.execute(text(f"SELECT max(id) FROM {table}")).scalar()
                following = connection.execute(text(
                    f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")).scalar()
                assert following == present(highest) + 1
            connection.rollback()
        women = _scalar(db, """
            SELECT count(*) FROM custody_episode e JOIN person p ON p.id = e.person_id
            JOIN prison x ON x.id = e.prison_id WHERE p.gender = 'female' AND x.code <> 'AGI'""")
        assert women == 0
    finally:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade(db)
        db.dispose()


def test_every_completed_demo_plan_passes_the_completion_gate(small):
    """Demo data never shows a plan as complete that the application would refuse."""
    import datetime as dt

    from sqlalchemy import select

    from upw_ttg.bootstrap import AppLocation, build_services
    from upw_ttg.domain.codes import Role
    from upw_ttg.records.staff import StaffMember
    from upw_ttg.storage.models import ResettlementPlan

    db, path, _summary, _progress = small
    url = str(db.url)
    services = build_services(Database(url), AppLocation(path.parent, url))
    try:
        services.ctx.now = lambda: dt.datetime(2026, 11, 26, 10, 30)
        services.ctx.actor = StaffMember(1, "admin", "Admin", Role.ADMINISTRATOR,
                                         Gender.NOT_STATED, None, True)
        with services.db.read() as session:
            complete = session.scalars(select(ResettlementPlan.id).where(
                ResettlementPlan.status == "complete")).all()
        assert complete
        refused = {plan_id: services.plans.missing_for_completion(plan_id)
                   for plan_id in complete}
        assert {k: v for k, v in refused.items() if v} == {}
    finally:
        services.close()


def test_the_demo_run_is_recorded_in_an_unbroken_trail(small):
    db, _path, _summary, _calls = small
    assert _scalar(db, "SELECT COUNT(*) FROM audit_event WHERE entity = 'demo_data'") == 1
    assert _scalar(db, "SELECT COUNT(*) FROM access_event") > 0
    assert all(check.ok for check in check_chains(db))


def test_demo_databases_are_marked(small):
    db = small[0]
    assert _scalar(db, "SELECT scale FROM demo_marker") == "small"


def test_a_database_with_a_real_administrator_gets_no_demo_accounts(tmp_path, capsys,
                                                                    monkeypatch):
    from upw_ttg.cli.main import main as cli_main
    from upw_ttg.demo import DemoRefusedError

    monkeypatch.delenv("UPW_TTG_DATABASE_URL", raising=False)
    db = _sqlite(tmp_path / "upw-ttg.db")
    try:
        with db.write() as session:
            session.execute(text(
                "INSERT INTO staff (username, full_name, role, gender, password_hash, active, "
                "failed_sign_ins, version) VALUES ('real', 'Real Admin', 'administrator', "
                "'not_stated', 'scrypt$x', 1, 0, 1)"))
        with pytest.raises(DemoRefusedError, match="--data-dir"):
            generate_demo(db, "small", today=TODAY)
        assert _scalar(db, "SELECT count(*) FROM staff") == 1
    finally:
        db.dispose()
    assert cli_main(["demo", "--data-dir", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "real data" in error and "--data-dir" in error
    db = Database(f"sqlite+pysqlite:///{tmp_path / 'upw-ttg.db'}")
    try:
        assert _scalar(db, "SELECT count(*) FROM staff") == 1
        assert _scalar(db, "SELECT count(*) FROM demo_marker") == 0
    finally:
        db.dispose()


def test_no_demo_warning_is_given_where_an_earlier_one_obliged_referral(small):
    """The demo decides warnings by the service's own rule (calendar months from the setting,
    anchored on the failure), so no second warning falls inside an earlier one's period."""
    from upw_ttg.domain.enforcement import warning_covers
    from upw_ttg.domain.settings import SETTINGS_BY_KEY

    months = int(SETTINGS_BY_KEY["upw.warning_period_months"].default)
    db = small[0]
    with db.read() as session:
        rows = session.execute(text(
            "SELECT a.order_id, a.action_date, s.session_date FROM enforcement_action a "
            "JOIN appointment p ON p.id = a.appointment_id "
            "JOIN upw_session s ON s.id = p.session_id "
            "WHERE a.action_code = 'EA02' ORDER BY a.order_id, a.action_date, a.id")).all()
    earlier: dict[int, list[dt.date]] = {}
    checked = 0
    for order_id, warned_on, failed_on in rows:
        warned_on, failed_on = _as_date(warned_on), _as_date(failed_on)
        assert not any(warning_covers(w, failed_on, warned_on, months)
                       for w in earlier.get(order_id, [])), (order_id, warned_on)
        earlier.setdefault(order_id, []).append(warned_on)
        checked += 1
    assert checked > 10


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
