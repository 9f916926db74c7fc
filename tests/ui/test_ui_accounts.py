"""Accounts on screen: a reset password changed at sign-in, changing your own, managing accounts,
the idle lock that hides everything and keeps unsaved work, and signing out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from upw_ttg.domain.codes import Role

import ui.app as app_module
from tests.call_log import appended
from tests.conftest import TEST_PASSWORD as PASSWORD
from tests.narrowing import present, shown
from tests.ui.conftest import add_staff_member, settle
from ui.changes import change_bus
from ui.dialogs.change_password import ResetPasswordDialog
from ui.dialogs.sign_in import SignInDialog
from ui.main_window import MainWindow
from ui.models.staff_model import AccountTableModel
from ui.views.staff_page import StaffPage

NEW_PASSWORD = "marble orbit lantern"


def _window(qtbot, services, ui_settings) -> MainWindow:
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_reset_password_is_replaced_at_sign_in(qtbot, services):
    coordinator = next(a for a in services.staff.list_accounts() if a.member.username == "coord")
    services.staff.reset_password(coordinator.member.id, coordinator.version,
                                  "plum violin harbour")
    services.ctx.actor = None
    dialog = SignInDialog(services.staff, services.db.describe(), "coord")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("plum violin harbour")
    dialog.submit()
    settle()
    assert dialog.isVisible() and services.ctx.actor is None
    assert "Choose a new one" in dialog.banner.text()
    change = dialog.change_dialog
    assert change is not None and change.isVisible()
    assert not change.current.isVisibleTo(change)
    change.password.setText("coord is my name")
    change.password_again.setText("coord is my name")
    change.submit()
    settle()
    assert "user name" in change.fields.error_text("password")
    change.password.setText(NEW_PASSWORD)
    change.password_again.setText(NEW_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        change.submit()
        settle()
    assert present(services.ctx.actor).username == "coord"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_changing_your_own_password_from_the_file_menu(qtbot, services, ui_settings):
    window = _window(qtbot, services, ui_settings)
    window.change_password_action.trigger()
    settle()
    dialog = window.password_dialog
    dialog.current.setText("not my password")
    dialog.password.setText(NEW_PASSWORD)
    dialog.password_again.setText(NEW_PASSWORD)
    dialog.submit()
    settle()
    assert "not right" in dialog.fields.error_text("current_password")
    dialog.current.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.submit()
        settle()
    services.ctx.actor = None
    assert services.staff.sign_in("admin", NEW_PASSWORD).username == "admin"


def test_the_staff_page_resets_disables_and_shows_the_last_sign_in(qtbot, services,
                                                                   monkeypatch):
    page = StaffPage(services)
    qtbot.addWidget(page)
    settle()  # the accounts are read on a worker
    page.show()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(page.model.columnCount())]
    assert "Last sign-in" in headers and isinstance(page.model, AccountTableModel)
    last = headers.index("Last sign-in")
    assert page.model.index(0, last).data() == "Never"
    page.select_account(next(a.member.id for a in page.model.rows()
                             if a.member.username == "coord"))
    assert page.reset_button.isEnabled() and page.active_button.text() == "&Disable account"
    monkeypatch.setattr(page, "confirm_disable", lambda account: True)
    with qtbot.waitSignal(change_bus().announced, timeout=2000) as notice:
        page.active_button.click()
        settle()
    assert notice.args == ["Disabled the account of Cai Coordinator."]
    assert "1 disabled" in page.count_label.text()
    assert page.active_button.text() == "&Enable account"
    page.reset_password()
    reset = shown(page.dialog, ResetPasswordDialog)
    reset.password.setText("plum violin harbour")
    reset.password_again.setText("plum violin harbour")
    with qtbot.waitSignal(change_bus().announced, timeout=5000):
        reset.submit()
        settle()
    coordinator = present(page.selected_account())
    account_column = headers.index("Account")
    assert coordinator.must_change_password and not coordinator.active
    row = next(r for r in range(page.model.rowCount())
               if page.model.row_at(r).member.username == "coord")
    assert page.model.index(row, account_column).data() == "Disabled"
    page.active_button.click()
    settle()
    assert page.model.index(row, account_column).data() == "Active – must change password"
    page.select_account(services.ctx.actor_id)
    assert not page.active_button.isEnabled()  # nobody disables their own account


def test_the_idle_lock_hides_everything_and_keeps_unsaved_work(qtbot, services, ui_settings,
                                                               fast_hash):
    window = _window(qtbot, services, ui_settings)
    window.new_person()
    form = present(window.people_page.dialog)
    form.forename.setText("Half-typed")
    assert form.isVisible()
    window.lock.idle.set_interval_ms(150)
    with qtbot.waitSignal(window.lock.locked, timeout=3000):
        pass
    assert window.lock.is_locked and window.lock.stack.currentWidget() is window.lock.lock_screen
    assert not form.isVisible() and not window.stack.isVisible()
    assert not window.menuBar().isEnabled() and not window.new_person_action.isEnabled()
    assert "Ada Admin" in window.lock.lock_screen.who.text()
    # Another member of staff cannot get in with their own password.
    add_staff_member(services, "rhys", Role.RESETTLEMENT_WORKER, fast_hash, "Rhys Worker")
    window.lock.lock_screen.password.setText("wrong password")
    window.lock.lock_screen.unlock_button.click()
    settle()
    assert window.lock.is_locked and "not right" in window.lock.lock_screen.banner.text()
    window.close()
    assert window.isVisible()  # closing would lose the locked user's work
    window.lock.idle.set_interval_ms(60_000)
    window.lock.lock_screen.password.setText(PASSWORD)
    with qtbot.waitSignal(window.lock.unlocked, timeout=5000):
        window.lock.lock_screen.unlock_button.click()
        settle()
    assert form.isVisible() and form.forename.text() == "Half-typed"
    assert window.stack.isVisible() and window.menuBar().isEnabled()
    assert window.new_person_action.isEnabled()
    assert services.ctx.actor.username == "admin"
    form.reject()


def test_use_keeps_the_window_unlocked(qtbot, services, ui_settings):
    window = _window(qtbot, services, ui_settings)
    window.lock.idle.set_interval_ms(400)
    handle = window.windowHandle()
    for _ in range(6):
        qtbot.wait(120)
        qtbot.keyClick(handle, Qt.Key.Key_Shift)
    assert not window.lock.is_locked
    with qtbot.waitSignal(window.lock.locked, timeout=3000):
        pass
    window.lock.unlock()  # a locked window refuses to close, and would outlive the test


def test_signing_out_from_the_lock_asks_then_closes_the_forms(qtbot, services, ui_settings,
                                                              monkeypatch):
    window = _window(qtbot, services, ui_settings)
    window.new_person()
    form = present(window.people_page.dialog)
    window.lock_now()
    asked: list[int] = []
    monkeypatch.setattr(window, "confirm_sign_out", lambda forms: appended(asked, forms) or False)
    window.lock.lock_screen.sign_out_button.click()
    settle()
    assert asked == [1] and services.ctx.actor is not None and window.lock.is_locked
    monkeypatch.setattr(window, "confirm_sign_out", lambda forms: True)
    window.lock.lock_screen.sign_out_button.click()
    settle()
    assert window.signed_out and services.ctx.actor is None
    assert not window.isVisible() and not form.isVisible()


def test_file_sign_out_returns_to_the_sign_in_window(qtbot, services, ui_settings, monkeypatch,
                                                     tmp_path):
    """After File ▸ Sign out the next person signs in; the application does not quit."""
    sign_ins: list[str] = []
    windows: list[MainWindow] = []

    members = {m.username: m for m in services.staff.list_staff()}

    def ask(services_, demo):
        if len(sign_ins) == 2:
            return False
        sign_ins.append("asked")
        services_.ctx.actor = members["admin" if len(sign_ins) == 1 else "coord"]
        return True

    def event_loop(application):
        window = next(w for w in application.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())
        windows.append(window)
        window.sign_out_action.trigger()
        settle()
        return 0

    monkeypatch.setattr(app_module, "ask_sign_in", ask)
    monkeypatch.setattr(app_module, "run_event_loop", event_loop)
    location = services.location
    app = shown(app_module.QApplication.instance(), QApplication)
    assert app_module.run_signed_in(app, services, location, False) == 0
    assert len(sign_ins) == 2 and len(windows) == 2
    assert all(w.signed_out for w in windows) and services.ctx.actor is None


def test_a_window_opening_while_locked_stays_hidden_until_unlocked(qtbot, services,
                                                                   ui_settings):
    """A preview finishing in the background must not show a person over the lock."""
    window = _window(qtbot, services, ui_settings)
    window.lock_now()
    late = QDialog()  # owned by the test, so it is gone when the test ends
    late.setWindowTitle("Print preview – Case summary – Siân Jones")
    late.open()
    qtbot.waitUntil(lambda dialog=late: not dialog.isVisible(), timeout=2000)
    window.show_notice("Saved Siân Jones")
    assert window.statusBar().currentMessage() == ""
    window.lock.lock_screen.password.setText(PASSWORD)
    window.lock.lock_screen.unlock()
    assert late.isVisible()
    late.reject()
    del late
