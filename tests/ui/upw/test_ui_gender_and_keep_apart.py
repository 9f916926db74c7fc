"""The person form's gender for placements, its confirmation banner, keep-apart pairs on the
record, and adding several people to a session together."""

from __future__ import annotations

from upw_ttg.domain.codes import Gender, GenderCategory, KeepApartKind, Role
from upw_ttg.records.upw import PlacementRequest

from tests.narrowing import present
from tests.ui.conftest import add_staff_member, settle
from ui.changes import change_bus
from ui.dialogs.person_dialog import ConfirmGenderDialog, PersonDialog
from ui.dialogs.upw.keep_apart_dialog import HIDDEN, KeepApartDialog
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.settings import UiSettings
from ui.views.person_page import PersonPage

DETAIL = "Co-accused in the Hessle Road burglary"


def _find(dialog, text: str) -> None:
    dialog.picker.search.setText(text)
    dialog.picker.run_search()


def test_the_form_asks_the_gender_for_placements_apart_from_the_own_words(qtbot, services):
    dialog = PersonDialog(services.people)
    qtbot.addWidget(dialog)
    combo = dialog.gender_category
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Choose…", "Woman", "Man", "Non-binary", "Not stated"]
    dialog.crn.setText("X123456")
    dialog.forename.setText("Ros")
    dialog.surname.setText("Hall")
    dialog.date_of_birth.setText("02/03/1991")
    dialog.gender_identity.setText("Woman (she/her)")
    combo.setCurrentIndex(combo.findData(GenderCategory.WOMAN))
    settle()
    with qtbot.waitSignal(dialog.saved, timeout=2000) as blocker:
        dialog.submit()
        settle()
    record = blocker.args[0]
    assert record.gender_category == GenderCategory.WOMAN
    assert record.gender_identity == "Woman (she/her)"
    edit = PersonDialog(services.people, record)
    qtbot.addWidget(edit)
    assert edit.gender_category.currentData() == GenderCategory.WOMAN
    assert edit.gender_category.findText("Choose…") == -1


