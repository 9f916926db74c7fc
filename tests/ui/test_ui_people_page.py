"""The People page: type-ahead search, the lazily loaded list, opening and adding people."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from tests.ui.conftest import make_person, settle
from ui.changes import change_bus
from ui.models.people_model import PeopleTableModel
from ui.views.people_page import SEARCH_DELAY_MS, PeoplePage


def _page(qtbot, services, ui_settings) -> PeoplePage:
    page = PeoplePage(services, ui_settings)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    settle()  # the list is read on a worker
    return page


def test_empty_box_lists_everyone_in_surname_order(qtbot, services, ui_settings):
    make_person(services, "X000001", "Zoë", "Williams")
    make_person(services, "X000002", "Aled", "Ap Rhys")
    page = _page(qtbot, services, ui_settings)
    assert page.model.browsing
    assert [page.proxy.row_object(r).crn for r in range(page.proxy.rowCount())] == \
        ["X000002", "X000001"]
    assert "2 people" in page.count_label.text()


def test_typing_filters_after_a_short_pause(qtbot, services, ui_settings):
    """Typing searches (debounced) by name, CRN and date of birth."""
    make_person(services, "X000001", "Zoë", "Williams")
    make_person(services, "X000002", "Aled", "Ap Rhys")
    make_person(services, "D000003", "Rhiannon", "Williamson")
    page = _page(qtbot, services, ui_settings)
    qtbot.keyClicks(page.search, "will")
    assert page.model.browsing  # nothing yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: not page.model.browsing, timeout=SEARCH_DELAY_MS * 10)
    assert {page.proxy.row_object(r).crn for r in range(page.proxy.rowCount())} == \
        {"X000001", "D000003"}
    assert "2 matches" in page.count_label.text()
    page.search.setText("D000003")
    page.run_search()
    assert page.proxy.rowCount() == 1
    page.search.setText("17/05/1990")
    page.run_search()
    assert page.proxy.rowCount() == 3
    page.search.setText("nobody-like-this")
    page.run_search()
    assert page.proxy.rowCount() == 0
    assert "No one matches" in page.count_label.text()
    page.search.clear()
    page.run_search()
    assert page.model.browsing and page.proxy.rowCount() == 3


def test_prison_number_finds_the_person(qtbot, services, ui_settings, person):
    page = _page(qtbot, services, ui_settings)
    page.search.setText("A1234")
    page.run_search()
    assert page.proxy.rowCount() == 1
    assert not page.table.isColumnHidden(page.model.PRISON_NUMBER)
    assert page.proxy.index(0, page.model.PRISON_NUMBER).data() == "A1234BC"


def test_enter_in_the_search_box_opens_a_single_match(qtbot, services, ui_settings, person):
    page = _page(qtbot, services, ui_settings)
    qtbot.keyClicks(page.search, "X123456")
    with qtbot.waitSignal(change_bus().person_requested, timeout=2000) as blocker:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert blocker.args == [person.id]


def test_enter_on_a_table_row_opens_it(qtbot, services, ui_settings, person):
    page = _page(qtbot, services, ui_settings)
    page.table.setFocus()
    page.table.selectRow(0)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    with qtbot.waitSignal(change_bus().person_requested, timeout=2000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == [person.id]


def test_new_person_is_added_and_opened(qtbot, services, ui_settings):
    page = _page(qtbot, services, ui_settings)
    page.new_person()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.crn.setText("x765432")
    dialog.forename.setText("Gwenllïan")
    dialog.surname.setText("Ŵyn-Llŷr")
    dialog.date_of_birth.setText("3/12/1990")
    dialog.gender_category.setCurrentIndex(dialog.gender_category.findText("Woman"))
    with qtbot.waitSignal(change_bus().person_requested, timeout=2000) as blocker:
        dialog.submit()
    record = services.people.get(blocker.args[0])
    assert (record.crn, record.surname) == ("X765432", "Ŵyn-Llŷr")
    assert page.proxy.rowCount() == 1 and page.search.text() == "X765432"


def test_the_list_loads_more_people_as_it_scrolls(qtbot, services, ui_settings, monkeypatch):
    """With more than one batch, the view fetches the next batch when scrolled to the end."""
    monkeypatch.setattr(PeopleTableModel, "BATCH_SIZE", 5)
    for number in range(12):
        make_person(services, f"X{number:06d}", "Alex", f"Surname-{'abcdefghijkl'[number]}")
    page = _page(qtbot, services, ui_settings)
    assert len(page.model.read_first_batch()[1]) == 5  # read a batch at a time
    # The view asks for more while it has room; a short view holds one batch.
    assert page.model.rowCount() in (5, 10, 12)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 5, timeout=2000)
    assert page.model.total == 12
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 12


def test_the_list_is_read_off_the_gui_thread_and_says_so_meanwhile(qtbot, services, ui_settings,
                                                                   monkeypatch):
    make_person(services, "X000001", "Alex", "Able")
    threads: list[bool] = []
    real = services.people.list_page

    def on_which_thread(offset, limit):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(offset, limit)

    monkeypatch.setattr(services.people, "list_page", on_which_thread)
    page = PeoplePage(services, ui_settings)
    qtbot.addWidget(page)
    assert page.count_label.text() == "Reading the list of people…"
    settle()
    assert threads == [False]
    assert page.model.rowCount() == 1 and page.count_label.text() == "1 person, in surname order."
