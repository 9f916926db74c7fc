"""Tabs build their pages when first needed: opening an area builds the page on show alone."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.call_log import appended
from tests.narrowing import present, shown
from tests.ui.conftest import settle
from ui.views.upw.area import SchedulingArea
from ui.views.upw.planner_page import PlannerPage
from ui.widgets.lazy_tabs import LazyTabs


def test_a_page_is_built_once_when_its_tab_is_first_shown_or_asked_for(qtbot):
    made: list[str] = []
    built: list[int] = []

    def factory(name: str):
        return lambda: appended(made, name) or QLabel(name)

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.page_built.connect(built.append)
    for name in ("&One", "&Two", "T&hree"):
        tabs.add_page(factory(name), name)
    assert made == [] and tabs.count() == 3 and tabs.tabText(1) == "&Two"
    tabs.show()
    settle()
    assert made == ["&One"] and built == [0]
    tabs.setCurrentIndex(2)
    assert made == ["&One", "T&hree"] and shown(tabs.currentWidget(), QLabel).text() == "T&hree"
    # Asked for before it is shown: built then, and not again when shown.
    second = tabs.page_as(1, QLabel)
    tabs.setCurrentIndex(1)
    tabs.setCurrentIndex(0)
    assert made == ["&One", "T&hree", "&Two"] and built == [0, 2, 1]
    assert tabs.page(1) is second and all(tabs.built(i) for i in range(3))
    # The frame hands its focus to the page.
    assert present(tabs.widget(1)).focusProxy() is second


def test_opening_scheduling_builds_the_week_planner_alone(qtbot, services, ui_settings):
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    assert [area.tabs.built(i) for i in range(area.tabs.count())] == [True] + [False] * 7
    assert isinstance(area.tabs.currentWidget(), PlannerPage)
    area.show_page(area.PROJECTS)
    settle()
    assert area.tabs.built(area.PROJECTS) and area.tabs.currentWidget() is area.projects
    # A reload of bookings that break a rule waits until that page is opened.
    area.reload_broken()
    assert not area.tabs.built(area.BROKEN)


def test_a_page_made_already_is_placed_at_once(qtbot):
    """A page made before its tab (one that also fills something outside the tabs) belongs
    to the tabs from the start: it goes when they go and is never a window of its own."""
    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    ready = QLabel("ready")
    index = tabs.add_built_page(ready, "&Ready")
    assert tabs.built(index) and tabs.page(index) is ready
    assert ready.parent() is tabs.widget(index) and not ready.isWindow()
