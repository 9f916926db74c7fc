"""Record forms explain every problem beside its field, keep what was typed and save nothing."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit, QPushButton, QWidget

from upw_ttg.domain.codes import GenderCategory, Role

from tests.narrowing import present, shown
from tests.ui.conftest import TODAY, add_staff_member, make_person, settle
from ui.dialogs.custody_dialog import CustodyDialog
from ui.dialogs.order_dialog import ExtensionDialog, OrderDialog
from ui.dialogs.person_dialog import PersonDialog

DialogT = TypeVar("DialogT", bound=QDialog)
# The controls in a form that show a text of their own.
TEXTUAL = (QLineEdit, QAbstractButton, QLabel)


def _open(qtbot, dialog: DialogT) -> DialogT:
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_person_dialog_shows_each_problem_by_its_field_and_keeps_the_text(qtbot, services):
    """Malformed CRN, empty surname, future date of birth: three messages, nothing stored."""
    dialog = _open(qtbot, PersonDialog(services.people))
    dialog.crn.setText("12345")
    dialog.forename.setText("Siân")
    dialog.date_of_birth.setText("01/01/2090")
    dialog.town.setText("Hull")
    dialog.submit()
    settle()
    fields = dialog.fields
    assert fields.error_text("crn") == \
        "A CRN is one capital letter and six digits, for example X123456."
    assert fields.error_text("surname") == "Enter the surname."
    assert fields.error_text("date_of_birth") == "The date of birth cannot be in the future."
    assert fields.error_text("forename") == ""
    assert fields.error_text("gender_category").startswith("Choose the gender to place them")
    assert dialog.crn.property("invalid") == "true"
    assert (dialog.crn.text(), dialog.forename.text(), dialog.date_of_birth.text(),
            dialog.town.text()) == ("12345", "Siân", "01/01/2090", "Hull")
    assert dialog.focusWidget() is dialog.crn
    assert "4 fields" in dialog.banner.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert services.people.count() == 0


def test_a_date_that_is_not_a_date_is_caught_before_saving(qtbot, services):
    dialog = _open(qtbot, PersonDialog(services.people))
    dialog.date_of_birth.setText("31/02/1990")
    dialog.submit()
    settle()
    assert "31/02/1990 is not a real date" in dialog.fields.error_text("date_of_birth")
    assert dialog.date_of_birth.text() == "31/02/1990"
    assert services.people.count() == 0


def test_errors_clear_when_the_form_is_corrected_and_saved(qtbot, services):
    dialog = _open(qtbot, PersonDialog(services.people))
    dialog.submit()
    settle()
    assert dialog.fields.error_text("surname")
    dialog.crn.setText("X123456")
    dialog.forename.setText("Siân")
    dialog.surname.setText("Jones")
    dialog.date_of_birth.setText("17.05.1990")
    dialog.submit()  # the gender for placements is asked, never guessed
    settle()
    assert dialog.fields.error_text("gender_category")
    assert dialog.fields.error_text("surname") == "" and services.people.count() == 0
    dialog.gender_category.setCurrentIndex(dialog.gender_category.findData(
        GenderCategory.NON_BINARY))
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        dialog.submit()
        settle()
    assert blocker.args[0].date_of_birth == dt.date(1990, 5, 17)
    assert blocker.args[0].gender_category == GenderCategory.NON_BINARY
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert services.people.count() == 1


def test_a_record_changed_by_someone_else_keeps_the_users_edits(qtbot, services,
                                                               open_services):
    """Two people edit the same person: the second save is refused and the edits stay."""
    record = make_person(services)
    other = open_services()
    other.ctx.actor = next(m for m in services.staff.list_staff() if m.username == "coord")
    dialog = _open(qtbot, PersonDialog(services.people, services.people.get(record.id)))
    changed = other.people.get(record.id).to_input()
    changed.phone = "01482 000000"
    other.people.update(record.id, changed)
    dialog.town.setText("Goole")
    dialog.responsible_officer.setText("Mair Evans")
    dialog.submit()
    settle()
    assert "changed by Cai Coordinator" in dialog.banner.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert (dialog.town.text(), dialog.responsible_officer.text()) == ("Goole", "Mair Evans")
    saved = services.people.get(record.id)
    assert (saved.town, saved.phone) == ("Hull", "01482 000000")


def test_order_dialog_refuses_39_hours_beside_the_hours_field(qtbot, services, person):
    before = services.orders.for_person(person.id)
    dialog = _open(qtbot, OrderDialog(services.orders, person.id, person.display_name))
    dialog.court.setText("York Magistrates' Court")
    dialog.sentence_date.setText("01/11/2026")
    dialog.hours_ordered.setValue(39)
    dialog.submit()
    settle()
    assert dialog.fields.error_text("hours_ordered") == \
        "The hours ordered must be between 40 and 300."
    assert dialog.hours_ordered.value() == 39
    assert dialog.court.text() == "York Magistrates' Court"
    assert services.orders.for_person(person.id) == before


def test_order_dialog_edits_an_order(qtbot, services, person):
    order = services.orders.for_person(person.id)[0]
    dialog = _open(qtbot, OrderDialog(services.orders, person.id, person.display_name, order))
    assert dialog.hours_ordered.value() == 120
    dialog.hours_ordered.setValue(150)
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    assert services.orders.get(order.id).hours_ordered == 150


def test_extension_dialog_records_a_later_deadline(qtbot, services, person):
    order = services.orders.for_person(person.id)[0]
    dialog = _open(qtbot, ExtensionDialog(services.orders, order, TODAY))
    dialog.new_deadline.setText(order.deadline.strftime("%d/%m/%Y"))
    dialog.reason.setText("Illness")
    dialog.submit()
    settle()
    assert "must be after the current one" in dialog.fields.error_text("new_deadline")
    dialog.new_deadline.set_date(order.deadline + dt.timedelta(days=60))
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    assert services.orders.get(order.id).effective_deadline == \
        order.deadline + dt.timedelta(days=60)


def test_custody_dialog_needs_a_reason_when_dates_change(qtbot, services, person):
    """Changing a date without a reason is refused; with one, the history records it."""
    episode = services.custody.for_person(person.id)[0]
    dialog = _open(qtbot, CustodyDialog(services.custody, person.id, person.display_name,
                                        episode))
    new_crd = episode.dates["conditional_release_date"] + dt.timedelta(days=14)
    dialog.date_fields["conditional_release_date"].set_date(new_crd)
    assert dialog.changed_dates() == ["conditional_release_date"]
    assert new_crd.strftime("%d/%m/%Y") in dialog.expected.text()
    dialog.submit()
    settle()
    assert "say why" in dialog.fields.error_text("change_reason")
    assert services.custody.get(episode.id).dates["conditional_release_date"] != new_crd
    dialog.reason.setText("Recalculated by the prison")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    saved = services.custody.get(episode.id)
    assert saved.expected_release_date == new_crd
    assert saved.date_changes[0].reason == "Recalculated by the prison"


def test_custody_dialog_new_episode_problems(qtbot, services, person):
    dialog = _open(qtbot, CustodyDialog(services.custody, person.id, person.display_name))
    dialog.prison_number.setText("12")
    dialog.submit()
    settle()
    assert dialog.fields.error_text("prison_id") == "Choose the prison."
    assert "for example A1234BC" in dialog.fields.error_text("prison_number")
    assert dialog.fields.error_text("reception_date") == "Enter the reception date."
    assert dialog.prison_number.text() == "12"
    assert len(services.custody.for_person(person.id)) == 1


def test_a_role_without_permission_is_told_in_the_banner(qtbot, services, person, fast_hash):
    """A supervisor cannot add orders: the service refuses and the form says why."""
    services.ctx.actor = add_staff_member(services, "sup", Role.SUPERVISOR, fast_hash)
    dialog = _open(qtbot, OrderDialog(services.orders, person.id, person.display_name))
    dialog.court.setText("York Magistrates' Court")
    dialog.sentence_date.setText("01/11/2026")
    dialog.hours_ordered.setValue(60)
    dialog.submit()
    settle()
    assert "Your role does not allow this" in dialog.banner.text()
    assert dialog.isVisible()


def test_tab_runs_through_the_fields_then_save_then_cancel(qtbot, services):
    dialog = _open(qtbot, PersonDialog(services.people))
    order: list[QWidget] = []
    widget: QWidget = dialog.crn
    for _ in range(40):
        order.append(widget)
        widget = present(widget.nextInFocusChain())
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isEnabled():
            widget = present(widget.nextInFocusChain())
        if widget is dialog.crn:
            break
    names = [w.accessibleName() or (w.text() if isinstance(w, TEXTUAL) else "") for w in order
             if isinstance(w, TEXTUAL) or w.accessibleName()]
    assert names.index("First name") < names.index("Surname") < names.index("Town")
    save = order.index(dialog.save_button)
    assert shown(order[save + 1], QPushButton).text() == "Cancel"
    assert order[save - 1] is dialog.responsible_officer
