"""Every control a keyboard can reach has a name a screen reader can announce."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tests.ui.conftest import TODAY, accessible_name, settle, unnamed_focusable_widgets
from ui.dialogs.custody_dialog import CustodyDialog
from ui.dialogs.order_dialog import ExtensionDialog, OrderDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.dialogs.setting_dialog import SettingDialog
from ui.dialogs.sign_in import FirstAdministratorDialog, SignInDialog
from ui.dialogs.staff_dialog import StaffDialog
from ui.main_window import MainWindow


def _check(qtbot, widget: QWidget) -> list[str]:
    qtbot.addWidget(widget)
    widget.show()
    return unnamed_focusable_widgets(widget)


def test_main_window_pages_name_every_control(qtbot, services, ui_settings, person):
    window = MainWindow(services, ui_settings)
    assert _check(qtbot, window) == []
    window.open_person(person.id)
    settle()
    for tab in range(window.person_page.tabs.count()):
        window.person_page.tabs.setCurrentIndex(tab)
        settle()
        assert unnamed_focusable_widgets(window) == [], window.person_page.tabs.tabText(tab)
    for show in (window.show_settings, window.show_staff):
        show()
        assert unnamed_focusable_widgets(window) == []


def test_dialogs_name_every_control(qtbot, services, fresh_services, person):
    order = services.orders.for_person(person.id)[0]
    episode = services.custody.for_person(person.id)[0]
    setting = services.settings.list_settings()[0]
    dialogs = [
        SignInDialog(services.staff, "db"),
        FirstAdministratorDialog(fresh_services.staff, "db"),
        PersonDialog(services.people, services.people.get(person.id)),
        OrderDialog(services.orders, person.id, "Siân Jones", order),
        ExtensionDialog(services.orders, order, TODAY),
        CustodyDialog(services.custody, person.id, "Siân Jones", episode),
        SettingDialog(services.settings, setting),
        StaffDialog(services.staff, services.people),
        PrintPreviewDialog(services.case_summary.render(person.id), "Case summary", "x.pdf"),
    ]
    for dialog in dialogs:
        assert _check(qtbot, dialog) == [], type(dialog).__name__


def test_fields_are_named_by_their_labels(qtbot, services):
    dialog = PersonDialog(services.people)
    qtbot.addWidget(dialog)
    assert accessible_name(dialog.surname) == "Surname"
    assert accessible_name(dialog.date_of_birth) == "Date of birth"
    assert accessible_name(dialog.address_line2) == "Address line 2"
