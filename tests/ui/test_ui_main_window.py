"""The main window: areas by role, menus and shortcuts, the status bar, remembered geometry."""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from upw_ttg.domain.codes import Role

from tests.call_log import appended
from tests.narrowing import present, shown
from tests.ui.conftest import add_staff_member, open_main_window, settle
from ui.changes import Subject, change_bus, open_person, publish
from ui.dialogs.attendance.adjustment_dialog import AdjustmentDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.main_window import MainWindow
from ui.settings import UiSettings


def _areas(window: MainWindow) -> list[str]:
    return [window.nav.item(r).text() for r in range(window.nav.count())]


def test_an_administrator_sees_people_settings_and_staff(qtbot, services, ui_settings):
    window = open_main_window(qtbot, services, ui_settings)
    assert _areas(window) == ["People", "Settings", "Staff", "Offices and prisons",
                              "Local services", "Through the Gate", "Scheduling",
                              "Attendance", "Figures"]
    assert window.user_label.text() == "Signed in as Ada Admin (administrator + manager)"
    assert services.db.describe() in window.database_label.text()
    window.nav.setCurrentRow(2)
    settle()
    assert window.stack.currentWidget() is window.staff_page
    window.go_settings.trigger()
    settle()
    assert window.stack.currentWidget() is window.settings_page
    assert window.nav.currentRow() == 1
    window.go_people.trigger()
    settle()
    assert window.stack.currentWidget() is window.people_page


def test_the_unpaid_work_areas_are_built_when_first_opened(qtbot, services, ui_settings):
    """Start-up builds only the first screen; Scheduling and Attendance come on demand."""
    window = open_main_window(qtbot, services, ui_settings)
    assert window._scheduling is None and window._attendance is None
    window.go_scheduling.trigger()
    settle()
    assert window.stack.currentWidget() is window.scheduling_area()
    assert window.nav.currentItem().text() == "Scheduling"
    window.go_attendance.trigger()
    settle()
    assert window.stack.currentWidget() is window.attendance_area()
    window.nav.setCurrentRow(_areas(window).index("Scheduling"))
    settle()
    assert window.stack.currentWidget() is window.scheduling_area()
    # Go ▸ Induction (Ctrl+8): who awaits a first session, in Scheduling.
    assert window.go_induction.shortcut().toString() == "Ctrl+8"
    window.go_attendance.trigger()
    window.go_induction.trigger()
    settle()
    area = window.scheduling_area()
    assert window.stack.currentWidget() is area
    assert area.tabs.currentWidget() is area.induction


def test_settings_staff_and_offices_are_built_when_first_opened(qtbot, services, ui_settings):
    """Signing in builds the people list alone; the administration areas read their lists
    the first time they are opened."""
    window = open_main_window(qtbot, services, ui_settings)
    assert window.stack.count() == 1, "only the people list"
    window.go_staff.trigger()
    settle()
    assert window.stack.currentWidget() is window.staff_page
    assert present(window.staff_page).table.model().rowCount() >= 1
    window.show_organisation()
    settle()
    assert window.stack.currentWidget() is window.organisation_page
    window.nav.setCurrentRow(_areas(window).index("Settings"))
    settle()
    assert window.stack.currentWidget() is window.settings_page
    assert window.stack.count() == 4


def test_a_resettlement_worker_has_no_scheduling_area(qtbot, services, ui_settings, fast_hash):
    services.ctx.actor = add_staff_member(services, "rw", Role.RESETTLEMENT_WORKER, fast_hash)
    window = open_main_window(qtbot, services, ui_settings)
    assert "Scheduling" not in _areas(window) and "Through the Gate" in _areas(window)
    assert not window.go_scheduling.isEnabled() and not window.go_induction.isEnabled()


def test_a_coordinator_has_no_staff_area_and_cannot_change_settings(qtbot, services,
                                                                    ui_settings, fast_hash):
    services.ctx.actor = add_staff_member(services, "c2", Role.COORDINATOR, fast_hash)
    window = open_main_window(qtbot, services, ui_settings)
    assert _areas(window) == ["People", "Settings", "Scheduling", "Attendance"]
    assert not window.go_staff.isEnabled()
    assert not window.settings_page.edit_button.isVisibleTo(window.settings_page)
    assert window.people_page.new_button.isEnabled()


