"""Roles and restricted cases on screen: the staff roles dialog, a restricted person's record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from upw_ttg.domain.codes import Role

from tests.narrowing import shown
from tests.ui.conftest import add_staff_member, settle
from ui.changes import change_bus
from ui.dialogs.restriction_dialog import RestrictionDialog
from ui.dialogs.staff_dialog import RolesDialog, StaffDialog
from ui.views.people_page import PeoplePage
from ui.views.person_page import LIMITED_NOTICE, NAMED_NOTICE, RESTRICTED_NOTICE, PersonPage
from ui.views.staff_page import StaffPage


def _select_member(page: StaffPage, username: str) -> None:
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if page.model.row_at(page.proxy.mapToSource(index).row()).member.username == username:
            page.table.setCurrentIndex(index)
            settle()
            return
    raise AssertionError(username)


def test_an_administrator_changes_a_members_roles(qtbot, services):
    page = StaffPage(services)
    qtbot.addWidget(page)
    settle()  # the accounts are read on a worker
    _select_member(page, "coord")
    page.change_roles()
    dialog = shown(page.dialog, RolesDialog)
    assert not dialog.roles.boxes[Role.COORDINATOR].isEnabled()  # the job's own role
    dialog.roles.boxes[Role.MANAGER].setChecked(True)
    with qtbot.waitSignal(change_bus().announced, timeout=2000) as blocker:
        dialog.submit()
        settle()
    assert blocker.args == ["Cai Coordinator now holds: coordinator + manager."]
    member = next(m for m in services.staff.list_staff() if m.username == "coord")
    assert member.roles == {Role.COORDINATOR, Role.MANAGER}
    _select_member(page, "coord")
    assert page.table.currentIndex().siblingAtColumn(2).data() == "Coordinator + manager"


def test_staff_added_with_a_job_hold_its_role_and_any_ticked(qtbot, services, monkeypatch):
    import upw_ttg.services.staff as staff_module
    from upw_ttg.security import hash_password

    monkeypatch.setattr(staff_module, "hash_password", lambda p: hash_password(p, n=2**10))
    page = StaffPage(services)
    qtbot.addWidget(page)
    settle()  # the accounts are read on a worker
    page.add_staff()
    dialog = shown(page.dialog, StaffDialog)
    dialog.username.setText("dee")
    dialog.full_name.setText("Dee Dual")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR))
    settle()
    assert dialog.roles.boxes[Role.SUPERVISOR].isChecked()
    dialog.roles.boxes[Role.COORDINATOR].setChecked(False)
    dialog.roles.boxes[Role.RESETTLEMENT_WORKER].setChecked(True)
    dialog.password.setText("a-long-password")
    dialog.password_again.setText("a-long-password")
    with qtbot.waitSignal(change_bus().announced, timeout=2000):
        dialog.submit()
        settle()
    member = next(m for m in services.staff.list_staff() if m.username == "dee")
    assert member.roles == {Role.SUPERVISOR, Role.RESETTLEMENT_WORKER}


def _restrict_to_coordinator(qtbot, services, ui_settings, person) -> PersonPage:
    page = PersonPage(services, ui_settings)
    qtbot.addWidget(page)
    page.load(person.id)
    assert page.restriction_button.isVisibleTo(page)
    page.edit_restriction()
    dialog = shown(page.dialog, RestrictionDialog)
    dialog.restricted.setChecked(True)
    items = [dialog.staff_list.item(r) for r in range(dialog.staff_list.count())]
    for item in items:
        wanted = item.text().startswith("Cai Coordinator")
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    with qtbot.waitSignal(change_bus().announced, timeout=2000):
        dialog.submit()
        settle()
    return page


def test_a_restricted_case_shows_only_name_and_crn_to_staff_not_named(qtbot, services,
                                                                      ui_settings, person):
    page = _restrict_to_coordinator(qtbot, services, ui_settings, person)
    # The administrator who restricted it is not named: name and CRN only, nothing to print.
    assert page.record is None and not page.tabs.isVisibleTo(page)
    assert page.restriction_banner.text() == RESTRICTED_NOTICE
    assert page.facts_label.text() == "CRN X123456 · restricted case"
    assert not page.print_button.isEnabled() and not page.may_print()
    people = PeoplePage(services, ui_settings)
    qtbot.addWidget(people)
    people.search.setText("Jones")
    people.run_search()
    assert people.proxy.index(0, 1).data() == "JONES, Siân · restricted"
    assert people.proxy.index(0, 2).data() == "Restricted case"


def test_the_named_member_sees_the_whole_record_with_a_notice(qtbot, services, ui_settings,
                                                             person):
    _restrict_to_coordinator(qtbot, services, ui_settings, person)
    services.ctx.actor = next(m for m in services.staff.list_staff() if m.username == "coord")
    page = PersonPage(services, ui_settings)
    qtbot.addWidget(page)
    page.load(person.id)
    assert page.record is not None and page.restriction_banner.text() == NAMED_NOTICE
    assert not page.restriction_button.isVisibleTo(page)  # coordinators do not restrict
    assert page.print_button.isEnabled()


def test_an_administrator_alone_opens_name_and_crn_and_may_restrict(qtbot, services,
                                                                   ui_settings, person,
                                                                   fast_hash):
    services.ctx.actor = add_staff_member(services, "adm", Role.ADMINISTRATOR, fast_hash)
    page = PersonPage(services, ui_settings)
    qtbot.addWidget(page)
    page.load(person.id)
    assert page.restriction_banner.text() == LIMITED_NOTICE
    assert page.restriction_button.isVisibleTo(page) and page.record is None
