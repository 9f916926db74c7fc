"""Every Attendance model passes Qt's model tester, over data the services really return."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from upw_ttg.domain.codes import Role
from upw_ttg.domain.forecast import Rag
from upw_ttg.time_text import parse_time

from tests.ui.attendance_support import (
    PAST,
    group_session,
    make_world,
    warned_then_failed,
)
from ui.models.attendance.filters import AttendanceFilterProxy
from ui.models.attendance.list_models import (
    ActionsTableModel,
    BacklogTableModel,
    DaySessionsTableModel,
    ForecastTableModel,
    LedgerLinesTableModel,
    OutstandingTableModel,
    QueueTableModel,
    TravelTasksTableModel,
)
from ui.models.attendance.register_model import RegisterTableModel
from ui.models.roles import RowRole


def test_register_model_edits_drafts_and_marks_problems(qtmodeltester, services):
    """Editing changes the draft only; unreadable text and service problems mark cells."""
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 3)
    model = RegisterTableModel()
    model.set_register(services.attendance.registers.load_register(session))
    qtmodeltester.check(model)
    m = RegisterTableModel
    assert model.rowCount() == 3 and model.columnCount() == 13
    assert not model.flags(model.index(0, m.START)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, m.OUTCOME), "attc")
    assert model.index(0, m.OUTCOME).data() == "ATTC"
    assert model.index(0, m.START).data() == "09:00"
    assert model.flags(model.index(0, m.START)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, m.CREDIT).data() == "6:30"
    model.setData(model.index(0, m.END), "1230")
    assert model.index(0, m.CREDIT).data() == "3:00"
    model.setData(model.index(1, m.OUTCOME), "XXXX")
    assert model.problems() == [(1, m.OUTCOME, "Row 2, Sam Baker: XXXX is not an outcome code.")]
    leftover = model.set_errors({f"{appointments[2]}:outcome_code": "Row 3: enter one.",
                                 "register": "Something else."})
    assert leftover == ["Something else."]
    assert model.index(2, m.OUTCOME).data(Qt.ItemDataRole.ToolTipRole) == "Row 3: enter one."
    assert model.has_unsaved_changes()
    qtmodeltester.check(model)


def test_times_are_read_the_way_staff_type_them():
    assert parse_time("9") == dt.time(9, 0)
    assert parse_time("930") == dt.time(9, 30)
    assert parse_time("09.45") == dt.time(9, 45)
    assert parse_time("16:00") == dt.time(16, 0)
    assert parse_time("") is None
    for bad in ("25:00", "9:75", "noon"):
        try:
            parse_time(bad)
        except ValueError as exc:
            assert "is not a time" in str(exc)
        else:
            raise AssertionError(bad)


def test_outstanding_and_backlog_models_with_the_project_filter(qtmodeltester, services):
    world = make_world(services)
    group_session(world, PAST, 2)
    group_session(world, PAST, 1)
    registers = services.attendance.registers
    backlog = BacklogTableModel()
    backlog.set_rows(registers.outstanding_by_project())
    qtmodeltester.check(backlog)
    model = OutstandingTableModel()
    model.set_rows(registers.outstanding_outcomes())
    qtmodeltester.check(model)
    assert model.index(0, OutstandingTableModel.WAITING).data() == "2 days"
    proxy = AttendanceFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_project(backlog.row_at(0).project_id)
    assert proxy.rowCount() == backlog.row_at(0).missing
    proxy.set_filters(unit="HER")
    assert proxy.rowCount() == 0
    qtmodeltester.check(proxy)


def test_queue_and_actions_models(qtmodeltester, services):
    world = make_world(services)
    order, _ = warned_then_failed(world)
    queue = services.attendance.enforcement.queue()
    model = QueueTableModel("Failure")
    model.set_rows(queue.decisions)
    qtmodeltester.check(model)
    assert model.headerData(QueueTableModel.EVENT, Qt.Orientation.Horizontal) == "Failure"
    assert model.index(0, QueueTableModel.NOTE).data().startswith("Must refer")
    actions = ActionsTableModel()
    actions.set_rows(services.attendance.enforcement.history(order))
    assert actions.index(0, 1).data() == "EA02"
    qtmodeltester.check(actions)


def test_forecast_travel_ledger_and_day_models(qtmodeltester, services):
    world = make_world(services)
    session, appointments, orders = group_session(world, PAST, 2, travel=True)
    world.key(session, appointments[0], "ATTC")
    forecast = ForecastTableModel()
    forecast.set_rows(services.attendance.forecast.forecast())
    qtmodeltester.check(forecast)
    rag = forecast.index(0, ForecastTableModel.RAG)
    assert rag.data() in ("Red", "Amber", "Green")
    assert rag.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert rag.data(RowRole).rag in tuple(Rag)
    travel = TravelTasksTableModel()
    travel.set_rows(services.attendance.ledger.travel_tasks())
    assert travel.rowCount() == 1
    qtmodeltester.check(travel)
    ledger = LedgerLinesTableModel()
    ledger.set_rows(services.attendance.ledger.ledger(orders[0]).lines)
    assert [ledger.index(r, LedgerLinesTableModel.TRACE).data()
            for r in range(ledger.rowCount())] == ["Court order", f"Appointment {appointments[0]}",
                                                   f"Adjustment {travel.row_at(0).adjustment_id}, "
                                                   f"appointment {appointments[0]}"]
    qtmodeltester.check(ledger)
    day = DaySessionsTableModel()
    day.set_rows(services.attendance.work_sheets.day_sessions(PAST))
    assert day.index(0, 4).data() == "2"
    qtmodeltester.check(day)


def test_the_filter_proxy_matches_unit_and_coordinator(qtmodeltester, services):
    world = make_world(services)
    coordinator = services.staff.list_staff(Role.COORDINATOR)[0].id
    group_session(world, PAST, 2, coordinator_id=coordinator)
    group_session(world, PAST, 1)
    model = ForecastTableModel()
    model.set_rows(services.attendance.forecast.forecast())
    proxy = AttendanceFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(coordinator=coordinator)
    assert proxy.rowCount() == 2
    proxy.set_filters(unit="YNY", condition=lambda f: f.coordinator_id is None)
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)