def test_an_administrator_alone_finds_people_but_has_no_casework_areas(qtbot, services,
                                                                       ui_settings, fast_hash):
    services.ctx.actor = add_staff_member(services, "adm", Role.ADMINISTRATOR, fast_hash)
    window = open_main_window(qtbot, services, ui_settings)
    # The directory of local services is the administrator's to keep.
    assert _areas(window) == ["People", "Settings", "Staff", "Offices and prisons",
                              "Local services"]
    assert not window.people_page.new_button.isEnabled()
    assert window.user_label.text() == "Signed in as Adm (administrator)"


def test_a_supervisor_starts_in_attendance_with_registers_and_work_sheets(qtbot, services,
                                                                         ui_settings,
                                                                         fast_hash):
    services.ctx.actor = add_staff_member(services, "sup", Role.SUPERVISOR, fast_hash)
    window = open_main_window(qtbot, services, ui_settings)
    assert _areas(window) == ["Settings", "Attendance"]
    assert window.nav.currentItem().text() == "Attendance"
    assert not window.go_people.isEnabled() and not window.find_action.isEnabled()
    tabs = window.attendance_area().tabs
    assert [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)] == \
        ["&Registers", "&Print work sheets"]


def test_shortcuts_are_the_documented_ones(qtbot, services, ui_settings):
    window = open_main_window(qtbot, services, ui_settings)
    assert window.go_people.shortcut() == QKeySequence("Ctrl+1")
    assert window.go_settings.shortcut() == QKeySequence("Ctrl+2")
    assert window.go_staff.shortcut() == QKeySequence("Ctrl+3")
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert window.new_person_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.find_action.shortcut() == QKeySequence("Ctrl+F")


def test_opening_a_person_enables_printing_and_back_returns(qtbot, services, ui_settings,
                                                           person):
    window = open_main_window(qtbot, services, ui_settings)
    assert not window.print_action.isEnabled()
    open_person(person.id)
    assert window.stack.currentWidget() is window.person_page
    assert window.print_action.isEnabled()
    assert window.person_page.name_label.text() == "JONES, Siân"
    assert "CRN X123456" in window.person_page.facts_label.text()
    window.person_page.back_button.click()
    settle()
    assert window.stack.currentWidget() is window.people_page
    assert not window.print_action.isEnabled()


def test_find_focuses_the_search_box(qtbot, services, ui_settings, person):
    window = open_main_window(qtbot, services, ui_settings)
    open_person(person.id)
    window.find_action.trigger()
    settle()
    assert window.stack.currentWidget() is window.people_page
    assert window.focusWidget() is window.people_page.search


def test_person_record_tabs_show_orders_and_custody(qtbot, services, ui_settings, person):
    window = open_main_window(qtbot, services, ui_settings)
    window.open_person(person.id)
    settle()
    page = window.person_page
    assert page.details.values["crn"].text() == "X123456"
    assert page.orders.model.rowCount() == 1
    assert page.orders.proxy.index(0, 6).data() == "120:00"  # remaining
    assert page.custody.model.rowCount() == 1
    assert page.custody.date_values["expected"].text().startswith("<b>")
    assert page.custody.proxy.index(0, 4).data() == "Conditional release date"


def test_an_adjustment_in_the_ledger_is_read_again_by_the_orders_list(qtbot, services,
                                                                      ui_settings, person):
    window = open_main_window(qtbot, services, ui_settings)
    window.open_person(person.id)
    settle()
    page = window.person_page
    page.tabs.setCurrentIndex(page.ORDERS)
    settle()
    orders = page.orders
    assert orders.proxy.index(0, 6).data() == "120:00"
    orders.ledger.add_adjustment()
    dialog = shown(orders.ledger.dialog, AdjustmentDialog)
    dialog.hours.setText("20:00")
    dialog.reason.setText("Court reduced the hours on appeal")
    settle()
    dialog.save_button.click()
    settle()
    assert orders.proxy.index(0, 6).data() == "100:00"
    assert orders.selected_order() is not None
    # A change to someone else's order leaves this list as it is.
    orders.model.set_rows([])
    publish(Subject.ORDER, [1], [person.id + 1])
    assert orders.model.rowCount() == 0


def test_editing_details_updates_the_record_and_the_list(qtbot, services, ui_settings, person):
    window = open_main_window(qtbot, services, ui_settings)
    window.open_person(person.id)
    settle()
    page = window.person_page
    page.edit_person()
    shown(page.dialog, PersonDialog).town.setText("Goole")
    settle()
    with qtbot.waitSignal(change_bus().changed, timeout=2000,
                          check_params_cb=lambda c: c.subject == Subject.PERSON):
        present(page.dialog).submit()
        settle()
    assert page.details.values["address"].text().splitlines()[0] == "Goole"
    rows = window.people_page.model.rows()
    assert rows[0].town == "Goole"


