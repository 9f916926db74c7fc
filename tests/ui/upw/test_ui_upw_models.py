"""Every scheduling model passes Qt's model tester, and shows what a coordinator needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from upw_ttg.domain.codes import (
    Gender,
    PatternFrequency,
    SessionStatus,
    WarrantMode,
    WarrantStatus,
)
from upw_ttg.records.upw import (
    CommitmentInput,
    PersonToTell,
    PickupPointRecord,
    PlannerCell,
    PlannerRow,
    ProjectRecord,
    ProposedPlacement,
    SessionOffer,
    SessionPerson,
    SessionRecord,
    Shortfall,
    SpendRow,
    SupervisorRow,
    VanRecord,
    WaitingRow,
    WarrantRecord,
    WeekPlan,
)
from upw_ttg.services.access import mask_restricted

from ui.models.roles import RowRole
from ui.models.upw.autofill_model import ProposalLine, ProposalTableModel, ShortfallTableModel
from ui.models.upw.commitments_model import CommitmentsTableModel
from ui.models.upw.planner_model import CellsRole, PlannerTableModel
from ui.models.upw.projects_model import (
    PickupPointsTableModel,
    ProjectFilterProxy,
    ProjectsTableModel,
    SessionsTableModel,
    VansTableModel,
    days_text,
)
from ui.models.upw.session_models import (
    PeopleToTellTableModel,
    SessionChoice,
    SessionChoiceTableModel,
    SessionPeopleTableModel,
)
from ui.models.upw.waiting_model import (
    FIRST,
    WEEKLY,
    WaitingFilterProxy,
    WaitingTableModel,
    reason_kinds,
)
from ui.models.upw.warrants_model import SpendTableModel, WarrantsTableModel

MONDAY = dt.date(2026, 11, 30)
NINE, FOUR = dt.time(9), dt.time(16)


def cell(session_id: int = 1, booked: int = 5, places: int = 8, **changes) -> PlannerCell:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(session_id=session_id, session_date=MONDAY, start_time=NINE, end_time=FOUR,
                  booked=booked, places=places, van_booked=2, van_seats=8, female_only=False,
                  women=0, interpreter_needed=False, interpreter_booked=False,
                  status=SessionStatus.PLANNED, warnings=())
    values.update(changes)
    return PlannerCell(**values)


def plan() -> WeekPlan:
    days = tuple(MONDAY + dt.timedelta(days=i) for i in range(7))
    warned = cell(2, 1, 6, women=1, warnings=("one woman alone",))
    female = cell(3, 8, 8, female_only=True, interpreter_needed=True)
    rows = (PlannerRow(1, "P1", "Food bank", "group", "York", False,
                       ((cell(),), (), (warned, female), (), (), (), ())),
            PlannerRow(2, "P2", "Women's garden", "group", "York", True,
                       ((), (), (), (), (), (), ())))
    return WeekPlan(1, MONDAY, days, rows)


def test_planner_model_shows_fill_marks_and_warnings(qtmodeltester):
    """Each day cell lists its sessions: fill, female-only and interpreter, warnings."""
    model = PlannerTableModel()
    qtmodeltester.check(model)
    model.set_plan(plan())
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 8)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Mon 30 Nov"
    assert model.index(0, 1).data().startswith("5/8  09:00")
    wednesday = model.index(0, 3).data()
    assert "⚠ One woman alone" in wednesday and "8/8 full" in wednesday
    assert "♀ Female-only" in wednesday and "Interpreter" in wednesday
    assert len(model.index(0, 3).data(CellsRole)) == 2
    assert "1 of 6 places taken" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data().startswith("Women's garden\nYork · group · ♀")
    assert model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("No session on")


def test_stood_down_cells_say_so():
    model = PlannerTableModel()
    days = tuple(MONDAY + dt.timedelta(days=i) for i in range(7))
    down = cell(status=SessionStatus.STOOD_DOWN, warnings=("Weather: storm",))
    model.set_plan(WeekPlan(1, MONDAY, days, (PlannerRow(
        1, "P1", "Food bank", "group", "York", False, ((down,), (), (), (), (), (), ())),)))
    assert model.index(0, 1).data().endswith("Stood down: Weather: storm")


def person(n: int, **changes) -> SessionPerson:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(appointment_id=n, person_id=n, order_id=n, crn=f"X00000{n}",
                  name=f"Person {n}", is_woman=False, phone="07700 900000",
                  pickup_name="York office", pickup_time=dt.time(8, 15), travels_by_van=True,
                  interpreter_needed=False, override_reason=None, outcome_code=None, version=1)
    values.update(changes)
    return SessionPerson(**values)


def test_session_people_and_people_to_tell_models(qtmodeltester):
    people = SessionPeopleTableModel()
    people.set_rows([person(1), person(2, pickup_name=None, pickup_time=None,
                                       travels_by_van=False, interpreter_needed=True,
                                       override_reason="Agency booked")])
    qtmodeltester.check(people)
    assert people.index(1, SessionPeopleTableModel.PICKUP).data() == "Makes own way"
    assert people.index(1, SessionPeopleTableModel.NEEDS).data() == \
        "Interpreter, Rule overridden"
    offer = SessionOffer(9, "Food bank", MONDAY, NINE, FOUR, 3, ())
    tell = PeopleToTellTableModel()
    tell.set_rows([PersonToTell(1, 1, "X000001", "Person 1", "07700 900001", "York office",
                                dt.time(8, 15), (offer,), ("YRK-000004",)),
                   PersonToTell(2, 2, "X000002", "Person 2", None, None, None, (), ())])
    qtmodeltester.check(tell)
    assert tell.index(0, PeopleToTellTableModel.OFFERS).data() == \
        "Mon 30 Nov 2026 09:00 Food bank"
    assert tell.index(1, PeopleToTellTableModel.PHONE).data() == "No phone on record"
    choices = SessionChoiceTableModel()
    choices.set_rows([SessionChoice("Food bank", "York", cell())])
    qtmodeltester.check(choices)


def test_waiting_model_and_filter(qtmodeltester):
    """The filter keeps names or CRNs containing the text, and rows with the chosen reason."""
    rows = [WaitingRow(1, 1, "X000001", "Siân Jones", "York",
                       ("First session overdue: it was due by Thu 15 Oct 2026.",), 0, 420,
                       dt.date(2026, 10, 15), None, True, False),
            WaitingRow(2, 2, "X000002", "Dafydd Evans", "York",
                       ("Below the weekly offer: 3 of 7 hours booked.",), 180, 420, None,
                       MONDAY, False, True)]
    model = WaitingTableModel()
    model.set_rows(rows)
    proxy = WaitingFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert model.index(0, WaitingTableModel.WHY).data().startswith("First session overdue")
    assert model.index(1, WaitingTableModel.BOOKED).data() == "3:00 of 7:00"
    assert reason_kinds(rows[0]) >= {FIRST, WEEKLY}
    proxy.set_text("sian")
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(RowRole).order_id == 1
    proxy.set_text("")
    proxy.set_kind(FIRST)
    assert [proxy.index(r, 0).data(RowRole).order_id for r in range(proxy.rowCount())] == [1]


def test_autofill_models(qtmodeltester):
    placement = ProposedPlacement(1, 1, 9, None, False, MONDAY, NINE, FOUR, "Food bank", 420)
    proposal = ProposalTableModel()
    proposal.set_rows([ProposalLine("Siân Jones", "X000001", placement, "Makes own way")])
    qtmodeltester.check(proposal)
    assert proposal.index(0, 4).data() == "7:00"
    shortfalls = ShortfallTableModel()
    shortfalls.set_rows([Shortfall(2, 2, "X000002", "Dafydd Evans", 420, 0,
                                   ("No female-only session.", "No capacity."))])
    qtmodeltester.check(shortfalls)
    assert shortfalls.index(0, 3).data() == "No female-only session. No capacity."


def project(**changes) -> ProjectRecord:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(id=1, code="YRK-001", name="Food bank", project_type="group", office_id=1,
                  office_name="York", delivery_unit_id=1, beneficiary="Food bank trust",
                  beneficiary_contact=None, beneficiary_phone=None, beneficiary_email=None,
                  site_address="1 Lane", site_town="York", site_postcode=None,
                  frequency=PatternFrequency.WEEKLY, weekdays=(1, 2, 3, 5), start_time=NINE,
                  end_time=FOUR, available_from=dt.date(2026, 1, 1), available_to=None,
                  end_date=None, hi_vis_required=True, break_minutes=30, capacity=8,
                  default_supervisor_id=None, female_only=False, active=True,
                  tags=("indoor",), version=1)
    values.update(changes)
    return ProjectRecord(**values)


def test_projects_sessions_vans_and_pickups_models(qtmodeltester):
    projects = ProjectsTableModel()
    projects.set_rows([project(), project(id=2, code="SCA-002", name="Garden",
                                          office_name="Scarborough", weekdays=(2,))])
    proxy = ProjectFilterProxy()
    proxy.setSourceModel(projects)
    qtmodeltester.check(projects)
    qtmodeltester.check(proxy)
    assert projects.index(0, ProjectsTableModel.PATTERN).data() == "Weekly: Mon–Wed, Fri"
    proxy.set_text("scarb")
    assert proxy.rowCount() == 1
    assert days_text((6, 7)) == "Sat, Sun" and days_text((1, 2, 3, 4, 5, 6, 7)) == "Mon–Sun"
    sessions = SessionsTableModel()
    sessions.set_rows([SessionRecord(
        1, 1, "YRK-001", "Food bank", "group", MONDAY, NINE, FOUR,
        (SupervisorRow(5, "Sam Super", Gender.MALE, 1, True),), None, None, None, False,
        SessionStatus.STOOD_DOWN, "Weather", False, 6, 2, 0, (), 1)])
    qtmodeltester.check(sessions)
    assert sessions.index(0, SessionsTableModel.STATUS).data() == "Stood down: Weather"
    vans = VansTableModel({1: "York"})
    vans.set_rows([VanRecord(1, "YK70ABC", "Crew van", 8, 1, True, 1)])
    qtmodeltester.check(vans)
    assert vans.index(0, 3).data() == "York"
    points = PickupPointsTableModel({1: "York"})
    points.set_rows([PickupPointRecord(1, "York office", "2 Clifford St", "YO1 6HP", "York",
                                       1, True, 1)])
    qtmodeltester.check(points)
    assert points.index(0, 1).data() == "2 Clifford St, York, YO1 6HP"


def test_warrant_register_spend_and_commitments_models(qtmodeltester):
    warrant = WarrantRecord(1, 1, "YRK", "York", 12, 1, "X000001", "Siân Jones", None, MONDAY,
                            MONDAY, "Selby", "York", WarrantMode.BUS, 650, "receives benefits",
                            "No bus", "Ada Admin", MONDAY, WarrantStatus.VOID, "Wrong date", 2)
    warrants = WarrantsTableModel()
    warrants.set_rows([warrant])
    qtmodeltester.check(warrants)
    assert warrants.index(0, WarrantsTableModel.SERIAL).data() == "YRK-000012"
    assert warrants.index(0, WarrantsTableModel.STATUS).data() == "Void: Wrong date"
    assert warrants.index(0, WarrantsTableModel.FARE).data() == "£6.50"
    spend = SpendTableModel()
    spend.set_rows([SpendRow(1, "York", dt.date(2026, 11, 1), 3, 1925)])
    qtmodeltester.check(spend)
    assert spend.index(0, 1).data() == "Nov 2026" and spend.index(0, 3).data() == "£19.25"
    commitments = CommitmentsTableModel()
    qtmodeltester.check(commitments)
    commitments.add(CommitmentInput("employment", 1, NINE, FOUR, "Warehouse"))
    commitments.add(CommitmentInput("caring", 4, NINE, dt.time(12)))
    qtmodeltester.check(commitments)
    commitments.remove(0)
    assert commitments.rowCount() == 1 and commitments.index(0, 1).data() == "Friday"


def test_a_restricted_case_row_shows_only_its_name_and_crn(qtmodeltester):
    """Rule ACC-2: a row masked by the services says "Restricted case" and nothing else."""
    rows = [WaitingRow(1, 1, "X000001", "Siân Jones", "York", ("No session in 7 days.",), 0,
                       420, None, None, True, False),
            WaitingRow(2, 2, "X000002", "Dafydd Evans", "York", ("No session in 7 days.",), 0,
                       420, None, None, False, True)]
    model = WaitingTableModel()
    hidden = frozenset({1})
    # No session or context: with the hidden people given, neither is read.
    model.set_rows(mask_restricted(None, None, rows, hidden=hidden))  # type: ignore[call-overload]
    qtmodeltester.check(model)
    shown = [model.index(0, c).data() for c in range(model.columnCount())]
    assert shown == ["Siân Jones", "X000001", "Restricted case", "", "", "", "", ""]
    assert "restricted case" in model.index(0, WaitingTableModel.WHY).data(
        Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, WaitingTableModel.OFFICE).data() == "York"
