"""A damaged record shows under "Records to check" on the scheduling screens; the rest shows."""

from __future__ import annotations

from tests.corrupt_rows import corrupt
from tests.ui.upw_world import World
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.views.upw.area import SchedulingArea


def test_the_planner_session_and_queue_name_the_damaged_record(qtbot, services, ui_settings,
                                                                world):
    sid = world.session()
    kept, damaged = world.placeable(), world.placeable()
    for _, order in (kept, damaged):
        services.upw.placement.place(order, sid)
    corrupt(services, "upw_order", damaged[1], sentence_date="9999-12-30",
            deadline="9999-12-31")
    crn = services.people.get(damaged[0]).crn
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    page = area.planner
    page.bar.set_week(World.MONDAY)
    page.reload()
    qtbot.waitUntil(lambda: not page.loader.busy and page.model.plan is not None)
    qtbot.waitUntil(page.to_check.isVisible)
    assert crn in page.to_check.text() and "counted below" in page.to_check.text()
    row = next(r for r in range(page.model.rowCount()) if page.model.cells(r, 1))
    assert page.model.index(row, 1).data().startswith("2/")
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1
    assert "Records to check (1)" in dialog.to_check.text() and crn in dialog.to_check.text()


def test_nothing_to_check_hides_the_strip(qtbot, services, ui_settings, world):
    services.upw.placement.place(world.placeable()[1], world.session())
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    area.planner.bar.set_week(World.MONDAY)
    area.planner.reload()
    qtbot.waitUntil(lambda: not area.planner.loader.busy)
    assert not area.planner.to_check.isVisible()
    assert area.planner.to_check.accessibleName() == "Records to check"
