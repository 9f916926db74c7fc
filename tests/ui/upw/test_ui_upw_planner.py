"""The week planner and a session: fill, the rule engine's answers, moving, standing down."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from upw_ttg.domain.codes import Gender
from upw_ttg.records.upw import PlacementRequest, StandDownReason

from tests.narrowing import present
from tests.ui.conftest import settle
from tests.ui.upw_world import World
from ui.changes import change_bus
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.views.upw.area import SchedulingArea


def _area(qtbot, services, ui_settings) -> SchedulingArea:
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    return area


def _find(dialog, text: str) -> None:
    dialog.picker.search.setText(text)
    settle()
    dialog.picker.run_search()


def test_planner_shows_each_session_fill_for_the_week(qtbot, services, ui_settings, world):
    """Next week's grid has the project in a row and the session's '2/6' on its Monday."""
    sid = world.session()
    for _ in range(2):
        services.upw.placement.place(world.placeable()[1], sid)
    area = _area(qtbot, services, ui_settings)
    page = area.planner
    assert "this week" in page.bar.week_label.text()
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    settle()
    assert page.bar.monday == World.MONDAY
    model = page.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Mon 30 Nov"
    row = next(r for r in range(model.rowCount()) if model.cells(r, 1))
    assert model.index(row, 1).data().startswith("2/6  09:00")
    assert page.summary.text() == "1 session, 2 of 6 places taken."
    page.table.setCurrentIndex(model.index(row, 1))
    settle()
    dialog = page.open_session(sid)
    qtbot.addWidget(dialog)
    assert dialog.fact_values["Places"].text().startswith("2 of 6 taken")
    assert dialog.model.rowCount() == 2


def test_adding_a_person_without_an_assessment_is_blocked_in_plain_words(
        qtbot, services, world):
    """Hard rules: the answer says what blocks the place and the Place button is disabled."""
    sid = world.session()
    person_id, _ = world.placeable(assessed=False, person={"crn": "A123456"})
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    place = present(dialog.add_person())
    qtbot.addWidget(place)
    _find(place, "A123456")
    text = place.rules.text()
    assert "Blocked" in text and "cannot be overridden" in text
    assert "has no completed UPW assessment: complete it before placing them." in text
    assert not place.save_button.isEnabled()
    assert place.assessment_button.isVisibleTo(place)
    assert services.upw.sessions.detail(sid).people == ()

    place.assessment_button.click()
    settle()
    assessment = present(dialog.assessment)  # deletes itself when closed
    for combo in assessment.answers.values():
        combo.setCurrentIndex(combo.findData(False))
        settle()
    assessment.availability.set_value("Y" * 21)
    assessment.risk_level.setCurrentIndex(1)
    settle()
    assessment.placement_preference.setCurrentIndex(1)
    settle()
    with qtbot.waitSignal(assessment.saved, timeout=2000):
        assessment.complete()
    assert "No rule stands in the way" in place.rules.text()
    assert place.save_button.isEnabled()


def test_a_soft_rule_needs_a_typed_reason_which_is_kept(qtbot, services, world):
    """Interpreter (soft): Place without a reason puts the request under the reason box;
    with a reason the person is placed and the reason recorded."""
    sid = world.session()
    world.placeable(person={"crn": "B123456", "interpreter_needed": True})
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    place = present(dialog.add_person())
    qtbot.addWidget(place)
    _find(place, "B123456")
    assert "Needs a reason" in place.rules.text()
    assert "Needs an interpreter and none is booked" in place.rules.text()
    assert place.save_button.isEnabled() and place.reason.isEnabled()
    place.submit()
    settle()
    assert "record a reason" in place.fields.error_text("override_reason")
    assert place.isVisible() and services.upw.sessions.detail(sid).people == ()
    place.reason.setText("Interpreter booked through the agency")
    settle()
    with qtbot.waitSignal(change_bus().announced, timeout=2000):
        place.submit()
        settle()
    people = services.upw.sessions.detail(sid).people
    assert [p.override_reason for p in people] == ["Interpreter booked through the agency"]
    assert dialog.model.rowCount() == 1
    assert dialog.warnings.text() == "Someone needs an interpreter: book one."


def test_removing_the_other_woman_is_refused_by_rule_three(qtbot, services, world,
                                                         monkeypatch):
    """Taking one of two women off a mixed group would leave one alone: refused, and said."""
    sid = world.session()
    orders = [world.placeable(Gender.FEMALE)[1] for _ in range(2)]
    services.upw.placement.place_many([PlacementRequest(o, sid) for o in orders])
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "confirm", lambda _text: True)
    dialog.table.selectRow(0)
    dialog.remove_people()
    assert "one woman on her own" in dialog.banner.text()
    assert len(services.upw.sessions.detail(sid).people) == 2
    dialog.table.selectAll()
    dialog.remove_people()
    assert services.upw.sessions.detail(sid).people == ()


def test_moving_a_person_checks_the_rules_and_moves_them(qtbot, services, world):
    first = world.session()
    second = world.session(World.MONDAY + dt.timedelta(days=1))
    _, order_id = world.placeable()
    services.upw.placement.place(order_id, first)
    dialog = SessionDialog(services, first, world.unit)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    move = present(dialog.move_people())
    qtbot.addWidget(move)
    target = next(r for r in range(move.proxy.rowCount())
                  if move.proxy.row_object(r).cell.session_id == second)
    move.table.selectRow(target)
    assert "No rule stands in the way" in move.rules.text()
    move.submit()
    settle()
    assert move.result() == QDialog.DialogCode.Accepted
    assert [p.order_id for p in services.upw.sessions.detail(second).people] == [order_id]
    assert dialog.model.rowCount() == 0


def test_standing_down_lists_who_to_tell_with_phones_and_offers(qtbot, services, world):
    sid = world.session()
    world.session(World.MONDAY + dt.timedelta(days=2))
    _, order_id = world.placeable(person={"phone": "07700 900555"})
    services.upw.placement.place(order_id, sid)
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    stand = present(dialog.stand_down())
    qtbot.addWidget(stand)
    stand.reason.setCurrentIndex(stand.reason.findData(StandDownReason.OTHER))
    settle()
    stand.stand_down()
    assert stand.fields.error_text("detail") == "Say why the session is stood down."
    stand.detail.setText("Site flooded")
    settle()
    stand.stand_down()
    assert "Stood down: Other: Site flooded" in stand.summary.text()
    assert stand.model.index(0, 2).data() == "07700 900555"
    assert "Wed 2 Dec 2026" in stand.model.index(0, 5).data()
    assert stand.book_button.isEnabled()
    assert present(dialog.detail).session.status.value == "stood_down"
    assert not dialog.add_button.isEnabled()
    stand.book_offer()
    assert "Booked" in stand.banner.text()
