"""The Settings and Staff pages: administrators change settings and add staff."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QStyleOptionViewItem

from upw_ttg.domain.codes import Role

from tests.narrowing import present, shown
from tests.ui.conftest import settle
from ui.changes import change_bus
from ui.dialogs.setting_dialog import SettingDialog
from ui.dialogs.staff_dialog import StaffDialog
from ui.models.settings_model import SettingsTableModel
from ui.views.settings_page import SettingsPage
from ui.views.staff_page import StaffPage


def _select(page: SettingsPage, key: str) -> None:
    page.table.selectRow(page.model.row_for_key(key))


def test_administrator_changes_a_setting(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    page.show()
    _select(page, "upw.deadline_months")
    assert page.edit_button.isEnabled() and not page.reset_button.isEnabled()
    page.edit_selected()
    dialog = present(page.dialog)
    dialog.editor.setText("99")
    dialog.submit()
    settle()
    assert dialog.fields.error_text("value") == "Completion deadline must be at most 60."
    assert dialog.editor.text() == "99"
    assert services.settings.value("upw.deadline_months") == 12
    dialog.editor.setText("18")
    with qtbot.waitSignal(change_bus().announced, timeout=2000) as blocker:
        dialog.submit()
        settle()
    assert blocker.args == ["Completion deadline is now 18 months."]
    assert services.settings.value("upw.deadline_months") == 18
    row = page.model.row_for_key("upw.deadline_months")
    assert page.model.index(row, page.model.VALUE).data() == "18"
    assert page.reset_button.isEnabled()
    page.reset_selected()
    assert services.settings.value("upw.deadline_months") == 12


def test_yes_no_settings_use_a_check_box(qtbot, services):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    _select(page, "upw.incentive_reduction")
    page.edit_selected()
    dialog = shown(page.dialog, SettingDialog)
    shown(dialog.editor, QCheckBox).setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    assert services.settings.value("upw.incentive_reduction") is True


def test_settings_are_read_only_for_other_roles(qtbot, services):
    services.ctx.actor = next(m for m in services.staff.list_staff() if m.role == Role.COORDINATOR)
    page = SettingsPage(services)
    qtbot.addWidget(page)
    _select(page, "upw.deadline_months")
    assert not page.edit_button.isEnabled()
    page.edit_selected()
    assert page.dialog is None


def test_administrator_adds_staff(qtbot, services, monkeypatch):
    import upw_ttg.services.staff as staff_module
    from upw_ttg.security import hash_password

    monkeypatch.setattr(staff_module, "hash_password", lambda p: hash_password(p, n=2**10))
    page = StaffPage(services)
    qtbot.addWidget(page)
    settle()  # the accounts are read on a worker
    assert page.model.rowCount() == 2
    page.add_staff()
    dialog = shown(page.dialog, StaffDialog)
    dialog.username.setText("Bad Name")
    dialog.submit()
    settle()
    assert "lower-case letters" in dialog.fields.error_text("username")
    assert dialog.fields.error_text("full_name") == "Enter the full name."
    dialog.username.setText("rworker")
    dialog.full_name.setText("Rhys Worker")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.RESETTLEMENT_WORKER))
    settle()
    dialog.password.setText("a-long-password")
    dialog.password_again.setText("a-long-password")
    with qtbot.waitSignal(change_bus().announced, timeout=2000) as blocker:
        dialog.submit()
        settle()
    assert blocker.args == ["Added Rhys Worker (resettlement worker)."]
    assert page.model.rowCount() == 3
    assert "3 accounts" in page.count_label.text()


def test_every_description_has_the_height_its_wrapped_text_needs(qtbot, services):
    """The rows are measured once the columns have their widths, with the cells' padding
    counted: no description is cut short with "…" however wide the window."""
    page = SettingsPage(services)
    qtbot.addWidget(page)
    for width in (1280, 900):
        page.resize(width, 700)
        page.show()
        settle()
        table = page.table
        column = SettingsTableModel.DESCRIPTION
        delegate = table.itemDelegateForColumn(column)
        option = QStyleOptionViewItem()
        option.initFrom(table)
        for row in range(page.model.rowCount()):
            if row in page.model.heading_rows():
                continue
            needed = delegate.sizeHint(option, page.model.index(row, column)).height()
            assert table.rowHeight(row) >= needed, (width, row)
