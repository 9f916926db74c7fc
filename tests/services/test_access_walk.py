"""Walks every public method of every service the application builds, for every role and
signed out, and holds each to the permission table (upw_ttg/domain/permissions.py).

Nothing needs registering: each method is called, and the capability it asks the context for
(``ctx.require``) is what it is judged by. A method that touches the database before asking,
asks for no capability (only ``require_role`` or ``require_signed_in``), lets a role through that
the table denies, or refuses a role the table allows, is a violation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Role
from upw_ttg.domain.permissions import PERMISSIONS, Capability
from upw_ttg.errors import CapabilityDeniedError, PermissionDeniedError

TODAY = dt.date(2026, 11, 26)

# What sign-in and the first run need before anyone is signed in; nothing else is open.
OPEN_METHODS = {
    "staff.needs_first_administrator", "staff.create_first_administrator", "staff.sign_in",
    "staff.sign_out",
}
# Attributes of AppServices that are not services.
NOT_SERVICES = AppServices.HOUSEKEEPING


def service_objects(app: AppServices) -> Iterator[tuple[str, object]]:
    """Every service reachable from the application, including the lazily built groups."""
    names = sorted({n for n in dir(app) if not n.startswith("_")} - NOT_SERVICES)
    for name in names:
        value = getattr(app, name)
        if dataclasses.is_dataclass(value):
            for group_field in dataclasses.fields(value):
                if group_field.name not in NOT_SERVICES:  # a group's own context
                    yield f"{name}.{group_field.name}", getattr(value, group_field.name)
        elif hasattr(value, "_ctx"):
            yield name, value


def service_methods(app: AppServices) -> list[tuple[str, Callable]]:
    methods = []
    for name, service in service_objects(app):
        for method_name, _ in inspect.getmembers(type(service), inspect.isfunction):
            if not method_name.startswith("_"):
                methods.append((f"{name}.{method_name}", getattr(service, method_name)))
    return methods


def dummy(annotation: str):
    """A harmless value of roughly the right type: ids that match nothing, empty lists."""
    text = str(annotation)
    if text.startswith("int"):
        return 0
    if text.startswith("str"):
        return "x"
    if text.startswith("bool"):
        return False
    if "dt.datetime" in text:
        return dt.datetime.combine(TODAY, dt.time(10, 0))
    if "dt.date" in text:
        return TODAY
    if "Sequence" in text or "list" in text or "Iterable" in text:
        return []
    if "dict" in text:
        return {}
    if "set" in text:
        return frozenset()
    return None


def call_with_dummies(method: Callable) -> None:
    signature = inspect.signature(method)
    args, kwargs = [], {}
    for parameter in signature.parameters.values():
        if parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        value = dummy(parameter.annotation)
        if parameter.kind == parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    method(*args, **kwargs)


@dataclasses.dataclass
class Probe:
    """Records, for one call, the capabilities asked for and whether data was touched first."""

    asked: list[Capability] = dataclasses.field(default_factory=list)
    touched_before_check: bool = False

    def reset(self) -> None:
        self.asked.clear()
        self.touched_before_check = False


@pytest.fixture
def probe(app) -> Iterator[Probe]:
    record = Probe()
    ctx, db = app.ctx, app.db
    real_require, real_read, real_write = ctx.require, db.read, db.write

    def require(capability: Capability, *args):
        record.asked.append(capability)
        return real_require(capability, *args)

    def watched(opener):
        @contextmanager
        def open_unit():
            if not record.asked:
                record.touched_before_check = True
            with opener() as session:
                yield session
        return open_unit

    ctx.require = require
    db.read = watched(real_read)
    db.write = watched(real_write)
    yield record
    del ctx.require
    db.read, db.write = real_read, real_write


def walk(app: AppServices, probe: Probe) -> dict[str, tuple[Capability | None, Exception | None,
                                                             bool]]:
    """Call every method; for each, the first capability asked, what was raised, and whether
    the database was opened before the check."""
    outcomes = {}
    for name, method in service_methods(app):
        if name in OPEN_METHODS:
            continue
        probe.reset()
        error: Exception | None = None
        try:
            call_with_dummies(method)
        except Exception as exc:
            error = exc
        outcomes[name] = (probe.asked[0] if probe.asked else None, error,
                          probe.touched_before_check)
    return outcomes


def test_the_walk_finds_every_group_of_services(app):
    names = {name for name, _ in service_methods(app)}
    groups = {name.rsplit(".", 1)[0] for name in names}
    assert {"people", "staff", "roles", "restrictions", "upw.assessments", "upw.warrants",
            "attendance.registers", "attendance.work_sheets", "plans", "handover", "caseload",
            "ttg_printouts"} <= groups
    assert len(names) > 150


def test_signed_out_nothing_is_read_or_written(app, probe):
    app.ctx.actor = None
    violations = []
    for name, (capability, error, touched) in walk(app, probe).items():
        if capability is None:
            violations.append(f"{name}: asks for no capability")
        elif not isinstance(error, PermissionDeniedError):
            violations.append(f"{name}: signed out, raised {error!r}")
        if touched:
            violations.append(f"{name}: opened the database before checking")
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("role", list(Role))
def test_every_method_follows_the_table_for(role, app, probe, add_staff):
    member = add_staff(f"only_{role.value}", role)
    app.ctx.actor = member
    allowed = PERMISSIONS[role]
    violations = []
    for name, (capability, error, touched) in walk(app, probe).items():
        if capability is None:
            violations.append(f"{name}: asks for no capability")
            continue
        if capability in allowed:
            if isinstance(error, CapabilityDeniedError):
                violations.append(f"{name}: needs {capability}, which {role} has, but was "
                                  f"refused {error.capability}")
        else:
            if not (isinstance(error, CapabilityDeniedError) and error.capability == capability):
                violations.append(f"{name}: {role} lacks {capability} but got {error!r}")
            if touched:
                violations.append(f"{name}: opened the database before checking")
    assert violations == [], "\n".join(violations)


def test_the_walk_catches_a_method_that_reads_before_asking(app, probe, monkeypatch):
    """The walk's own check: a new method that reads without a capability is reported, and one
    that only asks for a role (the older ``require_role``) is reported as well."""
    from upw_ttg.services.people import PeopleService

    def leaky_count(self) -> int:
        with self._ctx.db.read() as session:
            return len(session.connection().exec_driver_sql("SELECT id FROM person").all())

    def role_only(self) -> None:
        self._ctx.require_role(Role.MANAGER)

    monkeypatch.setattr(PeopleService, "leaky_count", leaky_count, raising=False)
    monkeypatch.setattr(PeopleService, "role_only", role_only, raising=False)
    app.ctx.actor = None
    outcomes = walk(app, probe)
    assert outcomes["people.leaky_count"] == (None, None, True)
    capability, error, touched = outcomes["people.role_only"]
    assert capability is None and isinstance(error, PermissionDeniedError) and not touched
