"""The change bus: a saved change reaches the screens subscribed to it, and only while they
exist."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.changes import Change, ChangeBus, Subject, change_bus, publish, subscribe


def test_a_change_reaches_subscribers_of_its_subject_only(qtbot):
    bus = ChangeBus()
    screen = QWidget()
    qtbot.addWidget(screen)
    sessions: list[Change] = []
    plans: list[Change] = []
    bus.subscribe(screen, [Subject.SESSION, Subject.BOOKING], sessions.append)
    bus.subscribe(screen, [Subject.PLAN], plans.append)

    bus.publish(Subject.BOOKING, [7, None], person_ids=[3, 3, None])
    bus.publish(Subject.WARRANT, [1])

    assert sessions == [Change(Subject.BOOKING, (7,), (3,))]
    assert plans == []


def test_a_deleted_screen_hears_nothing_more(qtbot):
    bus = ChangeBus()
    screen = QWidget()
    heard: list[Change] = []
    bus.subscribe(screen, [Subject.PERSON], heard.append)
    bus.publish(Subject.PERSON, [1])
    screen.deleteLater()
    qtbot.wait(10)
    bus.publish(Subject.PERSON, [2])
    assert [c.ids for c in heard] == [(1,)]


def test_a_change_names_the_people_it_touches():
    mine = Change(Subject.BOOKING, (5,), (3,))
    unknown = Change(Subject.SESSION, (9,))
    assert mine.touches_person(3)
    assert not mine.touches_person(4)
    assert unknown.touches_person(4)  # a session's people are not listed: everyone reloads
    assert not unknown.touches_person(None)


def test_the_application_has_one_bus(qtbot):
    screen = QWidget()
    qtbot.addWidget(screen)
    heard: list[Change] = []
    subscribe(screen, [Subject.CUSTODY], heard.append)
    assert change_bus() is change_bus()
    publish(Subject.CUSTODY, [4], [2])
    assert heard == [Change(Subject.CUSTODY, (4,), (2,))]