def test_an_unconfirmed_record_shows_a_banner_until_it_is_confirmed(qtbot, services, world,
                                                                    tmp_path):
    person_id = world.person(Gender.FEMALE, gender_identity="Trans")
    page = PersonPage(services, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(page)
    page.show()
    page.load(person_id)
    details = page.details
    assert details.gender_banner.isVisible() and details.confirm_button.isVisible()
    assert "not yet confirmed" in details.gender_banner.text()
    assert "“Trans”" in details.gender_banner.text()
    assert details.values["gender_category"].text() == "Not yet confirmed"
    edit = PersonDialog(services.people, page.record)
    qtbot.addWidget(edit)
    assert edit.gender_category.currentText() == "Not yet confirmed"
    page.confirm_gender()
    dialog = page.dialog
    assert isinstance(dialog, ConfirmGenderDialog)
    dialog.submit()
    settle()
    assert dialog.fields.error_text("gender_category")
    dialog.gender_category.setCurrentIndex(
        dialog.gender_category.findData(GenderCategory.WOMAN))
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    assert not details.gender_banner.isVisible() and not details.confirm_button.isVisible()
    assert details.values["gender_category"].text() == "Woman"
    assert services.people.get(person_id).gender_identity == "Trans"


def test_two_women_join_a_mixed_group_together(qtbot, services, world):
    """The lone-woman refusal says to select both and add them together, and that works."""
    sid = world.session()
    for _ in range(2):
        services.upw.placement.place(world.placeable()[1], sid)
    first = world.placeable(Gender.FEMALE, person={"crn": "W100001"})
    second = world.placeable(Gender.FEMALE, person={"crn": "W100002"})
    dialog = SessionDialog(services, sid, world.unit)
    qtbot.addWidget(dialog)
    place = present(dialog.add_person())
    qtbot.addWidget(place)
    _find(place, "W100001")
    assert "Select her and another woman and add them together" in place.rules.text()
    assert not place.save_button.isEnabled()
    place.add_another.click()
    settle()
    assert place.together_list.count() == 1
    _find(place, "W100002")
    assert "No rule stands in the way" in place.rules.text()
    assert "2 people together" in place.rules.text()
    assert place.save_button.isEnabled() and place.save_button.text() == "&Place 2 together"
    with qtbot.waitSignal(change_bus().announced, timeout=2000) as blocker:
        place.submit()
        settle()
    assert blocker.args[0].startswith("Placed Cerys")
    placed = {p.person_id for p in services.upw.sessions.detail(sid).people}
    assert {first[0], second[0]} <= placed and len(placed) == 4
    # Taking someone off the list is judged again.
    again = present(dialog.add_person())
    qtbot.addWidget(again)
    _find(again, "W100001")
    again.add_another.click()
    settle()
    again.together_list.setCurrentRow(0)
    again.take_out.click()
    settle()
    assert again.together_list.count() == 0 and not again.save_button.isEnabled()


def test_keep_apart_dialog_records_shows_and_ends_pairs(qtbot, services, world, fast_hash):
    sid = world.session()
    a = world.placeable(person={"crn": "K100001"})
    b = world.placeable(person={"crn": "K100002"})
    services.upw.placement.place_many([PlacementRequest(a[1], sid), PlacementRequest(b[1], sid)])
    services.ctx.actor = add_staff_member(services, "coord2", Role.COORDINATOR, fast_hash)
    record = services.people.get(a[0])
    dialog = KeepApartDialog(services, record)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0
    dialog.record_button.click()
    settle()
    assert dialog.fields.error_text("other_person_id")
    _find(dialog, "K100002")
    assert "This breaks 1 future booking" in dialog.preview.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(KeepApartKind.CO_DEFENDANT))
    settle()
    dialog.detail.setText(DETAIL)
    dialog.record_button.click()
    settle()
    assert "1 future booking now breaks this" in dialog.banner.text()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 2).data() == DETAIL
    assert dialog.model.index(0, 4).data() == "Current"
    # A resettlement worker sees the pair, not why, and cannot change it.
    services.ctx.actor = add_staff_member(services, "kaworker", Role.RESETTLEMENT_WORKER,
                                          fast_hash)
    other = KeepApartDialog(services, services.people.get(b[0]))
    qtbot.addWidget(other)
    other.show()
    assert other.model.index(0, 2).data() == HIDDEN
    assert DETAIL not in other.model.index(0, 0).data()
    other.table.selectRow(0)
    assert not other.end_button.isEnabled()
    services.ctx.actor = add_staff_member(services, "kamanager", Role.MANAGER, fast_hash)
    dialog.reload()
    settle()
    dialog.table.selectRow(0)
    assert dialog.end_button.isEnabled()
    dialog.end_button.click()
    settle()
    assert "Say why" in dialog.banner.text()
    dialog.end_reason.setText("Charges against one were dropped")
    dialog.end_button.click()
    settle()
    assert dialog.model.index(0, 4).data().startswith("Ended 26/11/2026 by Kamanager")
    assert not services.upw.keep_apart.pairs_for(a[0], include_ended=False)


def test_the_people_page_lists_those_to_confirm(qtbot, services, world, tmp_path):
    from ui.views.people_page import PeoplePage

    world.person(Gender.MALE)
    page = PeoplePage(services, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(page)
    page.show()
    assert not page.confirm_button.isVisible()
    person_id = world.person(Gender.FEMALE, gender_identity="Genderfluid")
    page.refresh_unconfirmed()
    assert page.confirm_button.isVisible() and "(1)" in page.confirm_button.text()
    page.confirm_button.click()
    settle()
    dialog = present(page.unconfirmed_dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 3).data() == "Genderfluid"
    with qtbot.waitSignal(change_bus().person_requested, timeout=2000) as blocker:
        dialog.open_button.click()
        settle()
    assert blocker.args == [person_id]
