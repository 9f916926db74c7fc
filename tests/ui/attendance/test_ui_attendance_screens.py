"""Attendance screens: the law on the decision screen, the ledger, travel time, printing."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from upw_ttg.domain.codes import AdjustmentStatus, Language, Role
from upw_ttg.domain.enforcement import Decision
from upw_ttg.errors import Cancelled

from tests.call_log import appended
from tests.narrowing import present
from tests.ui.attendance_support import (
    PAST,
    activate,
    group_session,
    make_world,
    warned_then_failed,
)
from tests.ui.conftest import settle, unnamed_focusable_widgets
from ui import tasks
from ui.changes import Change, Subject, change_bus, subscribe
from ui.dialogs.attendance.action_dialogs import ActionDialog, EvidenceDialog
from ui.dialogs.attendance.adjustment_dialog import AdjustmentDialog, parse_hours
from ui.views.attendance.area import AttendanceArea
from ui.views.attendance.enforcement_page import DECISIONS, EVIDENCE, EnforcementPage
from ui.views.attendance.forecast_page import EXTENSIONS, ForecastPage
from ui.views.attendance.ledger_view import LedgerDialog, LedgerView
from ui.views.attendance.print_page import PrintPage
from ui.views.attendance.travel_page import TravelPage


def test_after_a_recent_warning_the_decision_screen_offers_only_referral(
        qtbot, services, wait_for_tasks):
    """Rule UPW-20: a warning in the previous 12 months leaves 'refer' as the only choice, and
    the screen says why; recording it opens the breach summary."""
    world = make_world(services)
    _order, failure = warned_then_failed(world)
    page = EnforcementPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    assert page.models[DECISIONS].rowCount() == 1
    dialog = page.open_decision(failure)
    assert dialog is not None
    assert list(dialog.choice_buttons) == [Decision.REFER]
    assert dialog.choice_buttons[Decision.REFER].isChecked()
    assert "The law requires referral for breach" in dialog.explanation.text()
    assert "A first warning was given on 26 Nov 2026" in dialog.explanation.text()
    dialog.save_button.click()
    settle()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.printer.preview is not None, timeout=5000)
    assert "Breach summary" in present(page.printer.preview).windowTitle()
    assert page.models[DECISIONS].rowCount() == 0
    assert services.attendance.enforcement.decision(failure).decided.code == "BRE01"
    present(page.printer.preview).close()


def test_without_a_warning_both_choices_are_offered_and_one_must_be_chosen(
        qtbot, services, wait_for_tasks):
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 1)
    world.key(session, appointments[0], "UAAB")
    page = EnforcementPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    dialog = present(page.open_decision(appointments[0]))
    assert list(dialog.choice_buttons) == [Decision.WARN, Decision.REFER]
    assert not any(b.isChecked() for b in dialog.choice_buttons.values())
    dialog.save_button.click()
    settle()
    assert dialog.fields.error_text("choice") == "Choose a warning or a referral for breach."
    dialog.choice_buttons[Decision.WARN].setChecked(True)
    settle()
    dialog.circumstances.setPlainText("You did not come to your session.")
    dialog.save_button.click()
    settle()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.printer.preview is not None, timeout=5000)
    assert "Warning letter" in present(page.printer.preview).windowTitle()
    present(page.printer.preview).close()


def test_evidence_and_actions_are_recorded_from_the_queue(qtbot, services):
    world = make_world(services)
    project = world.project()
    order = world.order(world.person("Ann", "Absent"))
    session = world.session(project, dt.date(2026, 11, 10))  # evidence was due 17/11
    absent = world.book(session, order)
    world.key(session, absent, "AAME")
    page = EnforcementPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    page.tabs.setCurrentIndex(EVIDENCE)
    settle()
    assert page.proxies[EVIDENCE].rowCount() == 1
    page.record_evidence()
    settle()
    dialog = page.dialog
    assert isinstance(dialog, EvidenceDialog)
    dialog.received_on.setText("32/11/2026")
    settle()
    dialog.save_button.click()
    settle()
    assert "not a real date" in dialog.fields.error_text("received_on")
    dialog.received_on.setText("25/11/2026")
    settle()
    dialog.save_button.click()
    settle()
    assert page.proxies[EVIDENCE].rowCount() == 0
    # A follow-up action on a decided failure, with its own respond-by date.
    _order, failure = warned_then_failed(world)
    services.attendance.enforcement.decide(failure, Decision.REFER)
    settle()
    page.refresh()
    settle()
    page.tabs.setCurrentIndex(2)
    settle()
    page.record_action()
    settle()
    action = page.dialog
    assert isinstance(action, ActionDialog)
    action.code.setCurrentIndex(action.code.findData("BRE02"))
    settle()
    action.outcome.setText("Laid at York Magistrates' Court")
    settle()
    action.save_button.click()
    settle()
    assert page.proxies[2].rowCount() == 0


def test_the_ledger_shows_every_line_and_takes_an_adjustment(qtbot, services):
    world = make_world(services)
    session, appointments, orders = group_session(world, PAST, 1, hours=40)
    world.key(session, appointments[0], "ATTC", penalty_minutes=30)
    view = LedgerView(services, orders[0])
    activate(qtbot, view)
    assert view.model.rowCount() == 2
    assert view.model.index(1, 2).data() == f"Appointment {appointments[0]}"
    assert view.model.index(1, 3).data() == "\u22126:00"
    assert (view.ordered.text(), view.credited.text(), view.remaining.text()) == (
        "40:00", "6:00", "34:00")
    assert not view.letter_box.isVisibleTo(view)
    notices: list[str] = []
    change_bus().on_notice(view, notices.append)
    changes: list[Change] = []
    subscribe(view, [Subject.ORDER], changes.append)
    view.add_adjustment()
    dialog = view.dialog
    assert isinstance(dialog, AdjustmentDialog)
    dialog.hours.setText("34:00")
    settle()
    dialog.save_button.click()
    settle()
    assert dialog.fields.error_text("reason")  # the reason is required
    dialog.reason.setText("Court reduced the hours on appeal")
    settle()
    dialog.save_button.click()
    settle()
    assert view.model.rowCount() == 3
    assert view.remaining.text() == "0:00"
    assert notices == ["Adjustment added; 0:00 still owed."]
    # Every screen showing the order (its record's orders and overview) reads it again.
    assert view.ledger is not None
    assert [(c.ids, c.person_ids) for c in changes] == [((orders[0],), (view.ledger.person_id,))]
    # Rule UPW-15: balance 0 means completed, with the completion letter ready.
    assert view.letter_box.isVisibleTo(view) and view.letter_button.isEnabled()


def test_hours_are_read_as_hours_and_minutes():
    assert (parse_hours("2:30"), parse_hours("2"), parse_hours("1.05")) == (150, 120, 65)
    with pytest.raises(ValueError):
        parse_hours("2:75")


def test_travel_time_is_approved_up_to_the_cap(qtbot, services):
    world = make_world(services)
    session, appointments, orders = group_session(world, PAST, 2, travel=True)
    world.key(session, appointments[0], "ATTC")
    world.key(session, appointments[1], "ATTC")
    page = TravelPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    assert page.proxy.rowCount() == 2
    assert page.minutes.maximum() == 180
    page.minutes.setValue(90)
    page.approve_button.click()
    settle()
    assert page.proxy.rowCount() == 1
    page.reason.setText("Lives on the bus route")
    settle()
    page.reject_button.click()
    settle()
    assert page.proxy.rowCount() == 0
    statuses = {line.status for order in orders
                for line in services.attendance.ledger.ledger(order).lines
                if line.adjustment_id is not None}
    assert statuses == {AdjustmentStatus.APPROVED.value, AdjustmentStatus.REJECTED.value}


def test_a_days_work_sheets_print_in_the_background_with_progress(
        qtbot, services, monkeypatch, wait_for_tasks):
    """The batch reports each sheet, then the preview shows one page per session."""
    monkeypatch.setattr(tasks, "PROGRESS_DELAY_MS", 0)
    world = make_world(services)
    day = dt.date(2026, 11, 30)
    for count in (2, 3, 1):
        group_session(world, day, count)
    sheets = services.attendance.work_sheets
    original = sheets.print_day
    reports: list[tuple[int, int]] = []

    def recording(day, *, delivery_unit_id=None, progress=None, is_cancelled=None,
                  language=Language.ENGLISH):
        def progress_spy(done, total, text):
            reports.append((done, total))
            progress(done, total, text)
        return original(day, delivery_unit_id=delivery_unit_id, progress=progress_spy,
                        is_cancelled=is_cancelled, language=language)

    monkeypatch.setattr(sheets, "print_day", recording)
    page = PrintPage(services)
    activate(qtbot, page)
    page.date.set_date(day)
    settle()
    page.refresh()
    settle()
    assert page.model.rowCount() == 3
    assert page.count.text() == "3 work sheets for 6 people on Monday 30/11/2026."
    # The supervisors read Welsh: the sheets print in Welsh.
    page.sheet_language.setCurrentIndex(page.sheet_language.findData(Language.WELSH))
    if os.environ.get("UPW_TTG_SCREEN_OUT"):
        page.resize(1280, 720)
        page.grab().save(str(Path(os.environ["UPW_TTG_SCREEN_OUT"]) / "print-page.png"))
    page.print_button.click()
    settle()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=5000)
    assert reports and reports[-1][0] == reports[-1][1]
    assert present(page.preview).page_count == 3
    pdf = present(page.preview)._pdf
    assert "Taflen waith" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert page.print_button.isEnabled()
    present(page.preview).close()


def test_cancelling_the_print_batch_prints_nothing(qtbot, services, monkeypatch,
                                                   wait_for_tasks):
    world = make_world(services)
    group_session(world, PAST, 2)
    sheets = services.attendance.work_sheets

    def waits_for_cancel(day, *, delivery_unit_id=None, progress=None, is_cancelled=None,
                         language=Language.ENGLISH):
        qtbot.waitUntil(is_cancelled, timeout=5000)
        raise Cancelled("cancelled")

    monkeypatch.setattr(sheets, "print_day", waits_for_cancel)
    page = PrintPage(services)
    activate(qtbot, page)
    page.date.set_date(PAST)
    settle()
    page.refresh()
    settle()
    notices: list[str] = []
    change_bus().on_notice(page, notices.append)
    page.print_button.click()
    present(page.task).cancel()
    wait_for_tasks()
    assert page.preview is None
    assert notices == ["Printing the work sheets was cancelled; nothing was printed."]


def test_the_forecast_lists_orders_needing_an_extension(qtbot, services):
    world = make_world(services)
    person = world.person("Ed", "Late")
    world.order(person, hours=200, sentence=dt.date(2026, 1, 5))  # 9-month review passed
    world.order(world.person("On", "Time"), hours=40)
    page = ForecastPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    assert page.proxy.rowCount() == 2
    page.show_view(EXTENSIONS)
    assert [f.name for f in page.proxy.rows()] == ["Ed Late"]
    assert present(page.selected()).needs_extension
    page.open_ledger()
    assert isinstance(page.dialog, LedgerDialog)
    assert present(page.dialog.view.ledger).name == "Ed Late"
    page.dialog.close()


def test_every_attendance_control_has_a_name(qtbot, services, ui_settings):
    world = make_world(services)
    _order, failure = warned_then_failed(world)
    session, appointments, orders = group_session(world, PAST, 2)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    for index in range(area.tabs.count()):
        area.tabs.setCurrentIndex(index)
        settle()
        assert unnamed_focusable_widgets(area) == [], area.tabs.tabText(index)
    page = area.enforcement
    item = page.models[DECISIONS].row_at(0)
    decision = page.open_decision(failure)  # a child of the page, closed with it
    assert unnamed_focusable_widgets(decision) == []
    dialogs = [ActionDialog(services.attendance.enforcement, item, services.ctx.today()),
               LedgerDialog(services, orders[0]),
               AdjustmentDialog(services.attendance.ledger,
                                services.attendance.ledger.ledger(orders[0]))]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert unnamed_focusable_widgets(dialog) == [], type(dialog).__name__


def test_a_supervisor_reads_registers_but_neither_keys_nor_decides(qtbot, services, ui_settings,
                                                                    fast_hash):
    """Coordinators key the registers supervisors bring back (rule ACC-1); enforcement is
    not a supervisor's work, so its tab is not there."""
    from tests.ui.conftest import add_staff_member

    services.ctx.actor = add_staff_member(services, "sup", Role.SUPERVISOR, fast_hash)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    assert not area.registers._editable
    assert not area.tabs.isTabVisible(area.ENFORCEMENT)
    assert area.tabs.isTabVisible(area.PRINT)


