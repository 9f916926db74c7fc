"""The pre-save warning, the "Bookings that break a rule" screen and where its count shows."""

from __future__ import annotations

import dataclasses

from upw_ttg.records.recheck import RecheckReport

from tests.call_log import appended
from tests.ui.conftest import settle, unnamed_focusable_widgets
from tests.ui.upw_world import World
from ui.dialogs.upw.breaks_warning import BreaksWarningDialog, ChecksBookings
from ui.dialogs.upw.closure_dialog import ClosureDialog
from ui.dialogs.upw.project_dialog import ProjectDialog
from ui.main_window import MainWindow
from ui.views.upw.area import SchedulingArea
from ui.views.upw.broken_page import ReasonDialog


def at_risk_booking(services, world: World) -> tuple[int, int]:
    """A person at risk to children booked on a session; (session, appointment)."""
    sid = world.session()
    _, order = world.placeable(risk_to_children=True)
    return sid, services.upw.placement.place(order, sid).id


def tag_children(services, sid: int) -> None:
    project = services.upw.projects.get_project(services.upw.sessions.get(sid).project_id)
    services.upw.projects.update_project(project.id, dataclasses.replace(
        project.to_input(), tags=("children_present",)))


def test_the_project_form_asks_before_breaking_bookings(qtbot, services, world, monkeypatch):
    sid, place = at_risk_booking(services, world)
    project = services.upw.projects.get_project(services.upw.sessions.get(sid).project_id)
    asked: list[RecheckReport] = []
    monkeypatch.setattr(ChecksBookings, "confirm",
                        staticmethod(lambda _parent, report: appended(asked, report) or False))
    dialog = ProjectDialog(services, project)
    qtbot.addWidget(dialog)
    dialog.tags["children_present"].setChecked(True)
    dialog.submit()
    settle()
    assert [b.appointment_id for b in asked[0].broken] == [place]
    assert "Not saved: the bookings are as they were" in dialog.banner.text()
    assert services.upw.projects.get_project(project.id).tags == ()
    monkeypatch.setattr(ChecksBookings, "confirm", staticmethod(lambda _parent, _report: True))
    dialog.submit()
    settle()
    assert services.upw.projects.get_project(project.id).tags == ("children_present",)
    assert [b.appointment_id for b in services.upw.broken.list()] == [place]


def test_the_warning_lists_who_and_why_and_going_back_is_the_default(qtbot, services, world):
    sid, place = at_risk_booking(services, world)
    project = services.upw.projects.get_project(services.upw.sessions.get(sid).project_id)
    report = services.upw.projects.preview_update_project(project.id, dataclasses.replace(
        project.to_input(), tags=("children_present",)))
    dialog = BreaksWarningDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert dialog.back_button.isDefault()
    assert dialog.model.rowCount() == 1
    assert "Risk to children" in dialog.model.row_at(0).rules_text()
    assert unnamed_focusable_widgets(dialog) == []


def test_a_closure_is_previewed_then_queued(qtbot, services, world, monkeypatch):
    sid, place = at_risk_booking(services, world)
    monkeypatch.setattr(ChecksBookings, "confirm", staticmethod(lambda _parent, _report: True))
    dialog = ClosureDialog(services, None)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert unnamed_focusable_widgets(dialog) == []
    dialog.day.set_date(World.MONDAY)
    settle()
    dialog.scope.setCurrentIndex(dialog.scope.count() - 1)  # the whole service
    settle()
    dialog.reason.setText("Snow")
    settle()
    dialog.submit()
    settle()
    assert dialog.result_record is not None
    [entry] = services.upw.broken.list()
    assert entry.appointment_id == place and "service closed (Snow)" in entry.why()


def test_the_queue_screen_resolves_by_removing_with_a_reason(qtbot, services, ui_settings,
                                                             world):
    sid, place = at_risk_booking(services, world)
    tag_children(services, sid)
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    area.show_page(area.BROKEN)
    settle()
    page = area.broken
    page.unit.setCurrentIndex(0)  # every unit
    settle()
    assert page.model.rowCount() == 1
    assert "1 booking in any delivery unit breaks a rule" in page.count.text()
    assert not page.accept_button.isEnabled()  # a hard rule cannot be accepted
    assert page.move_button.isEnabled() and page.remove_button.isEnabled()
    dialog = page.resolve(accepting=False)
    assert isinstance(dialog, ReasonDialog)
    qtbot.addWidget(dialog)
    dialog.submit()
    settle()
    assert "Enter the reason" in dialog.fields.error_text("reason") or dialog.fields.error_text(
        "reason")
    dialog.reason.setText("The person moved away; told by phone")
    settle()
    dialog.submit()
    settle()
    assert page.model.rowCount() == 0
    assert "No booking" in page.count.text()
    assert services.upw.sessions.detail(sid).people == ()


def test_the_main_window_shows_the_count_and_opens_the_queue(qtbot, services, ui_settings,
                                                             world):
    sid, _ = at_risk_booking(services, world)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    assert not window.broken_button.isVisible()
    tag_children(services, sid)
    window.recount_broken()
    settle()
    assert window.broken_button.isVisible()
    assert window.broken_button.text() == "⚠ 1 booking breaks a rule"
    window.broken_button.click()
    settle()
    area = window.scheduling_area()
    assert area.tabs.currentWidget() is area.broken
    planner = services.upw.planner.week(world.unit, World.MONDAY)
    cells = [c for row in planner.rows for day in row.days for c in day if c.session_id == sid]
    assert "1 booking breaks a rule" in cells[0].warnings


def test_the_persons_record_shows_their_broken_bookings(qtbot, services, ui_settings, world):
    sid, place = at_risk_booking(services, world)
    tag_children(services, sid)
    person = services.upw.broken.list()[0].person_id
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    window.open_person(person)
    settle()
    banner = window.person_page.broken_banner
    assert banner.isVisible()
    assert "1 of" in banner.text() and "Risk to children" in banner.text()
