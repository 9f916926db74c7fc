"""The Offices and prisons page: an administrator edits an office and adds a prison."""

from __future__ import annotations

from upw_ttg.domain.codes import Role

from tests.narrowing import present, shown
from tests.ui.conftest import settle
from ui.changes import change_bus
from ui.dialogs.organisation_dialogs import OfficeDialog, PrisonDialog
from ui.views.organisation_page import OrganisationPage


def test_administrator_edits_an_office_phone_and_sees_the_problem_words(qtbot, services):
    page = OrganisationPage(services)
    qtbot.addWidget(page)
    page.show()
    settle()
    york_row = next(i for i, o in enumerate(page.office_model.rows()) if o.code == "YRK")
    page.office_table.selectRow(york_row)
    assert page.edit_office_button.isEnabled()
    page.edit_office()
    dialog = shown(page.dialog, OfficeDialog)
    dialog.phone.setText("ring the front desk")
    settle()
    dialog.submit()
    settle()
    assert "digits" in dialog.fields.error_text("phone")
    dialog.phone.setText("0300 047 5555")
    settle()
    with qtbot.waitSignal(change_bus().announced, timeout=2000):
        dialog.submit()
        settle()
    york = next(o for o in services.organisation.offices() if o.code == "YRK")
    assert york.phone == "0300 047 5555"
    assert present(page.selected_office()).phone == "0300 047 5555"


def test_administrator_adds_a_prison(qtbot, services):
    page = OrganisationPage(services)
    qtbot.addWidget(page)
    page.add_prison()
    dialog = shown(page.dialog, PrisonDialog)
    dialog.name.setText("HMP Wakefield")
    settle()
    dialog.code.setText("wdi")
    settle()
    dialog.phone.setText("01924 612 000")
    settle()
    with qtbot.waitSignal(change_bus().announced, timeout=2000):
        dialog.submit()
        settle()
    assert present(page.selected_prison()).code == "WDI"
    assert "HMP Wakefield" in [p.name for p in services.custody.prisons()]


def test_other_roles_see_no_edit_buttons(qtbot, services):
    services.ctx.actor = next(m for m in services.staff.list_staff() if m.role == Role.COORDINATOR)
    page = OrganisationPage(services)
    qtbot.addWidget(page)
    assert not page.edit_office_button.isVisibleTo(page)
    page.office_table.selectRow(0)
    page.edit_office()
    assert page.dialog is None