def test_a_coordinator_keys_registers_and_sees_enforcement(
        qtbot, services, ui_settings, fast_hash):
    from tests.ui.conftest import add_staff_member

    services.ctx.actor = add_staff_member(services, "coord2", Role.COORDINATOR, fast_hash)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    qtbot.keyClick(area, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # the tab's mnemonic
    assert area.tabs.currentIndex() == area.ENFORCEMENT
    assert area.registers._editable


def test_the_area_reads_its_filters_choices_once_for_all_its_pages(qtbot, services,
                                                                  ui_settings, monkeypatch):
    """Six pages filter by unit (and four by coordinator): the units, the coordinators and the
    member's office are read once, when the first of those pages is built, not once a page;
    opening the area builds only the page on show (the registers, which need none of them)."""
    calls: list[str] = []
    for service, name in ((services.people, "delivery_units"), (services.people, "offices"),
                          (services.staff, "list_staff")):
        real = getattr(service, name)
        monkeypatch.setattr(service, name,
                            lambda *a, _real=real, _name=name, **k: appended(calls, _name)
                            or _real(*a, **k))
    area = AttendanceArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    assert [area.tabs.built(i) for i in range(area.tabs.count())] == [True] + [False] * 6
    assert calls == []
    units = [area.enforcement.filters.unit.itemText(i)
             for i in range(area.enforcement.filters.unit.count())]
    for index in range(area.tabs.count()):
        area.show_page(index)
    settle()
    assert all(area.tabs.built(i) for i in range(area.tabs.count()))
    assert calls.count("delivery_units") == 1 and calls.count("list_staff") == 1
    assert calls.count("offices") <= 1  # only for a member with an office
    assert units == [area.review.filters.unit.itemText(i)
                     for i in range(area.review.filters.unit.count())]
    assert len(units) > 1
