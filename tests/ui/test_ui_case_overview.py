"""The person's record as the hub: sessions, hours and a timeline, kept current by the change
bus, each line opening where it is changed."""

from __future__ import annotations

from tests.narrowing import present, shown
from tests.ui.conftest import settle
from tests.ui.upw_world import World
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.main_window import MainWindow


def _window(qtbot, services, ui_settings) -> MainWindow:
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


def test_the_record_lists_a_newly_booked_session(qtbot, services, ui_settings, world):
    person_id, order_id = world.placeable(person={"crn": "H123456"})
    sid = world.session()
    window = _window(qtbot, services, ui_settings)
    window.open_person(person_id)
    settle()
    page = window.person_page
    assert page.tabs.currentWidget() is page.overview or page.tabs.tabText(0) == "&Overview"
    overview = page.overview
    assert overview.upcoming_model.rowCount() == 0 and overview.upcoming_empty.isVisibleTo(page)
    assert "<b>100:00</b> still to do of 100:00" in overview.summary.text()
    # Booked from Scheduling's session window: the open record hears of it on the bus.
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    place = present(dialog.add_person())
    qtbot.addWidget(place)
    place.picker.search.setText("H123456")
    place.picker.run_search()
    with qtbot.waitSignal(place.saved, timeout=2000):
        place.submit()
        settle()
    assert overview.upcoming_model.rowCount() == 1
    line = overview.upcoming_model.row_at(0)
    assert line.session_date == World.MONDAY and line.project_name.startswith("Park project")
    assert overview.upcoming_model.index(0, 0).data() == "30/11/2026"
    texts = [overview.timeline_model.index(r, 1).data()
             for r in range(overview.timeline_model.rowCount())]
    assert any(t.startswith("To come: Session at Park project") for t in texts)
    assert "Order made for 100 hours" in texts
    # The session opens where it is changed: the Scheduling area's session window.
    overview.upcoming.setCurrentIndex(overview.upcoming_model.index(0, 0))
    settle()
    overview.upcoming.activated.emit(overview.upcoming_model.index(0, 0))
    assert window.stack.currentWidget() is window.scheduling_area()
    opened = shown(window.scheduling_area().planner.dialog, SessionDialog)
    assert opened._session_id == sid


def test_each_part_is_shown_only_to_roles_that_may_see_it(qtbot, services, person, worker):
    overview = services.case_record.overview(person.id)
    assert {"sessions", "warrants", "enforcement"} <= overview.hidden
    assert "custody" not in overview.hidden
    assert any(e.kind == "custody" and "Received into custody" in e.text
               for e in overview.events)
    assert overview.sessions == () and overview.hours == ()
