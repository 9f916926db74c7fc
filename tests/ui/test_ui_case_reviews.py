"""Reviews due on the person's record and the resettlement worker's caseload (rules
TTG-REVIEWDUE and TTG-REVIEWTEXT): noted, shown with counts, closed by a review."""

from __future__ import annotations

from PySide6.QtCore import Qt

from upw_ttg.domain.case_reviews import CaseChangeKind
from upw_ttg.records.case_reviews import CaseReviewInput, ChangeNoteInput

from tests.ui.conftest import TODAY, settle
from ui.changes import change_bus
from ui.main_window import MainWindow
from ui.views.ttg.area import TtgArea


def _open(qtbot, services, ui_settings, person_id):
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.open_person(person_id)
    settle()
    page = window.person_page
    page.tabs.setCurrentIndex(page.REVIEWS)
    settle()
    return window, page


def test_a_change_noted_shows_as_due_and_a_review_closes_it(qtbot, services, ui_settings,
                                                             person, monkeypatch):
    window, page = _open(qtbot, services, ui_settings, person.id)
    tab = page.reviews
    assert tab.summary.text() == "No review due."
    assert not tab.review_button.isEnabled()
    assert not page.reviews_banner.isVisible()
    tab.note_button.click()
    dialog = tab.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData(CaseChangeKind.NEW_RELATIONSHIP.value))
    qtbot.keyClicks(dialog.detail, "A new partner with two young children")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle()
    assert tab.summary.text().startswith("<b>1 review due</b>: new relationship (")
    assert tab.items_model.rowCount() == 1
    assert tab.items_model.index(0, 2).data() == "A new partner with two young children"
    assert page.reviews_banner.isVisible()
    assert "Review due (1): new relationship on" in page.reviews_banner.text()
    assert tab.review_button.isEnabled()
    tab.review_button.click()
    dialog = tab.dialog
    qtbot.keyClicks(dialog.considered, "Checked the partner with children's services.")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle()
    assert tab.summary.text().startswith("No review due. The last review was held on")
    assert tab.items_model.index(0, 3).data().startswith("Reviewed ")
    assert tab.reviews_model.rowCount() == 1
    assert not page.reviews_banner.isVisible()


def test_a_repeated_review_is_refused_by_its_field_and_the_text_kept(qtbot, services,
                                                                     ui_settings, person):
    reviews = services.case_reviews
    record = reviews.note_change(person.id, ChangeNoteInput(
        CaseChangeKind.LOST_CONTACT, TODAY, "No answer since Monday"))
    reviews.record_review(person.id, CaseReviewInput(
        "Spoke to his mother.", {i.id: i.version for i in record.open_items}))
    reviews.note_change(person.id, ChangeNoteInput(
        CaseChangeKind.LOST_CONTACT, TODAY, "No answer again"))
    window, page = _open(qtbot, services, ui_settings, person.id)
    page.reviews.review_button.click()
    dialog = page.reviews.dialog
    qtbot.keyClicks(dialog.considered, "spoke to his  MOTHER.")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.fields.error_text("considered")), timeout=5000)
    assert dialog.isVisible()
    assert "word for word" in dialog.fields.error_text("considered")
    assert dialog.considered.toPlainText() == "spoke to his  MOTHER."
    assert len(services.case_reviews.for_person(person.id).open_items) == 1


def test_the_caseload_lists_reviews_due_with_a_count_and_opens_the_record(
        qtbot, services, person, worker):
    episode = services.custody.for_person(person.id)[0]
    services.case_reviews.note_change(person.id, ChangeNoteInput(
        CaseChangeKind.LOST_CONTACT, TODAY, "Missed the family visit"))
    area = TtgArea(services)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.caseload.worker.setCurrentIndex(0)  # all workers
    area.show()
    settle()
    page = area.caseload
    texts = {page.lists.item(r).data(Qt.ItemDataRole.UserRole): page.lists.item(r).text()
             for r in range(page.lists.count())}
    assert texts["reviews_due"] == "Reviews due  (1)"
    page.select_list("reviews_due")
    settle()
    row = page.proxy.row_object(0)
    assert (row.episode_id, row.date) == (episode.id, TODAY)
    assert row.note == "Loss of contact: Missed the family visit"
    opened: list[int] = []
    change_bus().on_open_person(area, opened.append)
    page.open_row(row)
    assert opened == [person.id]
