"""The decision and action dialogs record the date enforcement was taken, and why it is late."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.enforcement import Decision

from tests.narrowing import present, shown
from tests.ui.attendance_support import (
    PAST,
    activate,
    group_session,
    make_world,
    warned_then_failed,
)
from tests.ui.conftest import TODAY, settle
from ui.dialogs.attendance.action_dialogs import ActionDialog
from ui.views.attendance.enforcement_page import EnforcementPage


def open_page(qtbot, services) -> EnforcementPage:
    page = EnforcementPage(services)
    activate(qtbot, page)
    page.refresh()
    settle()
    return page


def test_the_decision_is_dated_today_unless_changed(qtbot, services):
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 1)
    world.key(session, appointments[0], "UAAB")
    dialog = present(open_page(qtbot, services).open_decision(appointments[0]))
    assert dialog.decided_on.date() == TODAY
    assert not dialog.late_reason.isVisibleTo(dialog)
    dialog.choice_buttons[Decision.WARN].setChecked(True)
    settle()
    dialog.decided_on.setText("27/11/2026")
    settle()
    dialog.save_button.click()
    settle()
    assert dialog.fields.error_text("action_date") == ("The date it was taken cannot be in "
                                                      "the future.")
    dialog.decided_on.setText("25/11/2026")
    settle()
    assert dialog.late_reason.isVisibleTo(dialog)
    dialog.save_button.click()
    settle()
    assert dialog.fields.error_text("late_reason") == ("Say why this is recorded after the "
                                                      "day it was taken.")
    dialog.late_reason.setText("Decided at the team meeting; system was down")
    settle()
    dialog.preview.setChecked(False)
    settle()
    dialog.save_button.click()
    settle()
    decided = services.attendance.enforcement.decision(appointments[0]).decided
    assert (decided.action_date, decided.late_reason) == (
        dt.date(2026, 11, 25), "Decided at the team meeting; system was down")
    # Five working days from Wed 25 Nov 2026.
    assert decided.respond_by == dt.date(2026, 12, 2)


def test_an_earlier_date_reads_the_law_again_for_that_day(qtbot, services):
    """The first warning was given today, so a decision dated yesterday may still warn."""
    world = make_world(services)
    _order, failure = warned_then_failed(world)
    dialog = present(open_page(qtbot, services).open_decision(failure))
    assert list(dialog.choice_buttons) == [Decision.REFER] and dialog.only.isVisibleTo(dialog)
    dialog.decided_on.setText("25/11/2026")
    settle()
    assert list(dialog.choice_buttons) == [Decision.WARN, Decision.REFER]
    assert dialog._buttons[Decision.WARN].isVisibleTo(dialog)
    assert not dialog.only.isVisibleTo(dialog)
    assert "No warning in the 12 months" in dialog.explanation.text()
    assert not any(b.isChecked() for b in dialog.choice_buttons.values()), "the officer chooses"
    assert "a warning letter prints them" in dialog._circumstances_hint.text()
    dialog.decided_on.setText("26/11/2026")
    settle()
    assert list(dialog.choice_buttons) == [Decision.REFER]
    assert not dialog._buttons[Decision.WARN].isVisibleTo(dialog)
    assert dialog.choice_buttons[Decision.REFER].isChecked()


def test_a_follow_up_action_is_dated_and_a_late_one_says_why(qtbot, services):
    world = make_world(services)
    _order, failure = warned_then_failed(world)
    services.attendance.enforcement.decide(failure, Decision.REFER)
    settle()
    page = open_page(qtbot, services)
    page.tabs.setCurrentIndex(2)
    settle()
    page.record_action()
    settle()
    action = shown(page.dialog, ActionDialog)
    assert action.action_date.date() == TODAY
    assert not action.late_reason.isVisibleTo(action)
    action.code.setCurrentIndex(action.code.findData("BRE02"))
    settle()
    action.action_date.setText("25/11/2026")
    settle()
    assert action.late_reason.isVisibleTo(action)
    action.save_button.click()
    settle()
    assert "before the referral for breach" in action.fields.error_text("action_date")
    action.action_date.setText("26/11/2026")
    settle()
    action.save_button.click()
    settle()
    history = services.attendance.enforcement.history(_order)
    assert [(a.code, a.action_date) for a in history][-1] == ("BRE02", TODAY)
