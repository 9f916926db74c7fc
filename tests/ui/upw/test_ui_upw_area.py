"""The Scheduling area: its tabs, the way to a person, projects, and names for every control."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from tests.narrowing import present
from tests.ui.conftest import settle, unnamed_focusable_widgets
from tests.ui.mnemonic_support import clashing_mnemonics
from tests.ui.upw_world import World
from ui.changes import change_bus
from ui.dialogs.upw.assessment_dialog import assessment_dialog
from ui.dialogs.upw.autofill_dialog import AutoFillDialog
from ui.dialogs.upw.fleet_dialogs import PickupPointDialog, VanDialog
from ui.dialogs.upw.project_dialog import GenerateSessionsDialog, ProjectDialog
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.dialogs.upw.session_staff_dialog import SessionPickupsDialog, SessionStaffDialog
from ui.dialogs.upw.warrant_dialog import WarrantDialog
from ui.views.upw.area import SchedulingArea


def test_every_page_and_dialog_names_its_controls(qtbot, services, ui_settings, world,
                                                 wait_for_tasks):
    sid = world.session()
    person_id, order_id = world.placeable()
    services.upw.placement.place(order_id, sid)
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    for index in range(area.tabs.count()):
        area.show_page(index)
        settle()
        assert unnamed_focusable_widgets(area) == [], area.tabs.tabText(index)
    area.show_page(area.PROJECTS)
    settle()
    for index in range(area.projects.tabs.count()):
        area.projects.tabs.setCurrentIndex(index)
        settle()
        assert unnamed_focusable_widgets(area) == [], area.projects.tabs.tabText(index)
    session = services.upw.sessions.get(sid)
    project = services.upw.projects.get_project(session.project_id)
    session_dialog = SessionDialog(services, sid, world.unit)
    dialogs: list[QDialog] = [
        session_dialog,
        SessionStaffDialog(services, session, world.unit),
        SessionPickupsDialog(services, session),
        WarrantDialog(services),
        ProjectDialog(services, project),
        GenerateSessionsDialog(services, project, World.TODAY),
        VanDialog(services), PickupPointDialog(services),
        assessment_dialog(area, services, person_id),
        AutoFillDialog(services, world.unit, World.MONDAY, start=False),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        assert unnamed_focusable_widgets(dialog) == [], type(dialog).__name__
    place = session_dialog.add_person()
    qtbot.addWidget(place)
    assert unnamed_focusable_widgets(place) == []
    session_dialog.table.selectRow(0)
    move = session_dialog.move_people()
    qtbot.addWidget(move)
    assert unnamed_focusable_widgets(move) == []
    stand = session_dialog.stand_down()
    qtbot.addWidget(stand)
    assert unnamed_focusable_widgets(stand) == []
    wait_for_tasks()


def test_the_waiting_list_says_why_and_opens_the_person(qtbot, services, ui_settings, world):
    world.session(World.MONDAY + dt.timedelta(days=9))
    person_id, _ = world.placeable(person={"forename": "Gwenllian"})
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    area.show_page(area.WAITING)
    settle()
    page = area.waiting
    rows = page.model.rows()
    assert [r.person_id for r in rows] == [person_id]
    why = page.model.index(0, page.model.WHY).data()
    assert why.splitlines()[:2] == ["First session overdue: it was due by Mon 16 Nov 2026.",
                                    "No session in the next 7 days."]
    page.filter.setText("nobody")
    settle()
    assert page.proxy.rowCount() == 0 and "0 of 1" in page.count.text()
    page.filter.setText("gwen")
    settle()
    page.table.selectRow(0)
    with qtbot.waitSignal(change_bus().person_requested, timeout=1000) as opened:
        page.open_person()
        settle()
    assert opened.args == [person_id]


def test_a_new_project_shows_problems_by_its_fields_then_sessions_are_generated(
        qtbot, services, ui_settings, world):
    world.session()
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show_page(area.PROJECTS)
    settle()
    tab = area.projects.projects
    count = tab.model.rowCount()
    tab.new_project()
    dialog = tab.dialog
    assert isinstance(dialog, ProjectDialog)
    qtbot.addWidget(dialog)
    dialog.name.setText("Canal towpath")
    settle()
    dialog.submit()
    settle()
    assert dialog.fields.error_text("code") and dialog.fields.error_text("office_id")
    assert dialog.fields.error_text("available_from") == \
        "Enter the date the project is available from."
    assert dialog.fields.error_text("capacity") == "The capacity is 1 to 50 people."
    assert dialog.name.text() == "Canal towpath"
    dialog.code.setText("yrk-050")
    settle()
    dialog.office.setCurrentIndex(dialog.office.findData(world.office))
    settle()
    dialog.beneficiary.setText("Canal Trust")
    settle()
    dialog.site_address.setText("Towpath, York")
    settle()
    dialog.available_from.setText("01/12/2026")
    settle()
    dialog.capacity.setValue(6)
    dialog.weekdays[1].setChecked(True)
    settle()
    dialog.weekdays[3].setChecked(True)
    settle()
    dialog.submit()
    settle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert tab.model.rowCount() == count + 1
    assert present(tab.selected_project()).code == "YRK-050"
    generate = present(tab.generate_sessions())
    qtbot.addWidget(generate)
    generate.date_from.setText("30/11/2026")
    settle()
    generate.date_to.setText("13/12/2026")
    settle()
    generate.submit()
    settle()
    assert tab.report.text() == "Canal towpath: Created 4 sessions."
    tab.date_from.setText("30/11/2026")
    settle()
    tab.load_sessions()
    settle()  # read on a worker (the area is never shown here, so nothing read it before)
    assert tab.sessions_model.rowCount() == 4
    again = present(tab.generate_sessions())
    qtbot.addWidget(again)
    again.date_from.setText("30/11/2026")
    settle()
    again.date_to.setText("13/12/2026")
    settle()
    again.submit()
    settle()
    assert "Created 0 sessions; 4 already there" in tab.report.text()


def test_each_alt_key_does_one_thing_on_every_page(qtbot, services, ui_settings, world):
    world.session()
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    area.show()
    settle()
    for index in range(area.tabs.count()):
        area.show_page(index)
        settle()
        assert clashing_mnemonics(area) == {}, area.tabs.tabText(index)
    area.show_page(area.PROJECTS)
    settle()
    for index in range(area.projects.tabs.count()):
        area.projects.tabs.setCurrentIndex(index)
        settle()
        assert clashing_mnemonics(area) == {}, area.projects.tabs.tabText(index)


def test_a_role_that_cannot_schedule_reads_no_schedule(services, world, fast_hash):
    """The area is not offered (tests/ui/test_ui_main_window.py); its data is refused too."""
    from upw_ttg.domain.codes import Role
    from upw_ttg.errors import CapabilityDeniedError

    from tests.ui.conftest import add_staff_member
    from ui.permissions import can_schedule
    world.session()
    services.ctx.actor = add_staff_member(services, "tw", Role.RESETTLEMENT_WORKER, fast_hash)
    assert not can_schedule(services.ctx.actor)
    with pytest.raises(CapabilityDeniedError):
        services.upw.projects.list_projects()
