"""The manager's check of enforcement on screen (rule UPW-OVERSIGHT): agree, overturn, rates."""

from __future__ import annotations

import os

from upw_ttg.domain.codes import Role
from upw_ttg.domain.enforcement import Decision

from tests.ui.attendance_support import PAST, activate, make_world
from tests.ui.conftest import add_staff_member, settle
from ui.views.attendance.area import AttendanceArea
from ui.views.attendance.enforcement_page import REOPENED, EnforcementPage
from ui.views.attendance.review_page import ReviewPage


def decided_by_a_coordinator(services, fast_hash) -> tuple[int, int]:
    """A warning on one failure and an accepted absence, both by a coordinator:
    (the failure's appointment, the absence's appointment)."""
    manager = services.ctx.actor
    services.ctx.actor = add_staff_member(services, "cerys", Role.COORDINATOR, fast_hash,
                                          "Cerys Coordinator")
    try:
        world = make_world(services)
        _order, session, failed = world.case(day=PAST)
        world.key(session, failed, "UAAB")
        services.attendance.enforcement.decide(failed, Decision.WARN,
                                               circumstances="Did not arrive; no call.")
        _order, session, absent = world.case(day=PAST)
        world.key(session, absent, "AAME")
    finally:
        services.ctx.actor = manager
    return failed, absent


def test_a_manager_overturns_with_a_reason_and_agrees_and_the_rates_follow(
        qtbot, services, fast_hash, ui_settings):
    failed, _absent = decided_by_a_coordinator(services, fast_hash)
    page = ReviewPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    assert page.model.rowCount() == 2
    assert page.by_coordinator.rowCount() == 0
    first = page.selected()
    assert first is not None and first.appointment_id == failed
    assert "waiting for a check" in page.count.text()
    # Overturning needs a reason: nothing is saved without one.
    page.overturn_button.click()
    settle()
    assert page.model.rowCount() == 2
    assert "Say why" in page.fields.error_text("reason")
    page.reason.setText("He rang beforehand: ask for his evidence first.")
    page.overturn_button.click()
    settle()
    assert page.model.rowCount() == 1
    rate = page.by_coordinator.row_at(0)
    assert (rate.label, rate.agreed, rate.overturned) == ("Cerys Coordinator", 0, 1)
    page.agree_button.click()
    settle()
    assert page.model.rowCount() == 0
    assert page.by_coordinator.index(0, 1).data() == "50 %"
    assert page.by_coordinator.index(0, 2).data() == "1 of 2"
    assert page.by_unit.rowCount() == 1
    # The overturned warning is back with the coordinator, with the manager's reason.
    enforcement = EnforcementPage(services)
    activate(qtbot, enforcement)
    enforcement.refresh()
    settle()
    assert enforcement.models[REOPENED].rowCount() == 1
    assert "Reopened by a manager: He rang" in enforcement.models[REOPENED].index(0, 7).data()
    shots = os.environ.get("UPW_TTG_SHOTS")
    if shots:  # screen images for a person to look at; not part of the check
        area = AttendanceArea(services, ui_settings)
        activate(qtbot, area)
        area.resize(1280, 720)
        decided_by_a_coordinator_again(services, fast_hash)
        area.show_page(area.REVIEW)
        settle()
        area.grab().save(f"{shots}/review.png")
        area.show_page(area.ENFORCEMENT)
        enforcement_page = area.enforcement
        enforcement_page.tabs.setCurrentIndex(REOPENED)
        settle()
        area.grab().save(f"{shots}/enforcement-reopened.png")


def decided_by_a_coordinator_again(services, fast_hash) -> None:
    manager = services.ctx.actor
    services.ctx.actor = next(
        m for m in services.staff.list_staff(Role.COORDINATOR) if m.username == "cerys")
    try:
        world = make_world(services)
        for code in ("UAAB", "AAME", "AAFC"):
            _order, session, appt = world.case(day=PAST)
            world.key(session, appt, code)
            if code == "UAAB":
                services.attendance.enforcement.decide(appt, Decision.REFER)
    finally:
        services.ctx.actor = manager


def test_only_a_manager_sees_the_check(qtbot, services, ui_settings, fast_hash):
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    assert area.tabs.isTabVisible(area.REVIEW)
    services.ctx.actor = add_staff_member(services, "coord2", Role.COORDINATOR, fast_hash)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    assert not area.tabs.isTabVisible(area.REVIEW)