def test_custody_tab_shows_the_date_history_of_the_selected_episode(qtbot, services,
                                                                   ui_settings, person):
    window = open_main_window(qtbot, services, ui_settings)
    window.open_person(person.id)
    settle()
    tab = window.person_page.custody
    assert not tab.changes.isVisibleTo(tab)
    tab.edit_episode()
    dialog = present(tab.dialog)
    dialog.date_fields["confirmed_release_date"].setText("01/02/2027")
    dialog.reason.setText("Release date confirmed by the prison")
    settle()
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    assert tab.changes_model.rowCount() == 1
    assert tab.changes.isVisibleTo(tab)
    assert "Confirmed release date" in tab.proxy.index(0, 4).data()


def test_window_geometry_is_remembered(qtbot, services, tmp_path):
    settings = UiSettings(tmp_path / "prefs.ini")
    window = open_main_window(qtbot, services, settings)
    window.resize(window.minimumSizeHint().width(), 560)  # the offscreen screen is 800 x 600
    window.close()
    again = open_main_window(qtbot, services, UiSettings(tmp_path / "prefs.ini"))
    assert again.height() == 560


def test_about_names_the_version_database_and_data_folder(qtbot, services, ui_settings):
    window = open_main_window(qtbot, services, ui_settings)
    window.about_action.trigger()
    settle()
    text = window.about_box.informativeText()
    assert services.db.describe() in text and str(services.location.data_dir) in text
    assert "Version" in window.about_box.text()
    window.about_box.close()


def test_the_help_menu_has_shortcuts_each_screens_purpose_and_the_data_folder(
        qtbot, services, ui_settings, person):
    from ui.help_menu import SCREEN_PURPOSES, shortcut_lines

    window = open_main_window(qtbot, services, ui_settings)
    help_menu = shown(window.menuBar().actions()[-1].menu(), QMenu)
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["&Keyboard shortcuts…", "&What is this screen for?",
                     "&Data folder and logs…", "&About"]
    lines = {what: keys for keys, what in shortcut_lines(window)}
    assert lines["Find a person"] == "Ctrl+F" and "Print a day's paper" in lines
    window.shortcuts_action.trigger()
    assert "Ctrl+Shift+P" in window.shortcuts_text.toPlainText()
    window.help_box.close()
    window.open_person(person.id)
    window.purpose_action.trigger()
    assert window.help_box.windowTitle().endswith("A person's record")
    window.help_box.close()
    window.show_settings()
    window.purpose_action.trigger()
    assert html.escape(SCREEN_PURPOSES["settings"][1]) in shown(window.help_box, QMessageBox).text()
    window.help_box.close()
    window.data_action.trigger()
    assert str(services.location.logs_dir) in shown(window.help_box, QMessageBox).informativeText()
    window.help_box.close()


def test_what_start_up_leaves_alive_is_kept_out_of_the_collectors_passes(qtbot, services,
                                                                         ui_settings):
    import gc

    window = open_main_window(qtbot, services, ui_settings)
    gc.unfreeze()
    try:
        window._preload_areas()  # as the timer does a second after the window appears
        settle()
        assert gc.get_freeze_count() > 0, "the modules and the window are frozen"
    finally:
        gc.unfreeze()


def test_a_record_builds_and_reads_only_the_tab_on_show(qtbot, services, ui_settings, person,
                                                        monkeypatch):
    """Opening a record reads its overview; the orders are read when their tab is shown, for
    the person then on screen, and read again when another record is opened."""
    read: list[int] = []
    real = services.orders.for_person
    monkeypatch.setattr(services.orders, "for_person",
                        lambda person_id, *a, **k: appended(read, person_id) or real(person_id,
                                                                                   *a, **k))
    window = open_main_window(qtbot, services, ui_settings)
    window.open_person(person.id)
    settle()
    page = window.person_page
    tabs = page.tabs
    assert tabs.currentIndex() == page.OVERVIEW
    assert not tabs.built(page.ORDERS) and not tabs.built(page.CUSTODY)
    assert person.id not in read
    tabs.setCurrentIndex(page.ORDERS)
    settle()
    assert tabs.built(page.ORDERS) and read.count(person.id) == 1
    assert page.orders.model.rowCount() == 1
    window.show_people()
    window.open_person(person.id)
    settle()
    assert read.count(person.id) == 2
