"""Restricted cases in every list and every action (rule ACC-2): staff not named on a case see
only its name and CRN in each list the screens show, and cannot act on it; the staff named on it
see and work everything, as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.demo import generate_demo
from upw_ttg.domain.codes import AdjustmentKind, Gender, Role, WarrantStatus
from upw_ttg.domain.crediting import ENFORCEABLE_CODES
from upw_ttg.domain.enforcement import Decision
from upw_ttg.errors import RestrictedCaseError
from upw_ttg.records.people import PersonRow
from upw_ttg.records.ttg import ReferralInput, ReviewInput
from upw_ttg.records.upw import AutoFillProposal, ProposedPlacement, StandDownReason
from upw_ttg.services.access import RESTRICTED_TEXT
from upw_ttg.services.attendance.work_sheets import RESTRICTED_ON_SHEET
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import (
    Adjustment,
    Appointment,
    BookingBreach,
    CustodyEpisode,
    KeepApart,
    Person,
    PersonAccess,
    Referral,
    ResettlementPlan,
    SessionSupervisor,
    TravelWarrant,
    UpwOrder,
    UpwSession,
)

from tests.conftest import PG_URL, TODAY, _truncate_postgres, write_staff
from tests.narrowing import present
from tests.pdf_support import pdf_text

ROLES = (Role.COORDINATOR, Role.MANAGER, Role.SUPERVISOR, Role.RESETTLEMENT_WORKER)
KEPT = {"crn", "name", "person_name", "surname", "forename", "row_number", "id", "version"}
BLANKS = (None, False, 0, (), RESTRICTED_TEXT)


@dataclasses.dataclass
class World:
    """A small demo service with every case restricted: for each role, a member named on
    every case and one named on none; and the session both supervisors lead."""

    named: dict[Role, AppServices]
    other: dict[Role, AppServices]
    session_id: int
    baseline: dict[tuple[str, Role], list]


def _rows_of(value) -> list:
    """The rows about people in a list service's answer (a list, or a screen's record)."""
    if isinstance(value, list):
        return value
    lists = [getattr(value, f.name) for f in dataclasses.fields(value)]
    return [row for rows in lists if isinstance(rows, tuple) for row in rows
            if hasattr(row, "person_id")]


# What each list is, who reads it, and how it is asked for.
LISTS: dict[str, tuple[tuple[Role, ...], Callable[[AppServices, int], object]]] = {
    "people list": ((Role.COORDINATOR, Role.MANAGER, Role.RESETTLEMENT_WORKER),
                    lambda s, _sid: s.people.list_page(0, 40)),
    "waiting list": ((Role.COORDINATOR, Role.MANAGER),
                     lambda s, _sid: s.upw.planner.waiting(week_start=TODAY)),
    "session detail": ((Role.COORDINATOR, Role.MANAGER),
                       lambda s, sid: s.upw.sessions.detail(sid)),
    "broken bookings": ((Role.COORDINATOR, Role.MANAGER), lambda s, _sid: s.upw.broken.list()),
    "enforcement queue": ((Role.COORDINATOR, Role.MANAGER),
                          lambda s, _sid: s.attendance.enforcement.queue()),
    "outstanding outcomes": ((Role.COORDINATOR, Role.MANAGER),
                             lambda s, _sid: s.attendance.registers.outstanding_outcomes()),
    "forecast": ((Role.COORDINATOR, Role.MANAGER),
                 lambda s, _sid: s.attendance.forecast.forecast()),
    "reviews due": ((Role.COORDINATOR, Role.MANAGER),
                    lambda s, _sid: s.attendance.forecast.reviews_due()),
    "completion letters due": ((Role.COORDINATOR, Role.MANAGER),
                               lambda s, _sid: s.attendance.letters.completion_letters_due()),
    "travel tasks": ((Role.COORDINATOR, Role.MANAGER),
                     lambda s, _sid: s.attendance.ledger.travel_tasks()),
    "warrants": ((Role.COORDINATOR, Role.MANAGER), lambda s, _sid: s.upw.warrants.register()),
    "register": ((Role.COORDINATOR, Role.MANAGER, Role.SUPERVISOR),
                 lambda s, sid: s.attendance.registers.load_register(sid)),
    "work sheet": ((Role.COORDINATOR, Role.MANAGER, Role.SUPERVISOR),
                   lambda s, sid: list(s.attendance.work_sheets.work_sheet(sid).rows)),
    "caseload": ((Role.RESETTLEMENT_WORKER, Role.MANAGER),
                 lambda s, _sid: s.caseload.caseload()),
    "handovers to chase": ((Role.RESETTLEMENT_WORKER, Role.MANAGER),
                           lambda s, _sid: s.handover.chasers()),
}
CASES = [(name, role) for name, (roles, _call) in LISTS.items() for role in roles]


def _database(tmp_path: Path) -> str:
    if PG_URL:
        db = Database(PG_URL)
        _truncate_postgres(db)
        db.dispose()
        return PG_URL
    url = sqlite_url(tmp_path / "restricted.db")
    db = Database(url)
    upgrade(db)
    db.dispose()
    return url


@pytest.fixture(scope="module")
def world(tmp_path_factory, fast_hash, _postgres_migrated) -> Iterator[World]:
    tmp_path = tmp_path_factory.mktemp("restricted")
    url = _database(tmp_path)
    db = Database(url)
    generate_demo(db, "small", today=TODAY)
    made: list[AppServices] = []

    def member(username: str, role: Role) -> AppServices:
        services = build_services(Database(url), AppLocation(tmp_path, url))
        services.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(17, 30))
        services.ctx.actor = write_staff(db, username, username.title(), role, fast_hash,
                                        Gender.FEMALE)
        made.append(services)
        return services

    named = {role: member(f"named_{role.value}", role) for role in ROLES}
    other = {role: member(f"other_{role.value}", role) for role in ROLES}
    with db.write() as session:
        # The most recent past session with people on it and every outcome keyed: both
        # supervisors join it.
        session_id = session.scalars(
            select(UpwSession.id).join(Appointment, Appointment.session_id == UpwSession.id)
            .where(UpwSession.session_date < TODAY).group_by(UpwSession.id)
            .having(func.count(Appointment.id) >= 2,
                    func.count(Appointment.outcome_code) == func.count(Appointment.id))
            .order_by(UpwSession.session_date.desc(), UpwSession.id).limit(1)).one()
        for services in (named[Role.SUPERVISOR], other[Role.SUPERVISOR]):
            session.add(SessionSupervisor(session_id=session_id,
                                          staff_id=present(services.ctx.actor).id))
    baseline = {(name, role): _rows_of(LISTS[name][1](named[role], session_id))
                for name, role in CASES}
    with db.write() as session:
        session.execute(update(Person).values(restricted=True))
        people = session.scalars(select(Person.id)).all()
        session.execute(insert(PersonAccess), [
            {"person_id": pid, "staff_id": present(services.ctx.actor).id}
            for services in named.values() for pid in people])
    yield World(named, other, session_id, baseline)
    for services in made:
        services.close()
    db.dispose()


def _assert_only_name_and_crn(row, before) -> None:
    if isinstance(row, PersonRow):
        assert row.limited and row.date_of_birth is None and row.town is None
        return
    if not hasattr(row, "person_id"):  # a work sheet row: the name, CRN and row number
        assert (row.pickup_point, row.pickup_time, row.alerts) == ("—", None,
                                                                   (RESTRICTED_ON_SHEET,))
        return
    for f in dataclasses.fields(row):
        value = getattr(row, f.name)
        if f.name in KEPT or f.name.endswith(("_id", "_version")):
            assert value == getattr(before, f.name), f.name
        else:
            assert any(value is blank or value == blank for blank in BLANKS), (f.name, value)
            assert type(value) is not str or value == RESTRICTED_TEXT


@pytest.mark.parametrize(("list_name", "role"), CASES,
                         ids=[f"{n}-{r.value}" for n, r in CASES])
def test_staff_not_named_see_only_name_and_crn_in_every_list(world, list_name, role):
    call = LISTS[list_name][1]
    before = world.baseline[(list_name, role)]
    assert before, f"the demo data should put someone on the {list_name}"
    # The member named on every case sees what they saw before (now marked restricted).
    assert [_unmarked(r) for r in _rows_of(call(world.named[role], world.session_id))] == before
    seen = _rows_of(call(world.other[role], world.session_id))
    assert len(seen) == len(before)
    for row, old in zip(seen, before, strict=True):
        assert _name_and_crn(row) == _name_and_crn(old)
        _assert_only_name_and_crn(row, old)


def _name_and_crn(row) -> tuple[str, str]:
    if isinstance(row, PersonRow):
        return f"{row.surname}, {row.forename}", row.crn
    return getattr(row, "name", None) or row.person_name, row.crn


def _unmarked(row):
    return dataclasses.replace(row, restricted=False) if isinstance(row, PersonRow) else row


# ---- Acting on a restricted case ------------------------------------------------------------

def _first(services: AppServices, query):
    with services.db.read() as session:
        found = session.execute(query.limit(1)).first()
    assert found is not None, f"the demo data should have a row for {query}"
    return found


# Each action, who would take it, and how: ``ids`` reads what it acts on from the demo data.
ACTIONS: dict[str, tuple[Role, Callable[[AppServices], object]]] = {
    "enforcement decision": (Role.COORDINATOR, lambda s: s.attendance.enforcement.decide(
        _first(s, select(Appointment.id).where(Appointment.outcome_code.in_(
            ENFORCEABLE_CODES)))[0], Decision.WARN)),
    "enforcement action": (Role.COORDINATOR, lambda s: s.attendance.enforcement.record_action(
        _first(s, select(UpwOrder.id))[0], "ROM")),
    "evidence": (Role.COORDINATOR, lambda s: s.attendance.enforcement.record_evidence(
        _first(s, select(Appointment.id).where(Appointment.outcome_code.is_not(None)))[0],
        TODAY)),
    "adjustment": (Role.COORDINATOR, lambda s: s.attendance.ledger.add_adjustment(
        _first(s, select(UpwOrder.id))[0], AdjustmentKind.OTHER, 60, "Court varied the order")),
    "travel time": (Role.COORDINATOR, lambda s: s.attendance.ledger.decide_travel_time(
        _first(s, select(Adjustment.id).where(
            Adjustment.kind == AdjustmentKind.TRAVEL_TIME))[0], approve=False)),
    "warrant void": (Role.COORDINATOR, lambda s: s.upw.warrants.void(_first(
        s, select(TravelWarrant.id).where(TravelWarrant.status == WarrantStatus.ISSUED))[0],
        "Issued in error")),
    "warrant letter": (Role.COORDINATOR, lambda s: s.upw.documents.render_warrant(
        _first(s, select(TravelWarrant.id))[0])),
    "appointment letter": (Role.COORDINATOR, lambda s: s.upw.documents.render_letter(
        _first(s, select(Appointment.id).where(Appointment.outcome_code.is_(None)))[0])),
    "warning letter": (Role.COORDINATOR, lambda s: s.attendance.letters.render_warning_letter(
        _first(s, select(Appointment.id).where(Appointment.outcome_code.in_(
            ENFORCEABLE_CODES)))[0])),
    "remove a booking": (Role.COORDINATOR, lambda s: s.upw.placement.remove(
        _first(s, select(Appointment.id).where(Appointment.outcome_code.is_(None)))[0])),
    "move a booking": (Role.COORDINATOR, lambda s: s.upw.placement.move(
        *_first(s, select(Appointment.id, Appointment.session_id)
                .where(Appointment.outcome_code.is_(None))))),
    "accept a broken booking": (Role.COORDINATOR, lambda s: s.upw.broken.accept(
        _first(s, select(BookingBreach.appointment_id))[0], "Agreed with the manager",
        seen=())),
    "end a keep-apart pair": (Role.COORDINATOR, lambda s: s.upw.keep_apart.end(
        _first(s, select(KeepApart.id))[0], reason="Order expired", version=1)),
    "auto-fill": (Role.COORDINATOR, lambda s: _autofill(s)),
    "plan edit": (Role.RESETTLEMENT_WORKER, lambda s: s.plans.set_diversity_considered(
        _first(s, select(ResettlementPlan.id))[0], True, version=1)),
    "referral": (Role.RESETTLEMENT_WORKER, lambda s: s.referrals.create(
        _first(s, select(ResettlementPlan.id))[0], ReferralInput())),
    "referral answer": (Role.RESETTLEMENT_WORKER, lambda s: s.referrals.update(
        _first(s, select(Referral.id))[0], ReferralInput())),
    "pre-release review": (Role.RESETTLEMENT_WORKER, lambda s: s.reviews.save(
        _first(s, select(CustodyEpisode.id))[0], ReviewInput())),
    "assign a worker": (Role.MANAGER, lambda s: s.caseload.assign(
        dict([_first(s, select(CustodyEpisode.id, CustodyEpisode.version))]), None)),
}


def _autofill(services: AppServices) -> None:
    """Apply a proposal naming a restricted person: it is refused for them, with the reason."""
    order_id, person_id, session_id, day, start, end = _first(services, select(
        UpwOrder.id, UpwOrder.person_id, UpwSession.id, UpwSession.session_date,
        UpwSession.start_time, UpwSession.end_time)
        .join(Appointment, Appointment.order_id == UpwOrder.id)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .where(UpwSession.session_date > TODAY))
    placement = ProposedPlacement(order_id, person_id, session_id, None, False, day, start,
                                  end, "Project", 60)
    result = services.upw.autofill.apply(AutoFillProposal(TODAY, None, (placement,), (), 1))
    assert result.created == 0
    [(_placement, reasons)] = result.refused
    raise RestrictedCaseError(reasons[0])


@pytest.mark.parametrize("action", list(ACTIONS))
def test_staff_not_named_cannot_act_on_a_restricted_case(world, action):
    role, act = ACTIONS[action]
    with pytest.raises(RestrictedCaseError, match="restricted case: only the staff named"):
        act(world.other[role])


def test_a_register_saves_except_the_restricted_rows_a_member_not_named_keys(world):
    """Keying a register: the rows of cases the member is not named on are refused by name;
    the rest of the register saves."""
    coordinator = world.other[Role.COORDINATOR]
    register = coordinator.attendance.registers.load_register(world.session_id)
    entries = register.entries()
    for entry in entries:
        entry.notes = "Worked well"
    result = coordinator.attendance.registers.save_register(world.session_id, entries)
    assert result.changed == ()
    assert len(result.notices) == len(entries)
    assert all("not saved" in n and "restricted case" in n for n in result.notices)
    # With one person's restriction lifted, that row saves and the others are still refused.
    with coordinator.db.write() as session:
        session.execute(update(Person).where(Person.id == register.rows[0].person_id)
                        .values(restricted=False))
    register = coordinator.attendance.registers.load_register(world.session_id)
    assert register.rows[0].outcome_code is not None and register.rows[1].outcome_code is None
    entries = register.entries()
    for entry in entries:
        entry.notes = "Worked well"
    result = coordinator.attendance.registers.save_register(world.session_id, entries)
    assert result.changed == (register.rows[0].appointment_id,)
    assert len([n for n in result.notices if "not saved" in n]) == len(entries) - 1
    assert result.register.rows[0].notes == "Worked well"


def test_a_work_sheet_printed_by_a_member_not_named_lists_the_person_by_name_only(world):
    """The supervisor's paper (rule ACC-2): the name and CRN, to take attendance; no pick-up
    and no health-and-safety alerts, but a line saying the named staff brief the supervisor."""
    other = world.other[Role.SUPERVISOR].attendance.work_sheets
    sheet = world.named[Role.SUPERVISOR].attendance.work_sheets.work_sheet(world.session_id)
    assert all(RESTRICTED_ON_SHEET not in row.alerts for row in sheet.rows)
    hidden = {row.crn for row in other.work_sheet(world.session_id).rows
              if row.alerts == (RESTRICTED_ON_SHEET,)}
    assert hidden, "the session should hold a restricted case"
    text = pdf_text(other.print_sheet(world.session_id), flattened=True)
    for row in sheet.rows:
        assert row.crn in text
        if row.crn in hidden:
            assert not any(alert in text for alert in row.alerts)
    assert text.count("the staff named on it brief the supervisor") == len(hidden)


def test_standing_a_session_down_names_restricted_cases_without_their_details(world):
    """Who to tell after a stand-down: a restricted case by name and CRN only (no phone or
    pick-up), for the staff named on it to tell."""
    coordinator = world.other[Role.COORDINATOR]
    session_id = _first(coordinator, select(UpwSession.id)
                        .join(Appointment, Appointment.session_id == UpwSession.id)
                        .where(UpwSession.session_date > TODAY))[0]
    result = coordinator.upw.stand_downs.stand_down(session_id, StandDownReason.WEATHER)
    with coordinator.db.read() as session:
        restricted = set(session.scalars(select(Person.id).where(Person.restricted.is_(True))))
    assert any(person.person_id in restricted for person in result.people)
    for person in result.people:
        assert person.crn and person.name
        if person.person_id in restricted:
            assert (person.phone, person.pickup_name, person.offers) == (None, None, ())
