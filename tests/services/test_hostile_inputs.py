"""Every public service method, called with hostile inputs, answers only with the project's
own errors and saves nothing when it refuses (on SQLite and PostgreSQL alike).

The methods are found by walking ``AppServices`` (the lazily built UPW, attendance and TTG
groups included), so a method added later is walked without touching this file. Arguments are
made from each method's annotations: long strings, NUL and control characters, lone
surrogates, dates from year 1 to 9999, None, integers beyond 2^31 and 2^63, negative numbers,
mixed with plausible values (small ids, codes already in the database) so that calls get past
the first check. The seed is fixed, so a run is repeatable.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.demo import generate_demo
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.errors import UpwError
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.models import Staff

from tests.conftest import PG_URL, TODAY, reset_postgres_schema
from tests.services.hostile_support import (
    HOSTILE_INTS,
    HOSTILE_TEXTS,
    ArgumentMaker,
    CommitCounter,
    WalkedMethod,
    known_texts,
    row_counts,
    walk_methods,
)

EXAMPLES_PER_METHOD = 12
READ_EXAMPLES_PER_METHOD = 16
# A refused sign-in deliberately records the failed attempt (it counts towards the lock-out).
# Checking a password counts a wrong one on purpose (the sign-in slow-down), refused or not.
MAY_SAVE_WHEN_REFUSING = frozenset({"staff.sign_in", "staff.change_password", "staff.unlock"})
# Names that mark a method as a search or a list: it takes text to look for or a page size.
READ_PARAMETERS = frozenset({"text", "limit", "offset", "date_from", "date_to", "role",
                             "status", "entity", "entity_id", "key"})
READ_PREFIXES = ("list_", "search", "count", "register", "spend", "closures", "events_for")

# Walking needs no database: the services only reach it when called.
# (The database and the location are never touched, so None stands in for both.)
UNCONNECTED = AppServices(None, None)  # type: ignore[arg-type]
METHODS: dict[str, WalkedMethod] = {method.path: method
                                    for method in walk_methods(UNCONNECTED)}
READ_METHODS = sorted(path for path, method in METHODS.items()
                      if method.name.startswith(READ_PREFIXES))


@dataclass
class Walk:
    """The application under attack, and what the attack has found so far."""

    app: AppServices
    actor: StaffMember
    maker: ArgumentMaker
    commits: CommitCounter
    calls: int = 0
    raw: list[str] = field(default_factory=list)
    half_saved: list[str] = field(default_factory=list)

    def call(self, path: str, kwargs: dict[str, Any], *, read_only: bool = False) -> None:
        """Call one method; record a raw exception or a refused call that saved something."""
        self.app.ctx.actor = self.actor
        self.calls += 1
        before_commits = self.commits.count
        before_rows = row_counts(self.app.db)
        try:
            METHODS[path].bind(self.app)(**kwargs)
        except UpwError:
            committed = self.commits.count != before_commits
            after_rows = row_counts(self.app.db)
            grew = {table for table in after_rows if after_rows[table] != before_rows[table]}
            if path in MAY_SAVE_WHEN_REFUSING:
                # What a refused password check may leave: its audit row, and the count of
                # wrong attempts against a name that is not an account.
                grew -= {"audit_event", "unknown_name_sign_in"}
            if (committed and path not in MAY_SAVE_WHEN_REFUSING) or grew:
                self.half_saved.append(f"{path}({_short(kwargs)})")
            return
        except Exception as exc:
            self.raw.append(f"{path}: {type(exc).__name__}: {str(exc)[:160]} "
                            f"with ({_short(kwargs)})")
            return
        if read_only and (self.commits.count != before_commits
                          or row_counts(self.app.db) != before_rows):
            self.half_saved.append(f"{path} changed the database ({_short(kwargs)})")


def _short(kwargs: dict[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}"[:80] for name, value in kwargs.items())


def _add_walk_administrator(db: Database) -> StaffMember:
    with db.write() as session:
        row = Staff(username="walker", full_name="Walter Walker", role=Role.ADMINISTRATOR,
                    gender=Gender.NOT_STATED, password_hash="not-used", active=True,
                    failed_sign_ins=0)
        session.add(row)
        session.flush()
        return StaffMember(row.id, row.username, row.full_name, row.role, row.gender, None, True)


@pytest.fixture(scope="module")
def walk_database(tmp_path_factory, sqlite_template, _postgres_migrated) -> Iterator[str]:
    """A database with the small demo data, shared by the whole walk."""
    if PG_URL:
        reset_postgres_schema(PG_URL)
        url = PG_URL
    else:
        target = tmp_path_factory.mktemp("walk") / "upw-ttg.db"
        target.write_bytes(sqlite_template.read_bytes())
        url = sqlite_url(target)
    db = Database(url)
    try:
        generate_demo(db, "small", today=TODAY)
    finally:
        db.dispose()
    yield url
    if PG_URL:
        # The demo changed the reference tables the other tests rely on: start them afresh.
        reset_postgres_schema(PG_URL)


@pytest.fixture(scope="module")
def walk_actor(walk_database) -> StaffMember:
    """Who the walk is signed in as: an administrator, so that permissions do not hide the
    checks behind them. A refusal for lack of permission is still one of the project's own
    errors, so a change of roles keeps the walk valid."""
    db = Database(walk_database)
    try:
        return _add_walk_administrator(db)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def walk(walk_database, walk_actor, tmp_path_factory) -> Iterator[Walk]:
    folder: Path = tmp_path_factory.mktemp("walk-files")
    app = build_services(Database(walk_database), AppLocation(folder, walk_database))
    app.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(10, 30))
    state = Walk(app, walk_actor, ArgumentMaker(known_texts(app.db), folder),
                 CommitCounter(app.db))
    yield state
    print(f"\nHostile-input walk: {len(METHODS)} methods, {state.calls} calls, "
          f"{len(state.raw)} raw exceptions, {len(state.half_saved)} half-saved.")
    report = os.environ.get("UPW_TTG_HOSTILE_REPORT")
    if report:
        lines = (" ".join(line.split()) for line in state.raw + state.half_saved)
        Path(report).write_text("\n".join(lines), encoding="utf-8", errors="backslashreplace")
    app.close()


def _run(walk: Walk, path: str, strategy: st.SearchStrategy[dict[str, Any]], examples: int,
         *, read_only: bool = False) -> None:
    raw_before, half_before = len(walk.raw), len(walk.half_saved)

    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(kwargs=strategy)
    def attack(kwargs: dict[str, Any]) -> None:
        walk.call(path, kwargs, read_only=read_only)

    attack()
    raw, half_saved = walk.raw[raw_before:], walk.half_saved[half_before:]
    assert not raw, f"{len(raw)} raw exceptions:\n" + "\n".join(raw[:10])
    assert not half_saved, "Refused calls that saved something:\n" + "\n".join(half_saved[:10])


def _hostile_like(value: Any) -> st.SearchStrategy[Any]:
    """A hostile value of the same kind as a plausible one: text for text, and so on."""
    if isinstance(value, enum.Enum):
        return st.just(value)
    if isinstance(value, str):
        return st.sampled_from(HOSTILE_TEXTS)
    if isinstance(value, int) and not isinstance(value, bool):
        return st.sampled_from(HOSTILE_INTS)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return st.sampled_from((dt.date.min, dt.date.max, dt.date(1899, 12, 31)))
    return st.just(value)


def test_the_walk_finds_every_service_group():
    groups = {path.split(".")[0] for path in METHODS}
    assert {"people", "orders", "custody", "staff", "settings", "calendar", "upw",
            "attendance", "plans", "handover", "caseload", "ttg_printouts"} <= groups
    assert len(METHODS) > 150


@pytest.mark.parametrize("path", sorted(METHODS))
def test_hostile_inputs_give_only_project_errors(walk, path):
    method = METHODS[path].bind(walk.app)
    _run(walk, path, walk.maker.for_method(method), EXAMPLES_PER_METHOD)


@pytest.mark.parametrize("path", READ_METHODS)
def test_searches_and_lists_survive_hostile_text_and_limits(walk, path):
    method = METHODS[path].bind(walk.app)
    strategy = walk.maker.for_method(method).flatmap(
        lambda kwargs: st.fixed_dictionaries(
            {name: (_hostile_like(value) if name in READ_PARAMETERS else st.just(value))
             for name, value in kwargs.items()}))
    _run(walk, path, strategy, READ_EXAMPLES_PER_METHOD, read_only=True)
