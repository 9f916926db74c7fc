"""The scheduling pages follow bookings, sessions and orders saved anywhere: a page on screen
reads again at once, a hidden one when it is next shown, and other changes read nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.records.orders import OrderInput
from upw_ttg.records.upw import StandDownReason

from tests.narrowing import present
from tests.ui.conftest import settle
from tests.ui.upw_world import World
from ui.changes import Subject, publish
from ui.views.upw.area import SchedulingArea


def _area(qtbot, services, ui_settings) -> SchedulingArea:
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    return area


def _count_reads(monkeypatch, service: object, name: str) -> list[object]:
    """Each call of ``service.name`` (a read on a worker) is logged before it runs."""
    calls: list[object] = []
    read = getattr(service, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return read(*args, **kwargs)

    monkeypatch.setattr(service, name, counted)
    return calls


def _waiting_ids(area: SchedulingArea) -> list[int]:
    return [r.person_id for r in area.waiting.model.rows()]


def test_booking_through_the_planner_takes_the_person_off_the_waiting_list(
        qtbot, services, ui_settings, world):
    """Placed from the planner's session, they leave the waiting list, unrefreshed."""
    # Sentenced today, so a full day next week is all they wait for.
    sid = world.session(World.MONDAY + dt.timedelta(days=1), end_time=dt.time(17))
    person_id = world.person(crn="W123456")
    order_id = services.orders.create(OrderInput(
        person_id=person_id, court="York Magistrates' Court", sentence_date=World.TODAY,
        hours_ordered=100)).id
    assessment = services.upw.assessments.create(world.answers(person_id, order_id))
    services.upw.assessments.complete(assessment.id, assessment.version)
    area = _area(qtbot, services, ui_settings)
    area.show_page(area.WAITING)
    area.waiting.bar.set_week(World.MONDAY)
    settle()
    assert person_id in _waiting_ids(area)

    area.show_page(area.PLANNER)
    settle()
    dialog = area.planner.open_session(sid)
    qtbot.addWidget(dialog)
    place = present(dialog.add_person())
    qtbot.addWidget(place)
    place.picker.search.setText("W123456")
    settle()
    place.picker.run_search()
    place.submit()
    settle()
    assert [p.person_id for p in services.upw.sessions.detail(sid).people] == [person_id]
    dialog.close()

    area.show_page(area.WAITING)
    settle()
    assert person_id not in _waiting_ids(area)
    assert area.planner.model.plan is not None


def test_a_change_while_hidden_is_read_when_the_page_is_shown(
        qtbot, services, ui_settings, world, monkeypatch):
    """The hidden waiting list only marks itself: one read when shown, none before."""
    world.placeable()
    area = _area(qtbot, services, ui_settings)
    area.show_page(area.WAITING)
    settle()
    area.show_page(area.PLANNER)
    settle()
    reads = _count_reads(monkeypatch, services.upw.planner, "waiting")
    for subject in (Subject.BOOKING, Subject.SESSION, Subject.ORDER):
        publish(subject, [1])
    settle()
    assert reads == []

    area.show_page(area.WAITING)
    settle()
    assert len(reads) == 1
    area.show_page(area.PLANNER)
    area.show_page(area.WAITING)
    settle()
    assert len(reads) == 1  # shown again with nothing changed: nothing read


@pytest.mark.parametrize("page_index, service, read", [
    (SchedulingArea.WAITING, "planner", "waiting"),
    (SchedulingArea.PLANNER, "planner", "week"),
    (SchedulingArea.INDUCTION, "induction", "awaiting"),
])
def test_a_page_on_screen_reads_again_for_its_subjects_only(
        qtbot, services, ui_settings, world, monkeypatch, page_index, service, read):
    """A warrant or a letter reads nothing; a booking reads the page on screen once."""
    world.session()
    world.placeable()
    area = _area(qtbot, services, ui_settings)
    area.show_page(page_index)
    settle()
    reads = _count_reads(monkeypatch, getattr(services.upw, service), read)
    publish(Subject.WARRANT, [1])
    publish(Subject.LETTER)
    settle()
    assert reads == []

    publish(Subject.BOOKING, [1])
    settle()
    assert len(reads) == 1


def test_standing_a_session_down_reaches_the_planner_and_the_projects_list(
        qtbot, services, ui_settings, world, monkeypatch):
    """Stood down from the planner: the grid on screen reads again at once; the hidden list
    of the project's sessions reads once it is shown, and then shows the session stood down."""
    sid = world.session()
    area = _area(qtbot, services, ui_settings)
    area.show_page(area.PROJECTS)
    settle()
    projects = area.projects.projects
    assert [s.id for s in projects.sessions_model.rows()] == [sid]
    area.show_page(area.PLANNER)
    settle()
    weeks = _count_reads(monkeypatch, services.upw.planner, "week")
    lists = _count_reads(monkeypatch, services.upw.sessions, "list_sessions")
    dialog = area.planner.open_session(sid)
    qtbot.addWidget(dialog)
    stand = present(dialog.stand_down())
    qtbot.addWidget(stand)
    stand.reason.setCurrentIndex(stand.reason.findData(StandDownReason.WEATHER))
    settle()
    stand.stand_down()
    settle()
    assert len(weeks) == 1 and lists == []

    area.show_page(area.PROJECTS)
    settle()
    assert len(lists) == 1
    assert projects.sessions_model.rows()[0].status.value == "stood_down"
